import { aliasedTable, and, asc, desc, eq, like, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { rowsOf } from "../client";
import { conventionEvents, conventions, deposits, enrollments, internships, schools, students, users } from "../schema";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { escapeLikePattern, normalizeSearchText } from "@/lib/core/text/normalize-search-text";
import type { Actor } from "@/lib/core/auth/actor";
import type { TableQuery } from "@/lib/core/tables/table-query";
import { decodeTableCursor, encodeTableCursor, type TableCursor } from "@/lib/core/tables/table-cursor";
import { isUuid } from "@/lib/core/is-uuid";

export const conventionSortIds = ["nom", "prenom", "responsable", "origine", "date"] as const;
export type ConventionSortId = (typeof conventionSortIds)[number];

/** Above this many rows a tab's total is estimated instead of counted exactly. */
export const exactCountCap = 10_000;
/**
 * A searched tab is counted exactly up to this many matches only: counting walks the tab's index
 * testing the search on every entry, so its cost grows with the cap, and past a thousand matches
 * "environ n" tells the secretary as much (she refines her search anyway).
 */
export const exactSearchCountCap = 1_000;

const sortColumns = {
  nom: conventions.studentLastNameKey,
  prenom: conventions.studentFirstNameKey,
  responsable: conventions.guardianNameKey,
  origine: conventions.originSchoolNameKey,
  date: conventions.internshipDate,
} as const;

/** Host admins see their host school's conventions; origin staff see their own pupils' ones. */
export function conventionScope(actor: Actor): SQL {
  return actor.role === "host_admin" ? eq(conventions.hostSchoolId, actor.schoolId) : eq(conventions.originSchoolId, actor.schoolId);
}

/** Folded, LIKE-escaped pattern for `search_text`, or null when the search is empty. */
export function searchPatternOf(q: string): string | null {
  const folded = normalizeSearchText(q);
  return folded ? `%${escapeLikePattern(folded)}%` : null;
}

function tabWhere(actor: Actor, state: ConventionState, q: string): SQL {
  const pattern = searchPatternOf(q);
  const where = and(conventionScope(actor), eq(conventions.state, state), pattern ? like(conventions.searchText, pattern) : undefined);
  return where!;
}

/**
 * `countedAtLeast`: with a search, the planner's estimate can be far off (names and tabs are not
 * independent), so the UI only claims what was counted ("plus de 1 000") and uses the estimate for paging.
 */
export type TabTotal = { total: number; isEstimated: boolean; countedAtLeast?: number };

/**
 * Counts a tab exactly up to `exactCountCap` rows (`exactSearchCountCap` with a search) with an
 * index-only LIMIT subquery, cheap at any size; beyond that, the planner's row estimate, which the UI
 * shows as "environ n". Without a search the estimate (exact enough for school + state equalities)
 * comes first, so a tab far above the cap is not walked at all.
 */
export async function countConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, q = ""): Promise<TabTotal> {
  const where = tabWhere(actor, state, q);
  const searched = searchPatternOf(q) !== null;
  const cap = searched ? exactSearchCountCap : exactCountCap;
  const estimateRows = async () =>
    Math.round(plannedRows(rowsOf<Record<string, unknown>>(await db.execute(sql`explain (format json) select 1 from ${conventions} where ${where}`))[0]));
  if (!searched) {
    const estimate = await estimateRows();
    if (estimate > 2 * cap) return { total: estimate, isEstimated: true };
  }
  const capped = await db.execute(
    sql`select count(*)::int as n from (select 1 from ${conventions} where ${where} limit ${cap + 1}) as capped`,
  );
  const n = Number(rowsOf<{ n: number }>(capped)[0]?.n ?? 0);
  if (n <= cap) return { total: n, isEstimated: false };
  // The estimate can never be below what we just counted.
  const total = Math.max(cap + 1, await estimateRows());
  return searched ? { total, isEstimated: true, countedAtLeast: cap + 1 } : { total, isEstimated: true };
}

function plannedRows(row: Record<string, unknown> | undefined): number {
  const raw = row ? Object.values(row)[0] : null;
  const parsed = typeof raw === "string" ? JSON.parse(raw) : raw;
  const plan = Array.isArray(parsed) ? parsed[0]?.Plan : undefined;
  return Number(plan?.["Plan Rows"] ?? 0);
}

