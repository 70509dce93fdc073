import { getDb } from "@/db/client";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { DepositPanel } from "@/components/deposit/deposit-panel";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { requireActor } from "@/lib/server/auth/require-actor";
import { maxDepositBytes } from "@/lib/server/deposits/deposit-limits";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ContactEmailNotice } from "@/components/conventions/contact-email-notice";
import { ConventionTabTable } from "@/components/conventions/convention-tab-table";
import { ConventionTabsNav } from "@/components/conventions/convention-tabs-nav";
import { FlashMessage } from "@/components/conventions/flash-message";
import { HowItWorks } from "@/components/conventions/how-it-works";
import { tabHrefOf } from "@/lib/core/conventions/convention-links";
import { canManageTabConventions } from "@/lib/core/conventions/convention-permissions";
import { loadConventionTab } from "./load-convention-tab";
import { ConventionTabToolbar } from "@/components/conventions/convention-tab-toolbar";
import { BulkValidationForm, ReminderSelectionForm } from "@/components/conventions/selection-actions";
import { remindConventionsAction, validateConventionsInBulkAction } from "./actions";

export async function ConventionTabPage({ state, title, searchParams, validateAction }: {
  state: ConventionState; title: string; searchParams: RawSearchParams;
  validateAction: (previous: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const basePath = tabHrefOf(state);
  const actor = await requireActor(basePath);
  const { query, tab, counts, hasContactEmail, followUp } = await loadConventionTab(await getDb(), actor, state, searchParams);
  const canAct = canManageTabConventions(actor);
  const selectionFormId = `selection-${state}`;
  const tabSlug = basePath.split("/").pop()!;
  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Conventions — {title}</h1>
        {canAct ? null : (
          <p className="text-sm text-slate-600">Les conventions des élèves de votre établissement : déposez ici les conventions remplies, le lycée d&apos;accueil les valide.</p>
        )}
      </div>
      <FlashMessage message={searchParams.message} />
      {hasContactEmail ? null : <ContactEmailNotice />}
      <ConventionTabsNav current={state} counts={counts} />
      {/* The table comes first, above the fold: the deposit box sits beside it from 1280 px, below it on narrower screens. */}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <section className="min-w-0" aria-label={`Conventions ${title.toLowerCase()}`}>
          <div className="mb-3 space-y-3">
            <ConventionTabToolbar basePath={basePath} tabSlug={tabSlug} query={query} urgencyDays={followUp.urgencyDays} showUrgencyFilter={state === "not_returned"} />
            {canAct && state === "pending_validation" ? (
              <BulkValidationForm formId={selectionFormId} candidates={followUp.candidates} action={validateConventionsInBulkAction} />
            ) : null}
            {canAct && state === "not_returned" ? (
              <ReminderSelectionForm formId={selectionFormId} action={remindConventionsAction} cooldownDays={followUp.reminderCooldownDays} />
            ) : null}
          </div>
          <ConventionTabTable state={state} basePath={basePath} query={query} tab={tab} canAct={canAct} validateAction={validateAction}
            followUp={{ ...followUp, selectionFormId, remindAction: remindConventionsAction }} />
        </section>
        <aside className="grid content-start items-start gap-4 md:grid-cols-2 xl:grid-cols-1">
          <DepositPanel maxBytes={maxDepositBytes()} />
          <HowItWorks />
        </aside>
      </div>
    </div>
  );
}
