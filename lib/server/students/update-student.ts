import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventions, enrollments, students } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError } from "@/lib/core/errors";
import { normalizeSearchText } from "@/lib/core/text/normalize-search-text";
import type { Actor } from "@/lib/core/auth/actor";
import { parseFormInput } from "@/lib/server/internships/parse-form-input";
import { studentFormSchema } from "./student-form-schema";

/**
 * Origin staff correct one of their pupils. The conventions tabs sort and search on copies of the
 * names, so those copies change in the same transaction.
 */
export async function updateStudent(
  db: Db,
  actor: Actor,
  { studentId, ...input }: { studentId: string } & Record<string, unknown>,
): Promise<{ studentId: string; updatedConventions: number }> {
  if (actor.role !== "origin_staff") throw new AppError("FORBIDDEN");
  if (!isUuid(studentId)) throw new AppError("NOT_FOUND", "Stagiaire introuvable.");
  const form = parseFormInput(studentFormSchema, input);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(students)
      .set({ ...form, searchText: normalizeSearchText(form.lastName, form.firstName) })
      .where(and(eq(students.id, studentId), eq(students.originSchoolId, actor.schoolId)))
      .returning({ id: students.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "Stagiaire introuvable.");

    const copies = await tx
      .select({ id: conventions.id, originSchoolName: conventions.originSchoolName })
      .from(conventions)
      .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
      .where(eq(enrollments.studentId, studentId));
    const byOriginName = new Map<string, string[]>();
    for (const copy of copies) byOriginName.set(copy.originSchoolName, [...(byOriginName.get(copy.originSchoolName) ?? []), copy.id]);
    for (const [originSchoolName, ids] of byOriginName) {
      await tx
        .update(conventions)
        .set({
          studentLastName: form.lastName,
          studentFirstName: form.firstName,
          guardianName: form.guardianName,
          searchText: normalizeSearchText(form.lastName, form.firstName, originSchoolName),
        })
        .where(inArray(conventions.id, ids));
    }
    return { studentId, updatedConventions: copies.length };
  });
}
