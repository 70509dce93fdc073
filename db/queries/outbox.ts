import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { conventions, outbox } from "../schema";
import type { Actor } from "@/lib/server/auth/actor";

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
