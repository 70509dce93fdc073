import { getDb } from "@/db/client";
import { findConventionFile } from "@/db/queries/conventions";
import { AppError, isAppError } from "@/lib/core/errors";
import { requireActorOrThrow } from "@/lib/server/auth/require-actor";
import { getFileStore } from "@/lib/server/files/get-file-store";

/**
 * GET /api/conventions/<uuid>/pdf — the "Conv." rule: the original, unless the convention is
 * validated, then the validated deposit. `?version=original` (tab 1), `?version=current` (tabs 2
 * and 3) or `?depot=<id>` (history) ask for one file; `?apercu=1` serves it inline for the preview.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActorOrThrow();
    const { id } = await params;
    const url = new URL(request.url);
    const version = url.searchParams.get("version");
    const depositId = url.searchParams.get("depot") ?? undefined;
    const file = await findConventionFile(await getDb(), actor, id, {
      version: version === "original" || version === "current" ? version : undefined,
      depositId,
    });
    if (!file) throw new AppError("CONVENTION_NOT_FOUND");
    const bytes = await (await getFileStore()).get(file.fileKey).catch(() => null);
    if (!bytes) throw new AppError("NOT_FOUND", "Le fichier de cette convention est introuvable.");
    const disposition = url.searchParams.get("apercu") === "1" ? "inline" : "attachment";
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
  } catch (error) {
    if (isAppError(error)) {
      return new Response(error.userMessage, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    console.error("Convention download failed", error);
    return new Response("Le téléchargement a échoué. Réessayez dans un instant.", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
