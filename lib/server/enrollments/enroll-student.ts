import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments, internships, schools, students } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { parisToday } from "@/lib/server/internships/paris-today";

/**
 * Origin staff enroll one of their pupils on a host school's session. The pupil and the session
 * rows are locked, so two requests for the last seat (or for the same pupil on the same day)
 * cannot both pass the checks: the second waits, then sees the first.
 */
export async function enrollStudent(
  db: Db,
  actor: Actor,
  { studentId, internshipId }: { studentId: string; internshipId: string },
  now: Date = new Date(),
): Promise<{ enrollmentId: string }> {
  if (actor.role !== "origin_staff") throw new AppError("FORBIDDEN");
  if (!isUuid(studentId)) throw new AppError("NOT_FOUND", "Stagiaire introuvable.");
  if (!isUuid(internshipId)) throw new AppError("NOT_FOUND", "Stage introuvable.");
  return db.transaction(async (tx) => {
    const [student] = await tx
      .select({ id: students.id })
      .from(students)
      .where(and(eq(students.id, studentId), eq(students.originSchoolId, actor.schoolId)))
      .for("update");
    if (!student) throw new AppError("NOT_FOUND", "Stagiaire introuvable.");

    const [internship] = await tx
      .select({ id: internships.id, date: internships.date, seats: internships.seats, cancelledAt: internships.cancelledAt })
      .from(internships)
      .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
      .where(and(eq(internships.id, internshipId), eq(schools.isHost, true)))
      .for("update", { of: internships });
    if (!internship) throw new AppError("NOT_FOUND", "Stage introuvable.");
    if (internship.cancelledAt) throw new AppError("INTERNSHIP_CANCELLED");
    if (internship.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST");

    const sameDay = await tx
      .select({ internshipId: enrollments.internshipId })
      .from(enrollments)
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .where(and(
        eq(enrollments.studentId, studentId),
        ne(enrollments.status, "cancelled"),
        eq(internships.date, internship.date),
        isNull(internships.cancelledAt),
      ));
    if (sameDay.some((row) => row.internshipId === internshipId)) throw new AppError("STUDENT_ALREADY_ENROLLED");
    if (sameDay.length > 0) throw new AppError("ALREADY_ENROLLED_THAT_DAY");

    const [{ taken }] = await tx
      .select({ taken: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(and(eq(enrollments.internshipId, internshipId), ne(enrollments.status, "cancelled")));
    if (taken >= internship.seats) throw new AppError("INTERNSHIP_FULL");

    const [created] = await tx
      .insert(enrollments)
      .values({ studentId, internshipId, status: "draft", createdByUserId: actor.userId, createdAt: now })
      .returning({ id: enrollments.id });
    return { enrollmentId: created.id };
  });
}
