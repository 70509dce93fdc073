import { z } from "zod";
import { getDb } from "@/db/client";
import { findConventionFile } from "@/db/queries/convention-file";
import { AppError } from "@/lib/core/errors";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";

/**
 * GET /api/conventions/<uuid>/pdf — the "Conv." rule: the original, unless the convention is
 * validated, then the validated deposit. `?version=original` (tab 1), `?version=current` (tabs 2
 * and 3) or `?depot=<id>` (history) ask for one file; `?apercu=1` serves it inline for the preview.
 */
export const GET = createRouteHandler({
  caller: "session",
  params: z.object({ id: z.string() }),
  query: z.object({ version: z.string().optional(), depot: z.string().optional(), apercu: z.string().optional() }),
  errors: "text",
  redirectToLogin: true,
  failureMessage: "Le téléchargement a échoué. Réessayez dans un instant.",
  handle: async ({ actor, params: { id }, query }) => {
    const { version } = query;
    const file = await findConventionFile(await getDb(), actor, id, {
      version: version === "original" || version === "current" ? version : undefined,
      depositId: query.depot,
    });
    if (!file) throw new AppError("CONVENTION_NOT_FOUND");
    const bytes = await (await getFileStore()).get(file.fileKey).catch(() => null);
    if (!bytes) throw new AppError("NOT_FOUND", "Le fichier de cette convention est introuvable.");
    const disposition = query.apercu === "1" ? "inline" : "attachment";
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(bytes.length),
        "Content-Disposition": `${disposition}; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        ETag: `"${file.sha256}"`,
      },
    });
  },
});
