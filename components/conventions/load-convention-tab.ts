import type { DbOrTx } from "@/db/client";
import {
  conventionSortIds, countConventionTabs, findSchoolContactEmail, listConventionTab, type ConventionSortId,
} from "@/db/queries/conventions";
import { parseTableQuery, type RawSearchParams } from "@/components/data-table/table-query";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { Actor } from "@/lib/server/auth/actor";

/** Everything a tab shows, read in the database for this actor: the tab pages' data function. */
export async function loadConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, searchParams: RawSearchParams) {
  const query = parseTableQuery<ConventionSortId>(searchParams, { sortable: conventionSortIds, defaultSort: "date" });
  const [tab, counts, contactEmail] = await Promise.all([
    listConventionTab(db, actor, state, query),
    countConventionTabs(db, actor),
    findSchoolContactEmail(db, actor),
  ]);
  return { query, tab, counts, hasContactEmail: Boolean(contactEmail) };
}
