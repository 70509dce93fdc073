import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { students } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError } from "@/lib/core/errors";
import { studentSearchText } from "@/lib/core/text/search-texts";
import type { Actor } from "@/lib/core/auth/actor";
import { recordStudentCorrection } from "@/lib/server/conventions/record-student-correction";
import { parseFormInput } from "@/lib/server/internships/parse-form-input";
import { studentFormSchema } from "./student-form-schema";

/**
 * Origin staff correct one of their pupils. The conventions keep copies of the names (their tabs
 * sort and search on them): those change in the same transaction, each with a version and a history line.
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
      .set({ ...form, searchText: studentSearchText(form) })
      .where(and(eq(students.id, studentId), eq(students.originSchoolId, actor.schoolId)))
      .returning({ id: students.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "Stagiaire introuvable.");

    const { updatedConventions } = await recordStudentCorrection(tx, {
      studentId,
      names: { lastName: form.lastName, firstName: form.firstName, guardianName: form.guardianName },
      actor,
    });
    return { studentId, updatedConventions };
  });
}
