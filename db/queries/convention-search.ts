import { and, asc, eq, exists, like, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, enrollments, internships, students } from "@/db/schema";
import { conventionScope, searchPatternOf } from "./convention-scope";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";

export type ConventionSearchHit = {
  id: string;
  state: ConventionState;
  studentLastName: string;
  studentFirstName: string;
  originSchoolName: string;
  internshipDate: string;
};

/** The header's search: the actor's conventions whose pupil or origin school matches, best first. */
export async function searchConventions(db: DbOrTx, actor: Actor, q: string, limit = 50): Promise<ConventionSearchHit[]> {
  const pattern = searchPatternOf(q);
  if (!pattern) return [];
  return db
    .select({
      id: conventions.id,
      state: conventions.state,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      originSchoolName: conventions.originSchoolName,
      internshipDate: conventions.internshipDate,
    })
    .from(conventions)
    .where(and(conventionScope(actor), like(conventions.searchText, pattern)))
    .orderBy(asc(conventions.studentLastName), asc(conventions.studentFirstName), asc(conventions.id))
    .limit(limit);
}

export type StudentSearchHit = { id: string; lastName: string; firstName: string; className: string };

/**
 * The pupils the header's search also finds: origin staff, their own (with or without a convention);
 * a host admin, those enrolled on one of the lycée's sessions.
 */
export async function searchOwnStudents(db: DbOrTx, actor: Actor, q: string, limit = 50): Promise<StudentSearchHit[]> {
  const pattern = searchPatternOf(q);
  if (!pattern) return [];
  const visible = actor.role === "origin_staff"
    ? eq(students.originSchoolId, actor.schoolId)
    : exists(db.select({ one: sql`1` }).from(enrollments)
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .where(and(eq(enrollments.studentId, students.id), eq(internships.hostSchoolId, actor.schoolId))));
  return db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName, className: students.className })
    .from(students)
    .where(and(visible, like(students.searchText, pattern)))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(limit);
}