export type ConventionTabRow = {
  id: string;
  studentLastName: string;
  studentFirstName: string;
  guardianName: string;
  originSchoolName: string;
  internshipDate: string;
  internshipId: string;
  invalidatedAt: Date | null;
  invalidationReason: string | null;
  currentDepositId: string | null;
  version: number;
  /** The current deposit's comparison with the original found visible differences. */
  hasVisualDifferences: boolean;
};

export type ConventionTab = TabTotal & {
  rows: ConventionTabRow[];
  page: number;
  /** Positions for the links to the next and previous pages (TableQuery.after / before). */
  nextCursor?: string;
  previousCursor?: string;
};

type Seek = { direction: "after" | "before"; cursor: TableCursor };

/**
 * The tab indexes (scope, state, sort column, id) INCLUDE (search_text) let PostgreSQL walk a searched
 * tab in sort order testing the search on the index alone and stop after the page, while the trigram
 * index still serves rare searches: the planner picks between them from the search's selectivity.
 */
async function tabPage(db: DbOrTx, actor: Actor, state: ConventionState, query: TableQuery<ConventionSortId>, page: number, seek?: Seek) {
  const column = sortColumns[query.sort] ?? sortColumns.nom;
  const descending = query.order === "desc";
  // Before a cursor, the rows are read backwards from it, then put back in order below.
  const backwards = seek?.direction === "before";
  const direction = descending !== backwards ? desc : asc;
  let where = tabWhere(actor, state, query.q);
  if (seek) {
    // A row comparison on (sort key, id), the tail of the tab index: the scan starts at the cursor.
    const key = column === conventions.internshipDate ? sql`${seek.cursor.key}::date` : sql`${seek.cursor.key}::text`;
    const beyond = descending !== backwards ? sql`<` : sql`>`;
    where = and(where, sql`(${column}, ${conventions.id}) ${beyond} (${key}, ${seek.cursor.id}::uuid)`)!;
  }
  // Page the conventions first, then join the 50 enrollments, not the offset's thousands.
  const pageIds = db
    .select({ id: conventions.id })
    .from(conventions)
    .where(where)
    .orderBy(direction(column), direction(conventions.id))
    .limit(query.size)
    .offset(seek ? 0 : (page - 1) * query.size)
    .as("page_ids");
  const rows = await db
    .select({
      id: conventions.id,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      guardianName: conventions.guardianName,
      originSchoolName: conventions.originSchoolName,
      internshipDate: conventions.internshipDate,
      internshipId: enrollments.internshipId,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      currentDepositId: conventions.currentDepositId,
      version: conventions.version,
      // Read for the page's rows only, by primary key.
      hasVisualDifferences: sql<boolean>`coalesce((select ${deposits.analysis} -> 'visualComparison' ->> 'status' = 'changed' from ${deposits} where ${deposits.id} = ${conventions.currentDepositId}), false)`
        .mapWith((value: unknown) => value === true || value === "t" || value === "true"),
      sortKey: sql<string>`${column}::text`,
    })
    .from(pageIds)
    .innerJoin(conventions, eq(conventions.id, pageIds.id))
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .orderBy(direction(column), direction(conventions.id));
  return backwards ? rows.reverse() : rows;
}

type TabPageRow = Awaited<ReturnType<typeof tabPage>>[number];

