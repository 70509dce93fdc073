import type { DbOrTx } from "@/db/client";
import { conventionSortIds, listConventionTab, type ConventionSortId } from "@/db/queries/convention-tab";
import { countConventionTabs } from "@/db/queries/convention-tab-counts";
import { searchPatternOf } from "@/db/queries/convention-scope";
import { hasSchoolContactEmail } from "@/db/queries/schools";
import { parseTableQuery, type RawSearchParams } from "@/lib/core/tables/table-query";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { Actor } from "@/lib/core/auth/actor";

/** Everything a tab shows, read in the database for this actor: the tab pages' data function. */
export async function loadConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, searchParams: RawSearchParams) {
  const query = parseTableQuery<ConventionSortId>(searchParams, { sortable: conventionSortIds, defaultSort: "date" });
  const counting = countConventionTabs(db, actor);
  // Without a search the page's total is its tab's badge: counted once.
  const tabTotal = searchPatternOf(query.q) === null ? counting.then((counts) => counts[state]) : undefined;
  const [tab, counts, hasContactEmail] = await Promise.all([
    listConventionTab(db, actor, state, query, tabTotal),
    counting,
    hasSchoolContactEmail(db, actor),
  ]);
  return { query, tab, counts, hasContactEmail };
}
