import { getDb } from "@/db/client";
import { isAppError } from "@/lib/core/errors";
import { requireActorOrThrow } from "@/lib/server/auth/require-actor";
import { renderConventionPageImage } from "@/lib/server/visual-comparison/render-convention-page-image";

/**
 * GET /api/conventions/<uuid>/page?page=N — one page of the convention's file as a PNG at 100 dpi,
 * for "Comparer avec l'original". Same choice and authorization as the Conv. PDF route:
 * `?version=original`, `?version=current` or `?depot=<id>`; another school's convention is not found.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActorOrThrow();
    const { id } = await params;
    const url = new URL(request.url);
    const version = url.searchParams.get("version");
    const pageParam = url.searchParams.get("page") ?? "";
    const dpiParam = url.searchParams.get("dpi");
    const { png, etag } = await renderConventionPageImage(await getDb(), actor, {
      conventionId: id,
      version: version === "original" || version === "current" ? version : undefined,
      depositId: url.searchParams.get("depot") ?? undefined,
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
  } catch (error) {
    if (isAppError(error)) {
      return new Response(error.userMessage, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    console.error("Page image failed", error);
    return new Response("L'image de la page n'a pas pu être produite. Réessayez dans un instant.", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