/** A cursor's key must be a value of the sort column (a real date for the date sort), else it is ignored. */
function usableCursor(query: TableQuery<ConventionSortId>, cursor: TableCursor | null): TableCursor | null {
  if (!cursor || cursor.key.includes("\u0000")) return null;
  if (sortColumns[query.sort] !== conventions.internshipDate) return cursor;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(cursor.key) ? Date.parse(`${cursor.key}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2026-02-31 over to March: the round trip must give the same day back.
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(cursor.key) ? cursor : null;
}

/** The page's rows for the table, with the cursors of its neighbours. */
function pageResult(query: TableQuery<ConventionSortId>, rows: TabPageRow[], page: number, total: TabTotal): ConventionTab {
  const cursorOf = (row: TabPageRow) => encodeTableCursor(query, { key: row.sortKey, id: row.id });
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    ...total,
    rows: rows.map(({ sortKey: _sortKey, ...row }) => row),
    page,
    ...(last && rows.length === query.size ? { nextCursor: cursorOf(last) } : {}),
    ...(first && page > 1 ? { previousCursor: cursorOf(first) } : {}),
  };
}

/**
 * One page of a tab, sorted and searched in the database. A page past the end shows the last page
 * (a stale link after conventions moved tab still lands on rows). « Suivant » and « Précédent » links
 * carry a cursor (TableQuery.after / before): the page then starts at the cursor, at the cost of one page.
 */
export async function listConventionTab(
  db: DbOrTx,
  actor: Actor,
  state: ConventionState,
  query: TableQuery<ConventionSortId>,
  /** The tab's total when the caller already counts it (the tabs' badges, without a search). */
  counted?: Promise<TabTotal>,
): Promise<ConventionTab> {
  const afterCursor = usableCursor(query, decodeTableCursor(query, query.after));
  const beforeCursor = afterCursor ? null : usableCursor(query, decodeTableCursor(query, query.before));
  const seek: Seek | undefined = afterCursor
    ? { direction: "after", cursor: afterCursor }
    : beforeCursor ? { direction: "before", cursor: beforeCursor } : undefined;
  // The page does not depend on the count: both run at once, on two connections of the pool.
  const [count, seekRows] = await Promise.all([
    counted ?? countConventionTab(db, actor, state, query.q),
    tabPage(db, actor, state, query, query.page, seek),
  ]);
  let rows = seekRows;
  // A cursor is trusted only for a whole page (or, going forward, the end of the list): when rows moved
  // tab since the link was made, the page number decides, as on any direct link.
  if (seek && (rows.length === 0 || (seek.direction === "before" && rows.length < query.size))) {
    rows = await tabPage(db, actor, state, query, query.page);
  }
  if (rows.length > 0) {
    // An estimate below what this page proves exists would hide the pages just reached.
    const seen = (query.page - 1) * query.size + rows.length + (rows.length === query.size ? 1 : 0);
    return pageResult(query, rows, query.page, { ...count, total: count.isEstimated ? Math.max(count.total, seen) : count.total });
  }
  if (query.page === 1 || count.total === 0) return pageResult(query, rows, query.page, count);
  // Past the end. When the total was estimated (a stale link, or the "last page" of an estimate that
  // overshot), the tab is counted exactly, once, so that the secretary lands on the real last page.
  const total = count.isEstimated ? { total: await countConventionTabExactly(db, actor, state, query.q), isEstimated: false } : count;
  if (total.total === 0) return pageResult(query, [], 1, total);
  const lastPage = Math.min(query.page, Math.max(1, Math.ceil(total.total / query.size)));
  return pageResult(query, await tabPage(db, actor, state, query, lastPage), lastPage, total);
}

/** Every row of a tab, counted: a walk of its whole index, kept for the rare page past an estimated end. */
async function countConventionTabExactly(db: DbOrTx, actor: Actor, state: ConventionState, q: string): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from ${conventions} where ${tabWhere(actor, state, q)}`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export type TabCounts = Record<ConventionState, TabTotal>;

export async function countConventionTabs(db: DbOrTx, actor: Actor): Promise<TabCounts> {
  const [notReturned, pending, validated] = await Promise.all([
    countConventionTab(db, actor, "not_returned"),
    countConventionTab(db, actor, "pending_validation"),
    countConventionTab(db, actor, "validated"),
  ]);
  return { not_returned: notReturned, pending_validation: pending, validated };
}

export type ConventionDeposit = {
  id: string;
  fileName: string | null;
  size: number;
  sha256: string;
  verdict: string;
  recognition: string;
  uploadedViaLink: boolean;
  uploadedByName: string | null;
  createdAt: Date;
  /** The analysis of the current deposit (its signature panel); null for the older ones, not loaded. */
  analysis: unknown;
};

export type ConventionEventRow = {
  id: number;
  event: string;
  fromState: ConventionState | null;
  toState: ConventionState;
  actorLabel: string;
  reason: string | null;
  note: string | null;
  depositId: string | null;
  createdAt: Date;
};

export type ConventionDetail = {
  id: string;
  state: ConventionState;
  version: number;
  hostSchoolId: string;
  hostSchoolName: string;
  originSchoolId: string;
  originSchoolName: string;
  studentId: string;
  studentLastName: string;
  studentFirstName: string;
  studentClassName: string;
  guardianName: string;
  guardianEmail: string | null;
  internshipId: string;
  internshipTitle: string;
  internshipDate: string;
  internshipStartTime: string;
  internshipEndTime: string;
  internshipPlace: string;
  internshipTeacher: string;
  originalSize: number;
  currentDepositId: string | null;
  invalidatedAt: Date | null;
  invalidationReason: string | null;
  invalidationNote: string | null;
  validatedAt: Date | null;
  validatedByName: string | null;
  createdAt: Date;
  canAct: boolean;
  deposits: ConventionDeposit[];
  events: ConventionEventRow[];
};

const hostSchools = aliasedTable(schools, "host_school");
const validators = aliasedTable(users, "validator");
const uploaders = aliasedTable(users, "uploader");

/** One convention with its history, or null when it does not exist or is outside the actor's school. */
export async function findConventionDetail(db: DbOrTx, actor: Actor, conventionId: string): Promise<ConventionDetail | null> {
  if (!isUuid(conventionId)) return null;
  const [row] = await db
    .select({
      id: conventions.id,
      state: conventions.state,
      version: conventions.version,
      hostSchoolId: conventions.hostSchoolId,
      hostSchoolName: hostSchools.name,
      originSchoolId: conventions.originSchoolId,
      originSchoolName: conventions.originSchoolName,
      studentId: students.id,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      studentClassName: students.className,
      guardianName: conventions.guardianName,
      guardianEmail: students.guardianEmail,
      internshipId: internships.id,
      internshipTitle: internships.title,
      internshipDate: conventions.internshipDate,
      internshipStartTime: internships.startTime,
      internshipEndTime: internships.endTime,
      internshipPlace: internships.place,
      internshipTeacher: internships.teacherName,
      originalSize: conventions.originalSize,
      currentDepositId: conventions.currentDepositId,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      invalidationNote: conventions.invalidationNote,
      validatedAt: conventions.validatedAt,
      validatedByName: validators.name,
      createdAt: conventions.createdAt,
    })
    .from(conventions)
    .innerJoin(hostSchools, eq(hostSchools.id, conventions.hostSchoolId))
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .leftJoin(validators, eq(validators.id, conventions.validatedByUserId))
    .where(and(eq(conventions.id, conventionId), conventionScope(actor)))
    .limit(1);
  if (!row) return null;
  const [depositRows, eventRows] = await Promise.all([
    db
      .select({
        id: deposits.id,
        fileName: deposits.fileName,
        size: deposits.size,
        sha256: deposits.sha256,
        verdict: deposits.verdict,
        recognition: deposits.recognition,
        uploadedViaLink: deposits.uploadedViaLink,
        uploadedByName: uploaders.name,
        createdAt: deposits.createdAt,
        analysis: sql<unknown>`case when ${deposits.id} = ${row.currentDepositId} then ${deposits.analysis} end`.mapWith(deposits.analysis),
      })
      .from(deposits)
      .leftJoin(uploaders, eq(uploaders.id, deposits.uploadedByUserId))
      .where(eq(deposits.conventionId, conventionId))
      .orderBy(desc(deposits.createdAt)),
    db
      .select({
        id: conventionEvents.id,
        event: conventionEvents.event,
        fromState: conventionEvents.fromState,
        toState: conventionEvents.toState,
        actorLabel: conventionEvents.actorLabel,
        reason: conventionEvents.reason,
        note: conventionEvents.note,
        depositId: conventionEvents.depositId,
        createdAt: conventionEvents.createdAt,
      })
      .from(conventionEvents)
      .where(eq(conventionEvents.conventionId, conventionId))
      .orderBy(desc(conventionEvents.id)),
  ]);
  const canAct = actor.role === "host_admin" && actor.schoolId === row.hostSchoolId;
  return { ...row, canAct, deposits: depositRows, events: eventRows };
}

export type ConventionFile = { fileKey: string; sha256: string; fileName: string; kind: "original" | "deposit" };

function downloadName(lastName: string, firstName: string, date: string): string {
  const fold = (value: string) =>
    value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `convention-${fold(lastName).toUpperCase()}-${fold(firstName)}-${date}.pdf`;
}

/**
 * The file to serve for a convention (DESIGN.md §2 "Conv."): the original, unless the convention is
 * validated, then its validated deposit. `version: "original"` or `depositId` ask for a given file.
 * Null when the convention or the deposit is not visible to the actor.
 */
export async function findConventionFile(
  db: DbOrTx,
  actor: Actor,
  conventionId: string,
  choice: { version?: "original" | "current"; depositId?: string } = {},
): Promise<ConventionFile | null> {
  if (!isUuid(conventionId)) return null;
  const [row] = await db
    .select({
      state: conventions.state,
      originalFileKey: conventions.originalFileKey,
      originalSha256: conventions.originalSha256,
      currentDepositId: conventions.currentDepositId,
      lastName: conventions.studentLastName,
      firstName: conventions.studentFirstName,
      date: conventions.internshipDate,
    })
    .from(conventions)
    .where(and(eq(conventions.id, conventionId), conventionScope(actor)))
    .limit(1);
  if (!row) return null;
  const name = downloadName(row.lastName, row.firstName, row.date);
  const original: ConventionFile = { fileKey: row.originalFileKey, sha256: row.originalSha256, fileName: name, kind: "original" };

  let depositId: string | null = null;
  if (choice.depositId) depositId = choice.depositId;
  else if (choice.version === "original") return original;
  else if (choice.version === "current") depositId = row.currentDepositId;
  else if (row.state === "validated") depositId = row.currentDepositId;
  if (!depositId) return original;
  if (!isUuid(depositId)) return null;

  const [deposit] = await db
    .select({ fileKey: deposits.fileKey, sha256: deposits.sha256 })
    .from(deposits)
    .where(and(eq(deposits.id, depositId), eq(deposits.conventionId, conventionId)))
    .limit(1);
  if (!deposit) return null;
  const fileName = choice.depositId && choice.depositId !== row.currentDepositId ? name.replace(/\.pdf$/, `-depot-${depositId.slice(0, 8)}.pdf`) : name;
  return { fileKey: deposit.fileKey, sha256: deposit.sha256, fileName, kind: "deposit" };
}

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

/** Origin staff also find their pupils without a convention yet. */
export async function searchOwnStudents(db: DbOrTx, actor: Actor, q: string, limit = 50): Promise<StudentSearchHit[]> {
  const pattern = searchPatternOf(q);
  if (!pattern || actor.role !== "origin_staff") return [];
  return db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName, className: students.className })
    .from(students)
    .where(and(eq(students.originSchoolId, actor.schoolId), like(students.searchText, pattern)))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(limit);
}

export type UpcomingSession = { id: string; title: string; date: string; startTime: string; endTime: string; enrolled: number };

/** The next sessions of the actor's school: its own (host) or those its pupils attend (origin). */
export async function listUpcomingSessions(db: DbOrTx, actor: Actor, today: string, limit = 5): Promise<UpcomingSession[]> {
  const enrolledCount = sql<number>`(select count(*)::int from ${enrollments} e where e.internship_id = ${internships.id} and e.status = 'completed')`;
  const scope = actor.role === "host_admin"
    ? eq(internships.hostSchoolId, actor.schoolId)
    : sql`exists (select 1 from ${enrollments} e join ${students} s on s.id = e.student_id
        where e.internship_id = ${internships.id} and s.origin_school_id = ${actor.schoolId} and e.status = 'completed')`;
  return db
    .select({
      id: internships.id,
      title: internships.title,
      date: internships.date,
      startTime: internships.startTime,
      endTime: internships.endTime,
      enrolled: enrolledCount,
    })
    .from(internships)
    .where(and(scope, sql`${internships.date} >= ${today}`, sql`${internships.cancelledAt} is null`))
    .orderBy(asc(internships.date), asc(internships.startTime))
    .limit(limit);
}

