import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { foldedSortKey } from "./folded-sort-key";
import { matchesSearch } from "./search-match";
import type { DbOrTx } from "../client";
import { enrollments, internships, schools, students } from "../schema";
import type { TableQuery } from "@/lib/core/tables/table-query";
import type { Actor } from "@/lib/core/auth/actor";
import { isUuid } from "@/lib/core/is-uuid";

export const studentSorts = ["nom", "prenom", "classe", "etablissement"] as const;
export type StudentSort = (typeof studentSorts)[number];

export type StudentSummary = {
  id: string;
  lastName: string;
  firstName: string;
  className: string;
  originSchoolName: string;
  enrollmentCount: number;
};

/** Origin staff see the pupils of their school; a host admin, the pupils enrolled on one of their sessions. */
export function studentsVisibleTo(actor: Actor): SQL {
  if (actor.role === "origin_staff") return eq(students.originSchoolId, actor.schoolId);
  return sql`exists (select 1 from ${enrollments} e join ${internships} i on i.id = e.internship_id
    where e.student_id = ${students.id} and i.host_school_id = ${actor.schoolId})`;
}

/** Enrollments counted are the ones the actor may see, so a host never learns of other hosts. */
function enrollmentCountFor(actor: Actor) {
  return actor.role === "origin_staff"
    ? sql<number>`(select count(*)::int from ${enrollments} e where e.student_id = ${students.id} and e.status <> 'cancelled')`
    : sql<number>`(select count(*)::int from ${enrollments} e join ${internships} i on i.id = e.internship_id
        where e.student_id = ${students.id} and e.status <> 'cancelled' and i.host_school_id = ${actor.schoolId})`;
}

const sortColumns: Record<StudentSort, SQL> = {
  nom: foldedSortKey(students.lastName),
  prenom: foldedSortKey(students.firstName),
  classe: foldedSortKey(students.className),
  etablissement: foldedSortKey(schools.name),
};

/** Stagiaires: one page of the pupils the actor may see. */
export async function listStudents(
  db: DbOrTx,
  actor: Actor,
  query: TableQuery<StudentSort>,
): Promise<{ rows: StudentSummary[]; total: number }> {
  const where = and(studentsVisibleTo(actor), matchesSearch(students.searchText, query.q));
  const direction = query.order === "desc" ? desc : asc;
  const [rows, [{ total }]] = await Promise.all([
    db.select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      className: students.className,
      originSchoolName: schools.name,
      enrollmentCount: enrollmentCountFor(actor),
    }).from(students)
      .innerJoin(schools, eq(schools.id, students.originSchoolId))
      .where(where)
      .orderBy(direction(sortColumns[query.sort]), asc(students.lastName), asc(students.firstName), asc(students.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db.select({ total: sql<number>`count(*)::int` }).from(students)
      .innerJoin(schools, eq(schools.id, students.originSchoolId))
      .where(where),
  ]);
  return { rows: rows.map((row) => ({ ...row, enrollmentCount: Number(row.enrollmentCount) })), total: Number(total) };
}

export type StudentDetail = {
  id: string;
  lastName: string;
  firstName: string;
  className: string;
  birthDate: string;
  guardianName: string;
  guardianEmail: string | null;
  originSchoolName: string;
  /** Only the pupil's own school edits the pupil and enrolls them; a host admin reads. */
  canManage: boolean;
};

/** One pupil, when the actor may see them; else null, for a not-found. */
export async function findStudent(db: DbOrTx, actor: Actor, studentId: string): Promise<StudentDetail | null> {
  if (!isUuid(studentId)) return null;
  const [row] = await db.select({
    id: students.id,
    lastName: students.lastName,
    firstName: students.firstName,
    className: students.className,
    birthDate: students.birthDate,
    guardianName: students.guardianName,
    guardianEmail: students.guardianEmail,
    originSchoolName: schools.name,
  }).from(students)
    .innerJoin(schools, eq(schools.id, students.originSchoolId))
    .where(and(eq(students.id, studentId), studentsVisibleTo(actor)));
  if (!row) return null;
  return { ...row, canManage: actor.role === "origin_staff" };
}
