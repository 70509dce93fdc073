import { getDb, type DbOrTx } from "@/db/client";
import {
  conventionSortIds, countConventionTabs, findSchoolContactEmail, listConventionTab, type ConventionSortId,
} from "@/db/queries/conventions";
import { parseTableQuery, type RawSearchParams } from "@/components/data-table/table-query";
import { DepositPanel } from "@/components/deposit/deposit-panel";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { Actor } from "@/lib/server/auth/actor";
import { requireActor } from "@/lib/server/auth/require-actor";
import { validateConventionAction } from "@/app/(portal)/conventions/actions";
import { ContactEmailNotice } from "./contact-email-notice";
import { ConventionTabTable } from "./convention-tab-table";
import { ConventionTabsNav, tabHrefOf } from "./convention-tabs-nav";
import { FlashMessage } from "./flash-message";
import { HowItWorks } from "./how-it-works";

/** Everything a tab shows, read in the database for this actor: the page's data function. */
export async function loadConventionTab(db: DbOrTx, actor: Actor, state: ConventionState, searchParams: RawSearchParams) {
  const query = parseTableQuery<ConventionSortId>(searchParams, { sortable: conventionSortIds, defaultSort: "date" });
  const [tab, counts, contactEmail] = await Promise.all([
    listConventionTab(db, actor, state, query),
    countConventionTabs(db, actor),
    findSchoolContactEmail(db, actor),
  ]);
  return { query, tab, counts, hasContactEmail: Boolean(contactEmail) };
}

export async function ConventionTabPage({ state, title, searchParams }: { state: ConventionState; title: string; searchParams: RawSearchParams }) {
  const basePath = tabHrefOf(state);
  const actor = await requireActor(basePath);
  const { query, tab, counts, hasContactEmail } = await loadConventionTab(await getDb(), actor, state, searchParams);
  const canAct = actor.role === "host_admin";
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
      <section className="min-w-0 space-y-4">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">Conventions — {title}</h1>
          {canAct ? null : (
            <p className="text-sm text-slate-600">Conventions des élèves de votre établissement, en lecture seule.</p>
          )}
        </div>
        <FlashMessage message={searchParams.message} />
        {hasContactEmail ? null : <ContactEmailNotice />}
        <ConventionTabsNav current={state} counts={counts} />
        <ConventionTabTable state={state} basePath={basePath} query={query} tab={tab} canAct={canAct} validateAction={validateConventionAction} />
      </section>
      <aside className="space-y-4">
        <DepositPanel />
        <HowItWorks />
      </aside>
    </div>
  );
}
