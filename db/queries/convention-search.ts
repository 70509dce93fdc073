import { and, asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, students } from "@/db/schema";
import { conventionScope } from "./convention-scope";
import { matchesSearch } from "./search-match";
import { studentsVisibleTo } from "./students";
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

/** The header's search: the actor's conventions whose pupil, guardian, origin school, course or date matches. */
export async function searchConventions(db: DbOrTx, actor: Actor, q: string, limit = 50): Promise<ConventionSearchHit[]> {
  const matches = matchesSearch(conventions.searchText, q);
  if (!matches) return [];
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
    .where(and(conventionScope(actor), matches))
    .orderBy(asc(conventions.studentLastName), asc(conventions.studentFirstName), asc(conventions.id))
    .limit(limit);
}

export type StudentSearchHit = { id: string; lastName: string; firstName: string; className: string };

/**
 * The pupils the header's search also finds, by their names or their guardian's: origin staff, their own (with or without a convention);
 * a host admin, those enrolled on one of the lycée's sessions.
 */
export async function searchOwnStudents(db: DbOrTx, actor: Actor, q: string, limit = 50): Promise<StudentSearchHit[]> {
  const matches = matchesSearch(students.searchText, q);
  if (!matches) return [];
  return db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName, className: students.className })
    .from(students)
    .where(and(studentsVisibleTo(actor), matches))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(limit);
}
