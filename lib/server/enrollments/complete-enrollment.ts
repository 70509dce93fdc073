import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments, internships, students } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError, isAppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { generateConvention } from "@/lib/server/conventions/generate-convention";
import { parisToday } from "@/lib/server/internships/paris-today";

export type CompletedEnrollment = { enrollmentId: string; studentId: string; conventionId: string; isNewConvention: boolean };

/**
 * Origin staff complete an enrollment: it is marked completed (committed on its own), then its
 * convention is generated. Generation is idempotent, so a retry after a failed generation, a
 * double click or two tabs all end with exactly one convention and one mail.
 */
export async function completeEnrollment(
  db: Db,
  actor: Actor,
  { enrollmentId }: { enrollmentId: string },
  now: Date = new Date(),
): Promise<CompletedEnrollment> {
  if (actor.role !== "origin_staff") throw new AppError("FORBIDDEN");
  if (!isUuid(enrollmentId)) throw new AppError("NOT_FOUND", "Inscription introuvable.");
  const studentId = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        studentId: enrollments.studentId,
        status: enrollments.status,
        guardianEmail: students.guardianEmail,
        date: internships.date,
        cancelledAt: internships.cancelledAt,
      })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .where(and(eq(enrollments.id, enrollmentId), eq(students.originSchoolId, actor.schoolId)))
      .for("update", { of: enrollments });
    if (!row) throw new AppError("NOT_FOUND", "Inscription introuvable.");
    if (row.status === "cancelled" || row.cancelledAt) throw new AppError("INTERNSHIP_CANCELLED");
    if (!row.guardianEmail?.trim()) throw new AppError("GUARDIAN_EMAIL_MISSING");
    if (row.status === "completed") return row.studentId;
    if (row.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST");
    await tx.update(enrollments).set({ status: "completed", completedAt: now }).where(eq(enrollments.id, enrollmentId));
    return row.studentId;
  });

  try {
    const generated = await generateConvention(db, { enrollmentId, now });
    return { enrollmentId, studentId, conventionId: generated.conventionId, isNewConvention: generated.created };
  } catch (error) {
    console.error("Convention generation failed", { enrollmentId }, error);
    if (isAppError(error)) throw error;
    throw new AppError("CONVENTION_GENERATION_FAILED");
  }
}
