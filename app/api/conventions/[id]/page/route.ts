import { z } from "zod";
import { getDb } from "@/db/client";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";
import { renderConventionPageImage } from "@/lib/server/visual-comparison/render-convention-page-image";

/**
 * GET /api/conventions/<uuid>/page?page=N — one page of the convention's file as a PNG at 100 dpi,
 * for "Comparer avec l'original". Same choice and authorization as the Conv. PDF route:
 * `?version=original`, `?version=current` or `?depot=<id>`; another school's convention is not found.
 */
export const GET = createRouteHandler({
  caller: "session",
  params: z.object({ id: z.string() }),
  query: z.object({ version: z.string().optional(), depot: z.string().optional(), page: z.string().optional(), dpi: z.string().optional() }),
  errors: "text",
  failureMessage: "L'image de la page n'a pas pu être produite. Réessayez dans un instant.",
  handle: async ({ request, actor, params: { id }, query }) => {
    const { version } = query;
    const pageParam = query.page ?? "";
    const dpiParam = query.dpi ?? null;
    const { png, etag } = await renderConventionPageImage(await getDb(), actor, {
      conventionId: id,
      version: version === "original" || version === "current" ? version : undefined,
      depositId: query.depot,
      page: /^\d{1,3}$/.test(pageParam) ? Number(pageParam) : Number.NaN,
      dpi: dpiParam === null ? undefined : /^\d{1,4}$/.test(dpiParam) ? Number(dpiParam) : Number.NaN,
    });
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(png.length),
        // A (file, page, dpi) image never changes; it stays in this user's browser only.
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
        ETag: etag,
      },
    });
  },
});
