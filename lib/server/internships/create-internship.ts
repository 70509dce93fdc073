import type { DbOrTx } from "@/db/client";
import { internships } from "@/db/schema";
import { AppError } from "@/lib/core/errors";
import { internshipSearchText } from "@/lib/core/text/search-texts";
import type { Actor } from "@/lib/core/auth/actor";
import { internshipFormSchema } from "./internship-form-schema";
import { parisToday } from "./paris-today";
import { parseFormInput } from "./parse-form-input";

/** A host admin publishes a mini-stage session of their own school. */
export async function createInternship(
  db: DbOrTx,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<{ internshipId: string }> {
  if (actor.role !== "host_admin") throw new AppError("FORBIDDEN");
  const form = parseFormInput(internshipFormSchema, input);
  if (form.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST", "La date du stage est déjà passée.");
  const [created] = await db
    .insert(internships)
    .values({ ...form, hostSchoolId: actor.schoolId, searchText: internshipSearchText(form) })
    .returning({ id: internships.id });
  return { internshipId: created.id };
}
