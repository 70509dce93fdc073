import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { conventionSearchColumns } from "@/db/queries/convention-search-columns";
import { conventionEvents, conventions, enrollments, internships } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { conventionSearchText } from "@/lib/core/text/search-texts";
import { labelOf } from "./apply-convention-transition";

/** The pupil's names as a convention keeps a copy of them (for its tabs' sort and search). */
export type CorrectedNames = { lastName: string; firstName: string; guardianName: string };

/**
 * Carries a corrected pupil into the copies its conventions keep: each changed convention gets a
 * new version and a history line saying what changed, inside the caller's transaction.
 */
export async function recordStudentCorrection(
  tx: Tx,
  { studentId, names, actor, now = new Date() }: { studentId: string; names: CorrectedNames; actor: Actor; now?: Date },
): Promise<{ updatedConventions: number }> {
  const copies = await tx
    .select({
      id: conventions.id,
      state: conventions.state,
      version: conventions.version,
      ...conventionSearchColumns,
    })
    .from(conventions)
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .where(eq(enrollments.studentId, studentId));
  let updatedConventions = 0;
  for (const copy of copies) {
    const changes = describeChanges(copy, names);
    if (changes.length === 0) continue;
    const updated = await tx
      .update(conventions)
      .set({
        studentLastName: names.lastName,
        studentFirstName: names.firstName,
        guardianName: names.guardianName,
        searchText: conventionSearchText({
          ...copy,
          studentLastName: names.lastName,
          studentFirstName: names.firstName,
          guardianName: names.guardianName,
        }),
        version: sql`${conventions.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(conventions.id, copy.id), eq(conventions.version, copy.version)))
      .returning({ id: conventions.id });
    if (updated.length === 0) throw new AppError("CONCURRENT_CHANGE");
    await tx.insert(conventionEvents).values({
      conventionId: copy.id,
      event: "correct_student",
      fromState: copy.state,
      toState: copy.state,
      actorUserId: actor.userId,
      actorLabel: labelOf({ kind: "user", actor }),
      note: changes.join(" ; "),
      createdAt: now,
    });
    updatedConventions++;
  }
  return { updatedConventions };
}

function describeChanges(
  copy: { studentLastName: string; studentFirstName: string; guardianName: string },
  names: CorrectedNames,
): string[] {
  const fields: Array<[string, string, string]> = [
    ["Nom", copy.studentLastName, names.lastName],
    ["Prénom", copy.studentFirstName, names.firstName],
    ["Responsable légal", copy.guardianName, names.guardianName],
  ];
  return fields.filter(([, before, after]) => before !== after).map(([label, before, after]) => `${label} : ${before} → ${after}`);
}
