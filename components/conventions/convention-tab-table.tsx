import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import type { TableQuery } from "@/lib/core/tables/table-query";
import type { ConventionSortId, ConventionTab, ConventionTabRow } from "@/db/queries/convention-tab";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { formatDateFr } from "@/lib/core/format-date";
import type { ActionState } from "@/lib/server/actions/create-action";
import { conventionPdfHref } from "@/lib/core/conventions/convention-links";
import { ConventionActionForm } from "./convention-action-form";
import { urgencyBadgeOf } from "@/lib/core/conventions/convention-urgency";
import { UrgencyBadge, VerificationBadge } from "./verification-badge";
import { RemindRowButton, SelectionCheckbox, type SelectionCandidate } from "./selection-actions";

/**
 * What the tab adds for the host's daily work: the urgency window (badge « J-n »), the reminder
 * cooldown, and, in « en attente », why each row could or could not be validated in bulk.
 */
export type TabFollowUp = {
  today: string;
  urgencyDays: number;
  /** Rows reminded on or after this instant are within the cooldown: « Déjà relancée le … ». */
  remindCooldownCutoff: Date;
  /** Conventions of this page (by id) for the bulk validation, with the reason each would be left out. */
  candidates: Record<string, SelectionCandidate>;
  selectionFormId: string;
  remindAction: FormAction;
};

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** The host sees which collège each pupil comes from; origin staff, which lycée hosts them (their own school is every row's origin). */
function baseColumnsFor(canAct: boolean): DataTableColumn[] {
  return [
    { id: "nom", header: "Nom", sortable: true },
    { id: "prenom", header: "Prénom", sortable: true },
    { id: "responsable", header: "Responsable", sortable: true },
    canAct ? { id: "origine", header: "Établissement d'origine", sortable: true } : { id: "accueil", header: "Établissement d'accueil" },
    { id: "date", header: "Date du stage", sortable: true, className: "whitespace-nowrap" },
    { id: "verification", header: "Vérification" },
    { id: "fiche", header: "Fiche stage" },
  ];
}

/**
 * Host admins select rows to validate (« en attente »: the checkbox beside the verification) or to
 * remind (« non retournées »: beside « Relancer », in a last column), without widening the table.
 */
function followUpColumns(state: ConventionState, canAct: boolean, followUp: TabFollowUp | undefined): DataTableColumn[] {
  return followUp && canAct && state === "not_returned" ? [{ id: "relance", header: "Relance" }] : [];
}

const dayMonth = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit" });

const actionColumns: Record<ConventionState, DataTableColumn[]> = {
  not_returned: [{ id: "generer", header: "Convention" }],
  // One column for both decisions keeps the table within a 1280 px screen.
  pending_validation: [{ id: "voir", header: "Convention" }, { id: "decider", header: "Valider ou invalider" }],
  validated: [{ id: "voir", header: "Convention" }, { id: "invalider", header: "Invalider" }],
};

/** Origin staff cannot validate: their columns stop at the convention itself. */
function actionColumnsFor(state: ConventionState, canAct: boolean): DataTableColumn[] {
  return canAct ? actionColumns[state] : actionColumns[state].filter((column) => column.id !== "decider" && column.id !== "invalider");
}

const linkClass = "text-brand-700 underline hover:text-brand-800";

function InvalidationBadge({ row }: { row: ConventionTabRow }) {
  if (!row.invalidatedAt) return null;
  return (
    <span className="mt-1 block w-fit rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
      Invalidée le {formatDateFr(row.invalidatedAt)}{row.invalidationReason ? ` : ${row.invalidationReason}` : ""}
    </span>
  );
}

function DifferencesBadge({ row }: { row: ConventionTabRow }) {
  if (!row.hasVisualDifferences) return null;
  return (
    <Link href={`/conventions/${row.id}#comparaison`} title="Le document déposé diffère de la convention d'origine"
      className="mt-1 block w-fit rounded bg-orange-100 px-1.5 py-0.5 text-xs font-medium text-orange-900 hover:underline">
      différences
    </Link>
  );
}

function OtherConventionBadge({ row }: { row: ConventionTabRow }) {
  if (!row.namesAnotherConvention) return null;
  return (
    <Link href={`/conventions/${row.id}`} title="Le document déposé porte le numéro d'une autre convention"
      className="mt-1 block w-fit rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white hover:underline">
      autre stagiaire ?
    </Link>
  );
}

function cellsOf(row: ConventionTabRow, state: ConventionState, canAct: boolean, validateAction: FormAction, followUp?: TabFollowUp) {
  const studentName = `${row.studentLastName.toUpperCase()} ${row.studentFirstName}`;
  const isRemindedRecently = Boolean(followUp && row.lastRemindedAt && new Date(row.lastRemindedAt) >= followUp.remindCooldownCutoff);
  const cells: Record<string, React.ReactNode> = {
    verification: followUp && canAct && state === "pending_validation" ? (
      <span className="flex items-start gap-1.5">
        <SelectionCheckbox formId={followUp.selectionFormId} conventionId={row.id} version={row.version} name={studentName}
          isVerified={followUp.candidates[row.id]?.refusal === null} />
        <VerificationBadge status={row.verification} invalidationReason={row.invalidationReason} />
      </span>
    ) : <VerificationBadge status={row.verification} invalidationReason={row.invalidationReason} />,
    relance: followUp ? (
      <span className="flex items-start gap-1.5">
        <SelectionCheckbox formId={followUp.selectionFormId} conventionId={row.id} version={row.version} name={studentName} />
        <RemindRowButton conventionId={row.id} action={followUp.remindAction}
          remindedOn={isRemindedRecently && row.lastRemindedAt ? dayMonth.format(new Date(row.lastRemindedAt)).replace("/", "-") : null} />
      </span>
    ) : null,
    nom: (
      <>
        <Link href={`/conventions/${row.id}`} title="Ouvrir la page de la convention"
          className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2 hover:text-brand-800 hover:decoration-brand-700">
          {row.studentLastName.toUpperCase()}
        </Link>
        <InvalidationBadge row={row} />
        <DifferencesBadge row={row} />
        <OtherConventionBadge row={row} />
      </>
    ),
    prenom: row.studentFirstName,
    responsable: row.guardianName,
    origine: row.originSchoolName,
    accueil: row.hostSchoolName,
    date: state === "not_returned" && followUp ? (
      <>
        {formatDateFr(row.internshipDate)}
        <UrgencyBadge badge={urgencyBadgeOf(row.internshipDate, followUp.today, followUp.urgencyDays)} />
      </>
    ) : formatDateFr(row.internshipDate),
    fiche: <Link href={`/stages/${row.internshipId}`} className={linkClass}>Info</Link>,
    generer: (
      <span className="flex flex-col gap-0.5 whitespace-nowrap">
        <Link href={`/conventions/${row.id}`} className={linkClass}>Ouvrir la fiche</Link>
        <a href={conventionPdfHref(row.id, "version=original")} className={linkClass} download>Générer la convention</a>
      </span>
    ),
    voir: (
      <span className="flex flex-col gap-0.5 whitespace-nowrap">
        <Link href={`/conventions/${row.id}`} className={linkClass}>Ouvrir la fiche</Link>
        <a href={conventionPdfHref(row.id, "version=current&apercu=1")} className={linkClass} target="_blank" rel="noopener">Voir le PDF</a>
      </span>
    ),
    decider: canAct ? (
      <span className="flex flex-col items-start gap-1">
        <ConventionActionForm action={validateAction} conventionId={row.id} version={row.version} label="Valider la conformité" compact
          confirmation={{ question: `Valider la convention de ${row.studentLastName.toUpperCase()} ${row.studentFirstName} ?`, confirmLabel: "Oui, valider" }} />
        <Link href={`/conventions/${row.id}#invalider`} className="text-sm text-red-700 underline hover:text-red-800">Invalider la conformité…</Link>
      </span>
    ) : null,
    invalider: canAct ? (
      <Link href={`/conventions/${row.id}#invalider`} className="text-red-700 underline hover:text-red-800">Invalider</Link>
    ) : null,
  };
  return cells;
}

/** The table of one tab; also what the tab benchmark renders. */
export function ConventionTabTable({
  state, basePath, query, tab, canAct, validateAction, followUp,
}: {
  state: ConventionState; basePath: string; query: TableQuery<ConventionSortId>; tab: ConventionTab; canAct: boolean; validateAction: FormAction;
  followUp?: TabFollowUp;
}) {
  const extra = followUpColumns(state, canAct, followUp);
  return (
    <DataTable
      basePath={basePath}
      query={{ ...query, page: tab.page }}
      total={tab.total}
      isTotalEstimated={tab.isEstimated}
      totalCountedAtLeast={tab.countedAtLeast}
      nextCursor={tab.nextCursor}
      previousCursor={tab.previousCursor}
      columns={[...baseColumnsFor(canAct), ...actionColumnsFor(state, canAct), ...extra]}
      rows={tab.rows.map((row) => ({ id: row.id, cells: cellsOf(row, state, canAct, validateAction, followUp) }))}
      searchLabel="Rechercher un stagiaire ou un établissement"
      searchPlaceholder="Nom, responsable, formation, jj-mm-aaaa…"
      emptyMessage={query.q ? "Aucune convention ne correspond à cette recherche." : "Aucune convention dans cet onglet."}
      caption="Conventions"
    />
  );
}
