import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments, students } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/is-uuid";

/**
 * Origin staff withdraw an enrollment they have not completed: the seat is freed and nothing was
 * generated or mailed yet, so the row simply goes. A completed enrollment has its convention and stays.
 */
export async function cancelDraftEnrollment(db: Db, actor: Actor, { enrollmentId }: { enrollmentId: string }): Promise<{ studentId: string }> {
  if (actor.role !== "origin_staff") throw new AppError("FORBIDDEN");
  if (!isUuid(enrollmentId)) throw new AppError("NOT_FOUND", "Inscription introuvable.");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ studentId: enrollments.studentId, status: enrollments.status })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .where(and(eq(enrollments.id, enrollmentId), eq(students.originSchoolId, actor.schoolId)))
      .for("update", { of: enrollments });
    if (!row) throw new AppError("NOT_FOUND", "Inscription introuvable.");
    if (row.status !== "draft") {
      throw new AppError("TRANSITION_NOT_ALLOWED", "Cette inscription est terminée : sa convention existe, elle ne peut plus être abandonnée ici.");
    }
    await tx.delete(enrollments).where(and(eq(enrollments.id, enrollmentId), eq(enrollments.status, "draft")));
    return { studentId: row.studentId };
  });
}
