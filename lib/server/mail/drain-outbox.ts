import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { outbox, type OutboxAttachment } from "@/db/schema";
import type { FileStore } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import type { Mailer } from "./mailer";
import { renderMail } from "./render-mail";

/** How long the outbox keeps trying a mail (from queueing, or from « Renvoyer ») before marking it failed. */
export const RETRY_WINDOW_MS = 48 * 60 * 60_000;
/** A claimed row not settled after this long belongs to a sender that crashed: it becomes due again. */
export const SENDING_LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 30_000;
// Short enough that mails leave soon after a provider comes back, long enough to be no load during an outage.
const MAX_RETRY_MS = 20 * 60_000;

export type DrainOptions = {
  mailer: Mailer;
  fileStore?: FileStore;
  now?: () => Date;
  batchSize?: number;
};

export type DrainReport = { sent: number; retried: number; failed: number };

type ClaimedRow = {
  id: string;
  template: string;
  to_address: string;
  subject: string;
  payload: unknown;
  attachments: OutboxAttachment[] | string;
  attempts: number;
  retry_until: string | Date;
};

/** 30 s after the first failure, then doubling, capped at 20 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Claims rows due by the end of `now`'s millisecond (the database stamps microseconds, the clock here
 * milliseconds) in one short statement (several senders never claim the same row: FOR UPDATE
 * SKIP LOCKED), counts the attempt and leases the row; a crash mid-send leaves the lease to expire.
 */
async function claimDueMails(db: Db, now: Date, limit: number): Promise<ClaimedRow[]> {
  const leaseUntil = new Date(now.getTime() + SENDING_LEASE_MS);
  const result = await db.execute(sql`
    update ${outbox}
       set status = 'sending', attempts = attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
     where id in (
       select id from ${outbox}
        where status in ('pending', 'sending') and next_attempt_at < ${new Date(now.getTime() + 1).toISOString()}::timestamptz
        order by next_attempt_at
        limit ${limit}
        for update skip locked)
    returning id, template, to_address, subject, payload, attachments, attempts, retry_until`);
  return rowsOf<ClaimedRow>(result);
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

async function sendOne(row: ClaimedRow, mailer: Mailer, store: () => Promise<FileStore>) {
  const rendered = await renderMail(row.template, typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload);
  const attachments = typeof row.attachments === "string" ? JSON.parse(row.attachments) as OutboxAttachment[] : row.attachments;
  const files = await Promise.all(attachments.map(async (attachment) => ({
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: await (await store()).get(attachment.fileKey),
  })));
  return mailer.send({ idempotencyKey: row.id, to: row.to_address, subject: row.subject, html: rendered.html, text: rendered.text, attachments: files });
}

/**
 * Sends what is due in the outbox, once each, and records the outcome: provider id and time on
 * success; otherwise the error and a later retry (growing delays, at most 20 minutes apart) until the
 * mail's deadline, 48 h after it was queued; only then is it marked failed, for « Renvoyer ».
 */
export async function drainOutbox(db: Db, options: DrainOptions): Promise<DrainReport> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 20;
  const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
  // A full batch means more may be due; failed rows move to the future, so this ends.
  for (let round = 0; round < 50; round += 1) {
    const claimed = await claimDueMails(db, now(), batchSize);
    await settleClaimed(db, claimed, options, report);
    if (claimed.length < batchSize) break;
  }
  return report;
}

async function settleClaimed(db: Db, claimed: ClaimedRow[], options: DrainOptions, report: DrainReport): Promise<void> {
  const now = options.now ?? (() => new Date());
  const store = async () => options.fileStore ?? getFileStore();
  for (const row of claimed) {
    try {
      const delivery = await sendOne(row, options.mailer, store);
      await db.update(outbox)
        .set({ status: "sent", providerId: delivery.providerId, sentAt: now(), lastError: null })
        .where(eq(outbox.id, row.id));
      report.sent += 1;
    } catch (error) {
      // A provider outage is waited out: retries go on until the mail's deadline, the last one at the deadline itself.
      const failedAt = now().getTime();
      const retryUntil = new Date(row.retry_until).getTime();
      const isExhausted = failedAt >= retryUntil;
      await db.update(outbox)
        .set({
          status: isExhausted ? "failed" : "pending",
          lastError: describeError(error),
          nextAttemptAt: new Date(Math.min(failedAt + retryDelayMs(row.attempts), Math.max(retryUntil, failedAt))),
        })
        .where(eq(outbox.id, row.id));
      if (isExhausted) report.failed += 1;
      else report.retried += 1;
    }
  }
}
