import { getDb } from "@/db/client";
import { isAppError } from "@/lib/core/errors";
import { findDevMailboxMail } from "@/lib/server/mail/find-dev-mailbox-mail";
import { getFileStore } from "@/lib/server/files/get-file-store";

/** Downloads one attachment of a mail of the dev mailbox (which exists only without a provider, outside production). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; index: string }> }): Promise<Response> {
  const { id, index } = await params;
  try {
    const mail = await findDevMailboxMail(await getDb(), id);
    const attachment = /^\d+$/.test(index) ? mail.attachments[Number(index)] : undefined;
    if (!attachment) return new Response("Pièce jointe introuvable.", { status: 404 });
    const bytes = await (await getFileStore()).get(attachment.fileKey);
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": attachment.contentType,
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response(error.userMessage, { status: error.status });
    throw error;
  }
}
