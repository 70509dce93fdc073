import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments, internships, schools, students } from "@/db/schema";
import { isUuid } from "@/lib/core/is-uuid";
import { AppError } from "@/lib/core/errors";
import { formatDateFr } from "@/lib/core/format-date";
import type { Actor } from "@/lib/core/auth/actor";
import { parisToday } from "./paris-today";
import { queueMail, schoolRecipients } from "@/lib/server/mail/queue-mail";
import type { QueuedMail } from "@/lib/server/mail/mail-types";
import { formatStudentName } from "@/lib/core/format-student-name";

export type CancelledInternship = { internshipId: string; cancelledEnrollments: number; notifiedSchools: number };

/**
 * A host admin cancels one of their sessions. With pupils enrolled, the caller must have asked for
 * confirmation; their enrollments are cancelled and each origin school is told, in the same
 * transaction, so that no school learns of a cancellation that did not happen.
 */
export async function cancelInternship(
  db: Db,
  actor: Actor,
  { internshipId, isConfirmed }: { internshipId: string; isConfirmed: boolean },
  now: Date = new Date(),
): Promise<CancelledInternship> {
  if (actor.role !== "host_admin") throw new AppError("FORBIDDEN");
  if (!isUuid(internshipId)) throw new AppError("NOT_FOUND", "Stage introuvable.");
  return db.transaction(async (tx) => {
    const [internship] = await tx
      .select({ id: internships.id, title: internships.title, date: internships.date, cancelledAt: internships.cancelledAt })
      .from(internships)
      .where(and(eq(internships.id, internshipId), eq(internships.hostSchoolId, actor.schoolId)))
      .for("update");
    if (!internship) throw new AppError("NOT_FOUND", "Stage introuvable.");
    if (internship.cancelledAt) throw new AppError("INTERNSHIP_CANCELLED", "Ce stage est déjà annulé.");
    if (internship.date < parisToday(now)) throw new AppError("INTERNSHIP_IN_PAST", "Ce stage a déjà eu lieu : il ne peut plus être annulé.");

    const enrolled = await tx
      .select({
        enrollmentId: enrollments.id,
        lastName: students.lastName,
        firstName: students.firstName,
        originSchoolId: students.originSchoolId,
        originSchoolName: schools.name,
      })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(schools, eq(schools.id, students.originSchoolId))
      .where(and(eq(enrollments.internshipId, internshipId), ne(enrollments.status, "cancelled")))
      .orderBy(students.lastName, students.firstName);
    if (enrolled.length > 0 && !isConfirmed) {
      throw new AppError("INVALID_INPUT", "Des stagiaires sont inscrits à ce stage : confirmez l'annulation.");
    }

    await tx.update(internships).set({ cancelledAt: now }).where(eq(internships.id, internshipId));
    if (enrolled.length > 0) {
      await tx.update(enrollments).set({ status: "cancelled" })
        .where(and(eq(enrollments.internshipId, internshipId), ne(enrollments.status, "cancelled")));
    }

    const bySchool = new Map<string, { name: string; studentNames: string[] }>();
    for (const row of enrolled) {
      const entry = bySchool.get(row.originSchoolId) ?? { name: row.originSchoolName, studentNames: [] };
      entry.studentNames.push(formatStudentName(row.lastName, row.firstName));
      bySchool.set(row.originSchoolId, entry);
    }
    const mails: QueuedMail<"internship-cancelled">[] = [];
    for (const [schoolId, school] of bySchool) {
      for (const to of await schoolRecipients(tx, schoolId)) {
        mails.push({
          template: "internship-cancelled",
          to,
          schoolId,
          hostSchoolId: actor.schoolId,
          payload: {
            schoolName: school.name,
            internshipTitle: internship.title,
            internshipDate: formatDateFr(internship.date),
            hostSchoolName: actor.schoolName,
            studentNames: school.studentNames,
          },
        });
      }
    }
    await queueMail(tx, mails);
    return { internshipId, cancelledEnrollments: enrolled.length, notifiedSchools: bySchool.size };
  });
}
