import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventionReminders, conventions, deposits, enrollments, schools } from "@/db/schema";
import { conventionTabWhere } from "./convention-scope";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import { conventionVerificationSql } from "./convention-verification";
import type { VerificationStatus } from "@/lib/core/conventions/convention-verification";
import { type TabTotal, countConventionTab, countConventionTabExactly } from "./convention-tab-counts";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { decodeTableCursor, encodeTableCursor, type TableCursor } from "@/lib/core/tables/table-cursor";
import type { TableQuery } from "@/lib/core/tables/table-query";

export const conventionSortIds = ["nom", "prenom", "responsable", "origine", "date"] as const;
export type ConventionSortId = (typeof conventionSortIds)[number];

const sortColumns = {
  nom: conventions.studentLastNameKey,
  prenom: conventions.studentFirstNameKey,
  responsable: conventions.guardianNameKey,
  origine: conventions.originSchoolNameKey,
  date: conventions.internshipDate,
} as const;

export type ConventionTabRow = {
  id: string;
  studentLastName: string;
  studentFirstName: string;
  guardianName: string;
  originSchoolName: string;
  /** The lycée that hosts the session: what origin staff need in the column where their own school would be. */
  hostSchoolName: string;
  internshipDate: string;
  internshipId: string;
  invalidatedAt: Date | null;
  invalidationReason: string | null;
  currentDepositId: string | null;
  version: number;
  /** The current deposit's comparison with the original found visible differences. */
  hasVisualDifferences: boolean;
  /** The current deposit names another convention (filed under another pupil than the one it was made for). */
  namesAnotherConvention: boolean;
  /** What the current deposit says at a glance (« Vérification » column). */
  verification: VerificationStatus;
  /** When the origin school was last reminded (« Relancer »), or null. */
  lastRemindedAt: Date | null;
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
async function tabPage(db: DbOrTx, actor: Actor, state: ConventionState, query: TableQuery<ConventionSortId>, page: number, seek?: Seek, filters?: ConventionTabFilters) {
  const column = sortColumns[query.sort] ?? sortColumns.nom;
  const descending = query.order === "desc";
  // Before a cursor, the rows are read backwards from it, then put back in order below.
  const backwards = seek?.direction === "before";
  const direction = descending !== backwards ? desc : asc;
  let where = conventionTabWhere(actor, state, query.q, filters);
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
      hostSchoolName: schools.name,
      internshipDate: conventions.internshipDate,
      internshipId: enrollments.internshipId,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      currentDepositId: conventions.currentDepositId,
      version: conventions.version,
      // Read for the page's rows only, by primary key.
      hasVisualDifferences: sql<boolean>`coalesce((select ${deposits.analysis} -> 'visualComparison' ->> 'status' = 'changed' from ${deposits} where ${deposits.id} = ${conventions.currentDepositId}), false)`
        .mapWith((value: unknown) => value === true || value === "t" || value === "true"),
      namesAnotherConvention: sql<boolean>`coalesce((select (${deposits.analysis} -> 'identityMismatch') is not null
          or (${deposits.analysis} ->> 'conventionId' is not null and ${deposits.analysis} ->> 'conventionId' <> ${conventions.id}::text)
        from ${deposits} where ${deposits.id} = ${conventions.currentDepositId}), false)`
        .mapWith((value: unknown) => value === true || value === "t" || value === "true"),
      verification: conventionVerificationSql,
      lastRemindedAt: sql<Date | null>`(select ${conventionReminders.lastRemindedAt} from ${conventionReminders} where ${conventionReminders.conventionId} = ${conventions.id})`
        .mapWith((value: unknown) => (value === null || value === undefined ? null : new Date(value as string))),
      sortKey: sql<string>`${column}::text`,
    })
    .from(pageIds)
    .innerJoin(conventions, eq(conventions.id, pageIds.id))
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(schools, eq(schools.id, conventions.hostSchoolId))
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
  filters?: ConventionTabFilters,
): Promise<ConventionTab> {
  const afterCursor = usableCursor(query, decodeTableCursor(query, query.after));
  const beforeCursor = afterCursor ? null : usableCursor(query, decodeTableCursor(query, query.before));
  const seek: Seek | undefined = afterCursor
    ? { direction: "after", cursor: afterCursor }
    : beforeCursor ? { direction: "before", cursor: beforeCursor } : undefined;
  // The page does not depend on the count: both run at once, on two connections of the pool.
  const [count, seekRows] = await Promise.all([
    counted ?? countConventionTab(db, actor, state, query.q, filters),
    tabPage(db, actor, state, query, query.page, seek, filters),
  ]);
  let rows = seekRows;
  // A cursor is trusted only for a whole page (or, going forward, the end of the list): when rows moved
  // tab since the link was made, the page number decides, as on any direct link.
  if (seek && (rows.length === 0 || (seek.direction === "before" && rows.length < query.size))) {
    rows = await tabPage(db, actor, state, query, query.page, undefined, filters);
  }
  if (rows.length > 0) {
    // An estimate below what this page proves exists would hide the pages just reached.
    const seen = (query.page - 1) * query.size + rows.length + (rows.length === query.size ? 1 : 0);
    return pageResult(query, rows, query.page, { ...count, total: count.isEstimated ? Math.max(count.total, seen) : count.total });
  }
  if (query.page === 1 || count.total === 0) return pageResult(query, rows, query.page, count);
  // Past the end. When the total was estimated (a stale link, or the "last page" of an estimate that
  // overshot), the tab is counted exactly, once, so that the secretary lands on the real last page.
  const total = count.isEstimated ? { total: await countConventionTabExactly(db, actor, state, query.q, filters), isEstimated: false } : count;
  if (total.total === 0) return pageResult(query, [], 1, total);
  const lastPage = Math.min(query.page, Math.max(1, Math.ceil(total.total / query.size)));
  return pageResult(query, await tabPage(db, actor, state, query, lastPage, undefined, filters), lastPage, total);
}
