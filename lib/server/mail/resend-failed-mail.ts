import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { hostSchoolMailScope } from "@/db/queries/outbox";
import { conventions, outbox } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/is-uuid";
import { RETRY_WINDOW_MS } from "./drain-outbox";

/**
 * « Renvoyer »: a failed mail of the host admin's school goes back to the outbox as if just queued
 * (due now, 48 h of retries again). A mail of another school, or one not failed, is "not found".
 */
export async function resendFailedMail(db: Db, actor: Actor, { mailId, now = new Date() }: { mailId: string; now?: Date }): Promise<void> {
  if (actor.role !== "host_admin") throw new AppError("FORBIDDEN");
  if (!isUuid(mailId)) throw new AppError("NOT_FOUND", "Ce courriel est introuvable ou a déjà été renvoyé.");
  const ownFailedMail = db
    .select({ id: outbox.id })
    .from(outbox)
    .leftJoin(conventions, eq(conventions.id, outbox.conventionId))
    .where(and(eq(outbox.id, mailId), eq(outbox.status, "failed"), hostSchoolMailScope(actor)));
  const updated = await db.update(outbox)
    .set({
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
    })
    .where(and(eq(outbox.status, "failed"), inArray(outbox.id, ownFailedMail)))
    .returning({ id: outbox.id });
  if (updated.length === 0) throw new AppError("NOT_FOUND", "Ce courriel est introuvable ou a déjà été renvoyé.");
}
