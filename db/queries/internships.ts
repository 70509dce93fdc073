import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { foldedSortKey } from "./folded-sort-key";
import { matchesSearch } from "./search-match";
import type { DbOrTx } from "../client";
import { enrollments, internships, schools } from "../schema";
import type { TableQuery } from "@/lib/core/tables/table-query";
import type { Actor } from "@/lib/core/auth/actor";
import { isUuid } from "@/lib/core/is-uuid";

export const internshipSorts = ["date", "formation", "lieu", "responsable", "places"] as const;
export type InternshipSort = (typeof internshipSorts)[number];

export type InternshipSummary = {
  id: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  teacherName: string;
  seats: number;
  seatsTaken: number;
  isCancelled: boolean;
  hostSchoolName: string;
};

const seatsTaken = sql<number>`(select count(*)::int from ${enrollments} e where e.internship_id = ${internships.id} and e.status <> 'cancelled')`;

const summaryColumns = {
  id: internships.id,
  title: internships.title,
  date: internships.date,
  startTime: internships.startTime,
  endTime: internships.endTime,
  place: internships.place,
  teacherName: internships.teacherName,
  seats: internships.seats,
  seatsTaken,
  cancelledAt: internships.cancelledAt,
  hostSchoolName: schools.name,
};

type SummaryRow = { cancelledAt: Date | null } & Omit<InternshipSummary, "isCancelled">;

function toSummary({ cancelledAt, ...row }: SummaryRow): InternshipSummary {
  return { ...row, seatsTaken: Number(row.seatsTaken), isCancelled: cancelledAt !== null };
}

/**
 * Which sessions an actor may see: a host admin, every session of their school; origin staff, the
 * host schools' sessions still on offer (not cancelled, not past), which is what they enroll on.
 */
function visibleTo(actor: Actor, today: string): SQL {
  if (actor.role === "host_admin") return eq(internships.hostSchoolId, actor.schoolId);
  return and(eq(schools.isHost, true), isNull(internships.cancelledAt), gte(internships.date, today))!;
}

const sortColumns: Record<InternshipSort, SQL | typeof internships.date> = {
  date: internships.date,
  formation: foldedSortKey(internships.title),
  lieu: foldedSortKey(internships.place),
  responsable: foldedSortKey(internships.teacherName),
  places: seatsTaken,
};

/** Liste des stages: one page of the sessions the actor may see, with the seats taken. */
export async function listInternships(
  db: DbOrTx,
  actor: Actor,
  query: TableQuery<InternshipSort>,
  today: string,
): Promise<{ rows: InternshipSummary[]; total: number }> {
  const where = and(visibleTo(actor, today), matchesSearch(internships.searchText, query.q));
  const direction = query.order === "desc" ? desc : asc;
  const [rows, [{ total }]] = await Promise.all([
    db.select(summaryColumns).from(internships)
      .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
      .where(where)
      .orderBy(direction(sortColumns[query.sort]), direction(internships.date), asc(internships.startTime), asc(internships.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db.select({ total: sql<number>`count(*)::int` }).from(internships)
      .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
      .where(where),
  ]);
  return { rows: rows.map(toSummary), total: Number(total) };
}

export type InternshipDetail = InternshipSummary & { hostSchoolId: string; canManage: boolean };

/**
 * One session: a host admin sees their own; origin staff see any host school's session (an offer
 * they may enroll on, or one a pupil of theirs attends). Anything else is null, for a not-found.
 */
export async function findInternship(db: DbOrTx, actor: Actor, internshipId: string): Promise<InternshipDetail | null> {
  if (!isUuid(internshipId)) return null;
  const scope = actor.role === "host_admin" ? eq(internships.hostSchoolId, actor.schoolId) : eq(schools.isHost, true);
  const [row] = await db.select({ ...summaryColumns, hostSchoolId: internships.hostSchoolId }).from(internships)
    .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
    .where(and(eq(internships.id, internshipId), scope));
  if (!row) return null;
  const { hostSchoolId, ...summary } = row;
  return { ...toSummary(summary), hostSchoolId, canManage: actor.role === "host_admin" && hostSchoolId === actor.schoolId };
}

/** Calendrier: the sessions of one month ("2026-12") the actor may see, in date order. */
export async function listInternshipsOfMonth(db: DbOrTx, actor: Actor, month: string): Promise<InternshipSummary[]> {
  const [year, monthNumber] = month.split("-").map(Number);
  const first = `${month}-01`;
  const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, "0")}-01`;
  const scope = actor.role === "host_admin"
    ? eq(internships.hostSchoolId, actor.schoolId)
    : and(eq(schools.isHost, true), isNull(internships.cancelledAt));
  const rows = await db.select(summaryColumns).from(internships)
    .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
    .where(and(scope, gte(internships.date, first), lt(internships.date, next)))
    .orderBy(asc(internships.date), asc(internships.startTime), asc(internships.title))
    .limit(1000);
  return rows.map(toSummary);
}

/** The sessions origin staff can enroll a pupil on: on offer, not past, with a free seat. */
export async function listOpenInternships(db: DbOrTx, actor: Actor, today: string): Promise<InternshipSummary[]> {
  if (actor.role !== "origin_staff") return [];
  const rows = await db.select(summaryColumns).from(internships)
    .innerJoin(schools, eq(schools.id, internships.hostSchoolId))
    .where(and(visibleTo(actor, today), sql`${seatsTaken} < ${internships.seats}`))
    .orderBy(asc(internships.date), asc(internships.startTime), asc(schools.name), asc(internships.title))
    .limit(500);
  return rows.map(toSummary);
}
