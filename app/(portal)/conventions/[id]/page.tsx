import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findConventionDetail, type ConventionDetail } from "@/db/queries/convention-detail";
import { ConventionActionForm, InvalidateConventionForm } from "@/components/conventions/convention-action-form";
import { conventionPdfHref, tabHrefOf } from "@/lib/core/conventions/convention-links";
import { FlashMessage } from "@/components/conventions/flash-message";
import { DepositPanel } from "@/components/deposit/deposit-panel";
import { FailedMailsNotice } from "@/components/mail/failed-mails-notice";
import { listFailedMailsForConvention } from "@/db/queries/outbox";
import { SignaturePanel } from "@/components/conventions/signature-panel";
import { VisualComparisonView } from "@/components/conventions/visual-comparison-view";
import type { VisualComparison } from "@/lib/server/visual-comparison/visual-comparison-types";
import { canApply, conventionStateLabels, planTransition } from "@/lib/core/conventions/convention-state-machine";
import { formatDateFr, formatDateTimeFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";
import { maxDepositBytes } from "@/lib/server/deposits/deposit-limits";
import { invalidationReasons } from "@/lib/server/conventions/invalidate-convention";
import { invalidateConventionAction, regenerateConventionAction, validateConventionAction } from "../actions";
import { trustSignerAction } from "./signer-actions";
import { loadSignerTrust } from "./load-signer-trust";
import { formatStudentName } from "@/lib/core/format-student-name";
import { otherConventionIdsNamed, type DepositStatusInput } from "@/lib/core/deposits/deposit-status";
import type { Actor } from "@/lib/core/auth/actor";

export const metadata: Metadata = { title: "Convention" };

const eventLabels: Record<string, string> = {
  generate: "Convention générée et envoyée à l'établissement d'origine",
  deposit: "Document déposé",
  validate: "Conformité validée",
  invalidate: "Conformité invalidée",
  regenerate: "Retour à la version d'origine",
  correct_student: "Fiche du stagiaire corrigée",
  remind: "Relance envoyée à l'établissement d'origine",
};

const stateTones = {
  not_returned: "bg-slate-200 text-slate-800",
  pending_validation: "bg-amber-100 text-amber-900",
  validated: "bg-green-100 text-green-900",
} as const;

const reasonOptions = Object.entries(invalidationReasons).map(([code, label]) => ({ code, label }));

function Actions({ convention }: { convention: ConventionDetail }) {
  if (!convention.canAct) {
    return <p className="text-sm text-slate-600">Vous consultez cette convention en lecture seule : l&apos;établissement d&apos;accueil la valide.</p>;
  }
  const common = { conventionId: convention.id, version: convention.version };
  // What the page offers is what the state machine allows in this state.
  if (!canApply(convention.state, "invalidate")) {
    return <p className="text-sm text-slate-600">Aucune action : la convention attend le retour du document signé (déposez-le dans l&apos;onglet des conventions).</p>;
  }
  // Invalidating a validated convention sends it back to « Non retournées »: the wording says so.
  const reopens = planTransition(convention.state, "invalidate").clearsValidation;
  return (
    <div className="space-y-4">
      {canApply(convention.state, "validate") ? (
        <ConventionActionForm action={validateConventionAction} {...common} label="Valider la conformité"
          confirmation={{ question: "Valider la conformité de cette convention ?", confirmLabel: "Oui, valider" }} />
      ) : null}
      <div id="invalider" className="rounded-md border border-red-200 p-3">
        <h3 className="mb-2 font-semibold text-red-900">{reopens ? "Invalider cette convention validée" : "Invalider la conformité"}</h3>
        {reopens ? (
          <p className="mb-2 text-sm text-slate-700">La convention reviendra dans les conventions non retournées, avec son document d&apos;origine.</p>
        ) : null}
        <InvalidateConventionForm action={invalidateConventionAction} {...common} reasons={reasonOptions}
          label={reopens ? "Invalider" : "Invalider la conformité"} />
      </div>
      {canApply(convention.state, "regenerate") ? (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer font-semibold text-slate-800">Revenir à la convention d&apos;origine…</summary>
          <p className="my-2 text-sm text-slate-700">
            La convention repassera dans « Non retournées » avec son document d&apos;origine, identique à celui envoyé.
            Le fichier rempli déposé reste dans l&apos;historique et reste téléchargeable. Confirmez-vous ?
          </p>
          <ConventionActionForm action={regenerateConventionAction} {...common} tone="neutral" label="Oui, revenir à la version d'origine" />
        </details>
      ) : null}
    </div>
  );
}

/** The comparison with the original stored with a deposit's analysis, when it was made. */
function comparisonOf(analysis: unknown): VisualComparison | null {
  if (typeof analysis !== "object" || analysis === null || !("visualComparison" in analysis)) return null;
  const comparison = (analysis as { visualComparison: unknown }).visualComparison;
  return typeof comparison === "object" && comparison !== null && Array.isArray((comparison as VisualComparison).pages) ? comparison as VisualComparison : null;
}

/** The conventions other than this one that the current deposit names, with the pupil's name when the viewer may see it. */
async function namedOtherConventions(actor: Actor, conventionId: string, analysis: unknown) {
  if (typeof analysis !== "object" || analysis === null || !Array.isArray((analysis as DepositStatusInput).problems)) return [];
  const ids = otherConventionIdsNamed(analysis as DepositStatusInput, conventionId);
  const db = await getDb();
  return Promise.all(ids.map(async (id) => {
    const other = await findConventionDetail(db, actor, id);
    return { id, studentName: other ? formatStudentName(other.studentLastName, other.studentFirstName) : null };
  }));
}

/** Red, above everything: the deposited file names another pupil's convention. */
function OtherConventionWarning({ named }: { named: { id: string; studentName: string | null }[] }) {
  if (named.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border-2 border-red-400 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">Attention : le document déposé désigne une autre convention que celle-ci.</p>
      <p>
        Il porte le numéro {named.length > 1 ? "d'autres conventions" : "d'une autre convention"}
        {" "}({named.map((other, index) => (
          <span key={other.id}>{index > 0 ? ", " : ""}{other.studentName
            ? <Link href={`/conventions/${other.id}`} className="underline">convention de {other.studentName}</Link>
            : "convention d'un autre établissement"}</span>
        ))}) : il a peut-être été déposé pour le mauvais stagiaire. Vérifiez-le avant de valider.
      </p>
    </div>
  );
}

export default async function ConventionPage({ params, searchParams }: {
  params: Promise<{ id: string }>; searchParams: Promise<{ message?: string | string[] }>;
}) {
  const { id } = await params;
  const actor = await requireActor(`/conventions/${id}`);
  const convention = await findConventionDetail(await getDb(), actor, id);
  if (!convention) notFound();
  const { message } = await searchParams;
  const failedMails = await listFailedMailsForConvention(actor, convention.id);
  const current = convention.deposits.find((deposit) => deposit.id === convention.currentDepositId) ?? null;
  const studentName = formatStudentName(convention.studentLastName, convention.studentFirstName);
  const namedOthers = current ? await namedOtherConventions(actor, convention.id, current.analysis) : [];
  const signerStatuses = current ? await loadSignerTrust(actor, convention, current.analysis) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm"><Link href={tabHrefOf(convention.state)} className="text-brand-700 underline">← {conventionStateLabels[convention.state]}</Link></p>
          <h1 className="text-2xl font-bold text-brand-800">Convention de {studentName}</h1>
          <p className="text-xs text-slate-500">Convention n° {convention.id}</p>
        </div>
        <div className="text-right">
          <span className={`inline-block rounded-full px-3 py-1 text-sm font-medium ${stateTones[convention.state]}`}>{conventionStateLabels[convention.state]}</span>
          {convention.invalidatedAt ? (
            <p className="mt-1 rounded bg-red-100 px-2 py-0.5 text-sm text-red-800">
              Invalidée le {formatDateFr(convention.invalidatedAt)} : {convention.invalidationReason}
              {convention.invalidationNote ? <span className="block text-xs">{convention.invalidationNote}</span> : null}
            </p>
          ) : null}
          {convention.validatedAt ? (
            <p className="mt-1 text-sm text-green-800">Validée le {formatDateFr(convention.validatedAt)}{convention.validatedByName ? ` par ${convention.validatedByName}` : ""}</p>
          ) : null}
        </div>
      </div>
      <FlashMessage message={message} />
      <OtherConventionWarning named={namedOthers} />
      <FailedMailsNotice mails={failedMails} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold text-slate-900">
                {current ? "Document actuel : dernier dépôt" : "Document actuel : convention d'origine"}
              </h2>
              <a className="text-sm text-brand-700 underline" href={conventionPdfHref(convention.id, current ? "version=current" : "version=original")}>Télécharger</a>
            </div>
            <iframe title="Aperçu de la convention" src={conventionPdfHref(convention.id, `${current ? "version=current" : "version=original"}&apercu=1`)}
              className="h-[70vh] w-full rounded border border-slate-200" />
          </section>

          {current && comparisonOf(current.analysis) ? (
            <VisualComparisonView conventionId={convention.id} depositId={current.id} comparison={comparisonOf(current.analysis)!} />
          ) : null}

          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Historique</h2>
            <ol className="space-y-2 text-sm">
              {convention.events.map((event) => (
                <li key={event.id} className="border-l-2 border-brand-100 pl-3">
                  <p className="font-medium text-slate-900">{eventLabels[event.event] ?? event.event}
                    {event.reason ? <span className="font-normal"> — motif : {event.reason}</span> : null}</p>
                  {event.note ? <p className="text-slate-700">« {event.note} »</p> : null}
                  <p className="text-xs text-slate-600">
                    {formatDateTimeFr(event.createdAt)} · {event.actorLabel}
                    {event.fromState ? ` · ${conventionStateLabels[event.fromState]} → ${conventionStateLabels[event.toState]}` : ""}
                  </p>
                  {event.depositId ? (
                    <a className="text-xs text-brand-700 underline" href={conventionPdfHref(convention.id, `depot=${event.depositId}`)}>Télécharger ce dépôt</a>
                  ) : null}
                </li>
              ))}
            </ol>
            <h3 className="mb-1 mt-4 font-semibold text-slate-900">Fichiers</h3>
            <ul className="space-y-1 text-sm">
              <li>
                <a className="text-brand-700 underline" href={conventionPdfHref(convention.id, "version=original")}>Convention d&apos;origine</a>
                <span className="text-slate-600"> — générée le {formatDateTimeFr(convention.createdAt)}, {Math.round(convention.originalSize / 1024)} Ko</span>
              </li>
              {convention.deposits.map((deposit) => (
                <li key={deposit.id}>
                  <a className="text-brand-700 underline" href={conventionPdfHref(convention.id, `depot=${deposit.id}`)}>{deposit.fileName ?? "Dépôt"}</a>
                  <span className="text-slate-600"> — déposé le {formatDateTimeFr(deposit.createdAt)}
                    {deposit.uploadedViaLink ? " par lien de dépôt" : deposit.uploadedByName ? ` par ${deposit.uploadedByName}` : ""}, {Math.round(deposit.size / 1024)} Ko
                    {deposit.id === convention.currentDepositId ? " (document actuel)" : ""}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>

        <div className="space-y-6">
          <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Stagiaire et stage</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-800">
              <dt className="text-slate-600">Stagiaire</dt><dd>{studentName} ({convention.studentClassName})</dd>
              <dt className="text-slate-600">Responsable</dt><dd>{convention.guardianName}{convention.guardianEmail ? ` — ${convention.guardianEmail}` : ""}</dd>
              <dt className="text-slate-600">Établissement d&apos;origine</dt><dd>{convention.originSchoolName}</dd>
              <dt className="text-slate-600">Établissement d&apos;accueil</dt><dd>{convention.hostSchoolName}</dd>
              <dt className="text-slate-600">Stage</dt>
              <dd><Link href={`/stages/${convention.internshipId}`} className="text-brand-700 underline">{convention.internshipTitle}</Link></dd>
              <dt className="text-slate-600">Date</dt>
              <dd>{formatDateFr(convention.internshipDate)}, {convention.internshipStartTime}–{convention.internshipEndTime}</dd>
              <dt className="text-slate-600">Lieu</dt><dd>{convention.internshipPlace} — {convention.internshipTeacher}</dd>
            </dl>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Signatures du document actuel</h2>
            <SignaturePanel analysis={current?.analysis ?? null} conventionId={convention.id} depositCount={convention.deposits.length}
              signerTrust={signerStatuses ? { statuses: signerStatuses, originSchoolName: convention.originSchoolName, trustAction: trustSignerAction } : undefined} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Actions</h2>
            <Actions convention={convention} />
          </section>
          {canApply(convention.state, "deposit") ? <DepositPanel conventionId={convention.id} maxBytes={maxDepositBytes()} /> : null}
        </div>
      </div>
    </div>
  );
}
