import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { findDepositLinkConvention } from "@/db/queries/deposits";
import { formatDateFr } from "@/lib/core/format-date";
import { canApply } from "@/lib/core/conventions/convention-state-machine";
import { conventionIdFromDepositToken } from "@/lib/server/deposit-links";
import { maxDepositBytes } from "@/lib/server/deposits/deposit-limits";
import { DepositPanel } from "@/components/deposit/deposit-panel";
import { formatStudentName } from "@/lib/core/format-student-name";

export const metadata: Metadata = { title: "Dépôt de convention", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="bg-brand-800 text-white shadow">
        <div className="mx-auto max-w-3xl px-4 py-3">
          <p className="text-lg font-bold">Mini-stages</p>
          <p className="text-xs text-brand-100">Dépôt d&apos;une convention de mini-stage</p>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-5 px-4 py-6">{children}</main>
    </>
  );
}

function Refusal({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Shell>
      <section className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
        <h1 className="text-xl font-bold">{title}</h1>
        <div className="mt-2 space-y-2 text-sm">{children}</div>
      </section>
    </Shell>
  );
}

/** Public page of a deposit link: no account, one convention, the same upload box restricted to it. */
export default async function DepositLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const decoded = decodeURIComponent(token);
  const conventionId = conventionIdFromDepositToken(decoded);
  if (!conventionId) {
    return (
      <Refusal title="Ce lien de dépôt n'est plus valable">
        <p>Le lien que vous avez suivi est invalide ou a expiré (un lien de dépôt reste valable 30 jours).</p>
        <p>Demandez un nouveau lien à l&apos;établissement d&apos;accueil, ou connectez-vous au portail si vous avez un compte.</p>
      </Refusal>
    );
  }
  const convention = await findDepositLinkConvention(await getDb(), { kind: "link", conventionId });
  if (!convention) {
    return (
      <Refusal title="Convention introuvable">
        <p>La convention de ce lien n&apos;existe plus. Contactez l&apos;établissement d&apos;accueil.</p>
      </Refusal>
    );
  }
  const studentName = formatStudentName(convention.studentLastName, convention.studentFirstName);
  return (
    <Shell>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="text-xl font-bold text-brand-800">Convention de mini-stage de {studentName}</h1>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Stagiaire</dt>
          <dd>{studentName}</dd>
          <dt className="font-medium text-slate-600">Stage</dt>
          <dd>{convention.internshipTitle}, le {formatDateFr(convention.internshipDate)}</dd>
          <dt className="font-medium text-slate-600">Établissement d&apos;accueil</dt>
          <dd>{convention.hostSchoolName}</dd>
          <dt className="font-medium text-slate-600">Établissement d&apos;origine</dt>
          <dd>{convention.originSchoolName}</dd>
        </dl>
        {convention.isInvalidated && (
          <div role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">
              Le document précédent a été refusé{convention.invalidationReason ? ` — motif : ${convention.invalidationReason}` : ""}. Déposez la convention corrigée.
            </p>
            {convention.invalidationNote ? <p className="mt-1 whitespace-pre-line">« {convention.invalidationNote} »</p> : null}
          </div>
        )}
      </section>
      {canApply(convention.state, "deposit") ? (
        <DepositPanel token={decoded} maxBytes={maxDepositBytes()} />
      ) : (
        <p className="rounded-lg border border-green-300 bg-green-50 p-4 text-sm text-green-900">
          Cette convention est déjà validée par l&apos;établissement d&apos;accueil : il n&apos;y a plus rien à déposer.
        </p>
      )}
    </Shell>
  );
}
