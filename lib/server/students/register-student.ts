import type { DbOrTx } from "@/db/client";
import { students } from "@/db/schema";
import { AppError } from "@/lib/core/errors";
import { studentSearchText } from "@/lib/core/text/search-texts";
import type { Actor } from "@/lib/core/auth/actor";
import { parseFormInput } from "@/lib/server/internships/parse-form-input";
import { studentFormSchema } from "./student-form-schema";

/** Origin staff register a pupil of their own school. */
export async function registerStudent(db: DbOrTx, actor: Actor, input: unknown): Promise<{ studentId: string }> {
  if (actor.role !== "origin_staff") throw new AppError("FORBIDDEN");
  const form = parseFormInput(studentFormSchema, input);
  const [created] = await db
    .insert(students)
    .values({ ...form, originSchoolId: actor.schoolId, searchText: studentSearchText(form) })
    .returning({ id: students.id });
  return { studentId: created.id };
}
