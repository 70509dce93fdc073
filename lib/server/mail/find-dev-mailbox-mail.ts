import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox, type OutboxAttachment } from "@/db/schema";
import { AppError } from "@/lib/core/errors";
import { isDevMailboxEnabled } from "./is-dev-mailbox-enabled";
import { renderMail } from "./render-mail";
import { isUuid } from "@/lib/core/is-uuid";

export type DevMailboxMail = {
  id: string;
  createdAt: Date;
  toAddress: string;
  subject: string;
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  sentAt: Date | null;
  attachments: OutboxAttachment[];
  /** The payload's links (deep link, deposit link), shown outside the mail so tests and developers can follow them. */
  links: { name: string; url: string }[];
  html: string | null;
  text: string | null;
  renderError: string | null;
};


/** One outbox mail rendered as its recipient sees it; only where the dev mailbox exists. */
export async function findDevMailboxMail(db: Db, id: string): Promise<DevMailboxMail> {
  if (!isDevMailboxEnabled() || !isUuid(id)) throw new AppError("NOT_FOUND", "Courriel introuvable.");
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new AppError("NOT_FOUND", "Courriel introuvable.");
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const links = Object.entries(payload)
    .filter((entry): entry is [string, string] => entry[0].endsWith("Url") && typeof entry[1] === "string")
    .map(([name, url]) => ({ name, url }));
  let rendered: { html: string; text: string } | null = null;
  let renderError: string | null = null;
  try {
    rendered = await renderMail(row.template, payload);
  } catch (error) {
    renderError = error instanceof Error ? error.message : String(error);
  }
  return {
    id: row.id,
    createdAt: row.createdAt,
    toAddress: row.toAddress,
    subject: row.subject,
    template: row.template,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    providerId: row.providerId,
    sentAt: row.sentAt,
    attachments: row.attachments,
    links,
    html: rendered?.html ?? null,
    text: rendered?.text ?? null,
    renderError,
  };
}
