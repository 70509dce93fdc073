import { and, asc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { conventions, enrollments, internships, schools, students } from "../schema";
import type { Actor } from "@/lib/core/auth/actor";
import { isUuid } from "@/lib/core/is-uuid";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";

export type EnrollmentStatus = "draft" | "completed" | "cancelled";

export type InternshipEnrollment = {
  enrollmentId: string;
  studentId: string;
  lastName: string;
  firstName: string;
  className: string;
  originSchoolName: string;
  status: EnrollmentStatus;
  conventionId: string | null;
  conventionState: ConventionState | null;
};

/**
 * The pupils enrolled on a session: all of them for its host admin, only their own pupils for
 * origin staff. The session itself must be visible (findInternship) before this is called.
 */
export async function listEnrollmentsOfInternship(db: DbOrTx, actor: Actor, internshipId: string): Promise<InternshipEnrollment[]> {
  if (!isUuid(internshipId)) return [];
  const scope: SQL = actor.role === "host_admin"
    ? eq(internships.hostSchoolId, actor.schoolId)
    : eq(students.originSchoolId, actor.schoolId);
  return db.select({
    enrollmentId: enrollments.id,
    studentId: students.id,
    lastName: students.lastName,
    firstName: students.firstName,
    className: students.className,
    originSchoolName: schools.name,
    status: enrollments.status,
    conventionId: conventions.id,
    conventionState: conventions.state,
  }).from(enrollments)
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(schools, eq(schools.id, students.originSchoolId))
    .leftJoin(conventions, eq(conventions.enrollmentId, enrollments.id))
    .where(and(eq(enrollments.internshipId, internshipId), scope))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(enrollments.id));
}

export type StudentEnrollment = {
  enrollmentId: string;
  status: EnrollmentStatus;
  internshipId: string;
  internshipTitle: string;
  internshipDate: string;
  startTime: string;
  endTime: string;
  place: string;
  isInternshipCancelled: boolean;
  hostSchoolName: string;
  conventionId: string | null;
  conventionState: ConventionState | null;
  /** The last invalidation's reason while it stands (cleared by the next deposit). */
  invalidationReason: string | null;
  invalidatedAt: Date | null;
};

/** A pupil's enrollments: all for their origin school, only those on its own sessions for a host admin. */
export async function listEnrollmentsOfStudent(db: DbOrTx, actor: Actor, studentId: string): Promise<StudentEnrollment[]> {
  if (!isUuid(studentId)) return [];
  const scope: SQL = actor.role === "host_admin"
    ? eq(internships.hostSchoolId, actor.schoolId)
    : eq(students.originSchoolId, actor.schoolId);
  const rows = await db.select({
    enrollmentId: enrollments.id,
    status: enrollments.status,
    internshipId: internships.id,
    internshipTitle: internships.title,
    internshipDate: internships.date,
    startTime: internships.startTime,
    endTime: internships.endTime,
    place: internships.place,
    cancelledAt: internships.cancelledAt,
    hostSchoolName: schools.name,
    conventionId: conventions.id,
    conventionState: conventions.state,
    invalidationReason: conventions.invalidationReason,
    invalidatedAt: conventions.invalidatedAt,
  }).from(enrollments)
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
    .leftJoin(conventions, eq(conventions.enrollmentId, enrollments.id))
    .where(and(eq(enrollments.studentId, studentId), scope))
    .orderBy(asc(internships.date), asc(internships.startTime));
  return rows.map(({ cancelledAt, ...row }) => ({ ...row, isInternshipCancelled: cancelledAt !== null }));
}
