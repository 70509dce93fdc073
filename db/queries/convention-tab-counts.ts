import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "@/db/client";
import { conventions } from "@/db/schema";
import { conventionTabWhere } from "./convention-scope";
import { isSearching } from "./search-match";
import { hasTabFilters, type ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";

/** Above this many rows a tab's total is estimated instead of counted exactly. */
export const exactCountCap = 10_000;
/**
 * A searched tab is counted exactly up to this many matches only: counting walks the tab's index
 * testing the search on every entry, so its cost grows with the cap, and past a thousand matches
 * "environ n" tells the secretary as much (she refines her search anyway).
 */
export const exactSearchCountCap = 1_000;

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
export async function countConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, q = "", filters?: ConventionTabFilters): Promise<TabTotal> {
  const where = conventionTabWhere(actor, state, q, filters);
  // A filter narrows like a search: its matches are counted, not estimated from the tab's size.
  const searched = isSearching(q) || hasTabFilters(filters);
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

/** Every row of a tab, counted: a walk of its whole index, kept for the rare page past an estimated end. */
export async function countConventionTabExactly(db: DbOrTx, actor: Actor, state: ConventionState, q: string, filters?: ConventionTabFilters): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from ${conventions} where ${conventionTabWhere(actor, state, q, filters)}`);
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
