import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventionReminders, conventions, enrollments, internships, schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import type { VerificationStatus } from "@/lib/core/conventions/convention-verification";
import type { TableQuery } from "@/lib/core/tables/table-query";
import { conventionTabWhere } from "./convention-scope";
import type { ConventionSortId, conventionSortIds } from "./convention-tab";
import { conventionVerificationSql } from "./convention-verification";

export type ConventionExportRow = {
  id: string;
  studentLastName: string;
  studentFirstName: string;
  guardianName: string;
  originSchoolName: string;
  hostSchoolName: string;
  internshipTitle: string;
  internshipDate: string;
  state: ConventionState;
  verification: VerificationStatus;
  invalidationReason: string | null;
  lastRemindedAt: Date | null;
};

const sortColumns = {
  nom: conventions.studentLastNameKey,
  prenom: conventions.studentFirstNameKey,
  responsable: conventions.guardianNameKey,
  origine: conventions.originSchoolNameKey,
  date: conventions.internshipDate,
} as const satisfies Record<(typeof conventionSortIds)[number], unknown>;

/**
 * Every row of a tab as the tab shows it (search, filters, sort), read batch after batch from the
 * position after the last row sent (the tab index's own order), so that a 100 000-row export never
 * holds more than one batch in memory.
 */
export async function* streamConventionTabRows(
  db: DbOrTx,
  actor: Actor,
  state: ConventionState,
  query: Pick<TableQuery<ConventionSortId>, "q" | "sort" | "order">,
  filters: ConventionTabFilters,
  batchSize = 2_000,
): AsyncGenerator<ConventionExportRow[]> {
  const column = sortColumns[query.sort] ?? sortColumns.nom;
  const direction = query.order === "desc" ? desc : asc;
  const beyond = query.order === "desc" ? sql`<` : sql`>`;
  const isDate = column === conventions.internshipDate;
  let position: { key: string; id: string } | null = null;
  for (;;) {
    const seek: SQL | undefined = position
      ? sql`(${column}, ${conventions.id}) ${beyond} (${isDate ? sql`${position.key}::date` : sql`${position.key}::text`}, ${position.id}::uuid)`
      : undefined;
    const batch: (ConventionExportRow & { sortKey: string })[] = await db
      .select({
        id: conventions.id,
        studentLastName: conventions.studentLastName,
        studentFirstName: conventions.studentFirstName,
        guardianName: conventions.guardianName,
        originSchoolName: conventions.originSchoolName,
        hostSchoolName: schools.name,
        internshipTitle: internships.title,
        internshipDate: conventions.internshipDate,
        state: conventions.state,
        verification: conventionVerificationSql,
        invalidationReason: conventions.invalidationReason,
        lastRemindedAt: conventionReminders.lastRemindedAt,
        sortKey: sql<string>`${column}::text`,
      })
      .from(conventions)
      .innerJoin(schools, eq(schools.id, conventions.hostSchoolId))
      .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .leftJoin(conventionReminders, eq(conventionReminders.conventionId, conventions.id))
      .where(and(conventionTabWhere(actor, state, query.q, filters), seek))
      .orderBy(direction(column), direction(conventions.id))
      .limit(batchSize);
    if (batch.length === 0) return;
    const last = batch[batch.length - 1];
    position = { key: last.sortKey, id: last.id };
    yield batch.map(({ sortKey: _sortKey, ...row }) => ({ ...row, lastRemindedAt: row.lastRemindedAt ? new Date(row.lastRemindedAt) : null }));
    if (batch.length < batchSize) return;
  }
}
