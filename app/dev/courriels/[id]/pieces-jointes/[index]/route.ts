import { z } from "zod";
import { getDb } from "@/db/client";
import { findDevMailboxMail } from "@/lib/server/mail/find-dev-mailbox-mail";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";

/** Downloads one attachment of a mail of the dev mailbox (which exists only without a provider, outside production). */
export const GET = createRouteHandler({
  // The dev mailbox has no accounts: findDevMailboxMail refuses when it is not enabled.
  caller: "public",
  params: z.object({ id: z.string(), index: z.string() }),
  errors: "text",
  handle: async ({ params: { id, index } }) => {
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
  },
});
