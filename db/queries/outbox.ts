import { and, desc, eq, isNull, or, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "../client";
import { conventions, outbox } from "../schema";
import type { Actor } from "@/lib/core/auth/actor";

export type FailedMail = {
  id: string;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
};

/**
 * Mails about this convention the portal gave up sending; only the host admins of the convention's
 * host school see them (anyone else gets an empty list, as for an unknown convention).
 */
export async function listFailedMailsForConvention(actor: Actor, conventionId: string): Promise<FailedMail[]> {
  if (actor.role !== "host_admin") return [];
  const db = await getDb();
  return db
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .innerJoin(conventions, eq(conventions.id, outbox.conventionId))
    .where(and(
      eq(outbox.conventionId, conventionId),
      eq(conventions.hostSchoolId, actor.schoolId),
      eq(outbox.status, "failed"),
    ))
    .orderBy(desc(outbox.createdAt));
}

/** Mails sent on behalf of the actor's host school: its own, or (rows queued before the column) its conventions'. */
export function hostSchoolMailScope(actor: Actor): SQL {
  return or(
    eq(outbox.hostSchoolId, actor.schoolId),
    and(isNull(outbox.hostSchoolId), eq(conventions.hostSchoolId, actor.schoolId)),
  )!;
}

export type FailedMailForHost = FailedMail & { conventionId: string | null; template: string };

/**
 * Every mail of the host school the portal gave up sending, with or without a convention (the
 * notice of a cancelled session has none), for the dashboard's « Renvoyer »; host admins only.
 */
export async function listFailedMailsForHost(db: DbOrTx, actor: Actor, limit = 50): Promise<FailedMailForHost[]> {
  if (actor.role !== "host_admin") return [];
  return db
    .select({
      id: outbox.id,
      conventionId: outbox.conventionId,
      template: outbox.template,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .leftJoin(conventions, eq(conventions.id, outbox.conventionId))
    .where(and(eq(outbox.status, "failed"), hostSchoolMailScope(actor)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}
