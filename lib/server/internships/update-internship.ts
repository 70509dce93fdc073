import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments, internships } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError } from "@/lib/core/errors";
import { internshipSearchText } from "@/lib/core/text/search-texts";
import type { Actor } from "@/lib/core/auth/actor";
import { refreshSessionConventionSearchTexts } from "@/lib/server/conventions/refresh-session-convention-search-texts";
import { internshipFormSchema } from "./internship-form-schema";
import { parisToday } from "./paris-today";
import { parseFormInput } from "./parse-form-input";

/**
 * A host admin corrects one of their sessions. The row is locked so that an enrollment cannot
 * slip in between the seat check and the update.
 */
export async function updateInternship(
  db: Db,
  actor: Actor,
  { internshipId, ...input }: { internshipId: string } & Record<string, unknown>,
  now: Date = new Date(),
): Promise<{ internshipId: string }> {
  if (actor.role !== "host_admin") throw new AppError("FORBIDDEN");
  if (!isUuid(internshipId)) throw new AppError("NOT_FOUND", "Stage introuvable.");
  const form = parseFormInput(internshipFormSchema, input);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ title: internships.title, date: internships.date, cancelledAt: internships.cancelledAt })
      .from(internships)
      .where(and(eq(internships.id, internshipId), eq(internships.hostSchoolId, actor.schoolId)))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "Stage introuvable.");
    if (current.cancelledAt) throw new AppError("INTERNSHIP_CANCELLED");
    if (current.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST", "Ce stage a déjà eu lieu : il ne peut plus être modifié.");

    const [{ taken }] = await tx
      .select({ taken: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(and(eq(enrollments.internshipId, internshipId), ne(enrollments.status, "cancelled")));
    if (form.seats < taken) {
      throw new AppError("INVALID_INPUT", `${taken} stagiaire${taken > 1 ? "s sont inscrits" : " est inscrit"} : le nombre de places ne peut pas être inférieur.`);
    }
    if (form.date !== current.date) {
      if (taken > 0) {
        throw new AppError("INVALID_INPUT", "La date ne peut plus changer : des stagiaires sont inscrits et leurs conventions portent cette date. Annulez le stage et créez-en un autre.");
      }
      if (form.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST", "La date du stage est déjà passée.");
    }
    await tx
      .update(internships)
      .set({ ...form, searchText: internshipSearchText(form) })
      .where(eq(internships.id, internshipId));
    // The conventions are searched by their course too (their date cannot change: it is refused above once pupils are enrolled).
    if (form.title !== current.title) await refreshSessionConventionSearchTexts(tx, internshipId);
    return { internshipId };
  });
}
