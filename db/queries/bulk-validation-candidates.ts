import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, deposits, pinnedSignerKeys, trustAnchors } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import type { BulkValidationCandidate } from "@/lib/core/conventions/convention-verification";

export type BulkCandidateRow = BulkValidationCandidate & {
  studentLastName: string;
  studentFirstName: string;
  originSchoolId: string;
  /** The host school keeps trust anchors, or accepted signers of this origin school: the signer must be known. */
  requiresKnownSigner: boolean;
};

/**
 * The conventions of the actor's host school among `ids`, with their current deposit's analysis and
 * the trust policy that applies to each; another school's conventions are simply absent.
 */
export async function findBulkValidationCandidates(db: DbOrTx, actor: Actor, ids: string[]): Promise<Map<string, BulkCandidateRow>> {
  if (ids.length === 0 || actor.role !== "host_admin") return new Map();
  const rows = await db
    .select({
      conventionId: conventions.id,
      state: conventions.state,
      version: conventions.version,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      originSchoolId: conventions.originSchoolId,
      verdict: deposits.verdict,
      recognition: deposits.recognition,
      analysis: deposits.analysis,
      hasAnchors: sql<boolean>`exists (select 1 from ${trustAnchors} where ${trustAnchors.schoolId} = ${conventions.hostSchoolId})`,
      hasPins: sql<boolean>`exists (select 1 from ${pinnedSignerKeys} where ${pinnedSignerKeys.hostSchoolId} = ${conventions.hostSchoolId}
        and ${pinnedSignerKeys.originSchoolId} = ${conventions.originSchoolId})`,
    })
    .from(conventions)
    .leftJoin(deposits, eq(deposits.id, conventions.currentDepositId))
    .where(and(eq(conventions.hostSchoolId, actor.schoolId), inArray(conventions.id, ids)));
  const isTrue = (value: unknown) => value === true || value === "t" || value === "true";
  return new Map(rows.map((row) => [row.conventionId, {
    conventionId: row.conventionId,
    state: row.state,
    version: row.version,
    isInvalidated: row.invalidatedAt !== null,
    invalidationReason: row.invalidationReason,
    studentLastName: row.studentLastName,
    studentFirstName: row.studentFirstName,
    originSchoolId: row.originSchoolId,
    requiresKnownSigner: isTrue(row.hasAnchors) || isTrue(row.hasPins),
    deposit: row.verdict && row.recognition
      ? { verdict: row.verdict, recognition: row.recognition, analysis: (row.analysis ?? {}) as NonNullable<BulkValidationCandidate["deposit"]>["analysis"] }
      : null,
  }]));
}
