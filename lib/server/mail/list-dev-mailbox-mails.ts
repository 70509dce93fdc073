import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { AppError } from "@/lib/core/errors";
import { isDevMailboxEnabled } from "./is-dev-mailbox-enabled";

export type DevMailboxEntry = {
  id: string;
  createdAt: Date;
  toAddress: string;
  subject: string;
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attachmentCount: number;
};

/** Every mail of the outbox, newest first; only where the dev mailbox exists (never in production). */
export async function listDevMailboxMails(db: Db, limit = 200): Promise<DevMailboxEntry[]> {
  if (!isDevMailboxEnabled()) throw new AppError("NOT_FOUND");
  const rows = await db
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      template: outbox.template,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      attachments: outbox.attachments,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
  return rows.map(({ attachments, ...row }) => ({ ...row, attachmentCount: attachments.length }));
}
