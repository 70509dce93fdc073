import type { DbOrTx } from "@/db/client";
import { conventionSortIds, listConventionTab, type ConventionSortId } from "@/db/queries/convention-tab";
import { countConventionTabs } from "@/db/queries/convention-tab-counts";
import { isSearching } from "@/db/queries/search-match";
import { findSchoolFollowUpSettings, hasSchoolContactEmail } from "@/db/queries/schools";
import { findBulkValidationCandidates } from "@/db/queries/bulk-validation-candidates";
import { conventionTabFilterParams, conventionTabFiltersOf, hasTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import { bulkValidationRefusal } from "@/lib/core/conventions/convention-verification";
import { reminderCooldownCutoff } from "@/lib/core/conventions/convention-urgency";
import { formatStudentName } from "@/lib/core/format-student-name";
import { parisToday } from "@/lib/server/internships/paris-today";
import { parseTableQuery, type RawSearchParams } from "@/lib/core/tables/table-query";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { Actor } from "@/lib/core/auth/actor";

/** Everything a tab shows, read in the database for this actor: the tab pages' data function. */
export async function loadConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, searchParams: RawSearchParams) {
  const query = parseTableQuery<ConventionSortId>(searchParams, { sortable: conventionSortIds, defaultSort: "date", filters: conventionTabFilterParams });
  const today = parisToday();
  const counting = countConventionTabs(db, actor);
  const settings = await findSchoolFollowUpSettings(db, actor);
  const filters = conventionTabFiltersOf(query.filters, { today, urgencyDays: settings.urgencyDays });
  // Without a search or filter the page's total is its tab's badge: counted once.
  const tabTotal = !isSearching(query.q) && !hasTabFilters(filters) ? counting.then((counts) => counts[state]) : undefined;
  const [tab, counts, hasContactEmail] = await Promise.all([
    listConventionTab(db, actor, state, query, tabTotal, filters),
    counting,
    hasSchoolContactEmail(db, actor),
  ]);
  // Why each row of the page could or could not be validated in bulk, judged as the validation will judge it.
  const candidates: Record<string, { name: string; refusal: string | null }> = {};
  if (state === "pending_validation" && actor.role === "host_admin") {
    const found = await findBulkValidationCandidates(db, actor, tab.rows.map((row) => row.id));
    for (const row of tab.rows) {
      const candidate = found.get(row.id);
      candidates[row.id] = {
        name: formatStudentName(row.studentLastName, row.studentFirstName),
        refusal: candidate ? bulkValidationRefusal(candidate, row.version, { requiresKnownSigner: candidate.requiresKnownSigner }) : "introuvable",
      };
    }
  }
  const followUp = {
    today,
    urgencyDays: settings.urgencyDays,
    reminderCooldownDays: settings.reminderCooldownDays,
    remindCooldownCutoff: reminderCooldownCutoff(today, settings.reminderCooldownDays),
    candidates,
  };
  return { query, tab, counts, hasContactEmail, followUp };
}
