import type { EnrollmentStatus } from "@/db/queries/enrollments";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { formatDateFr } from "@/lib/core/format-date";

const conventionLabels: Record<ConventionState, { label: string; className: string }> = {
  not_returned: { label: "Convention non retournée", className: "bg-amber-100 text-amber-900" },
  pending_validation: { label: "Convention en attente de validation", className: "bg-sky-100 text-sky-900" },
  validated: { label: "Convention validée", className: "bg-green-100 text-green-900" },
};

/** Where an enrollment stands, in the words of the convention tabs. */
export function EnrollmentState({ status, conventionState, invalidation }: {
  status: EnrollmentStatus; conventionState: ConventionState | null; invalidation?: { at: Date | null; reason: string | null };
}) {
  if (status === "cancelled") return <Badge className="bg-slate-200 text-slate-700">Annulée (stage annulé)</Badge>;
  if (conventionState) {
    const { label, className } = conventionLabels[conventionState];
    return (
      <>
        <Badge className={className}>{label}</Badge>
        {invalidation?.at ? (
          <span className="mt-1 block w-fit rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
            Invalidée le {formatDateFr(invalidation.at)}{invalidation.reason ? ` : ${invalidation.reason}` : ""}
          </span>
        ) : null}
      </>
    );
  }
  if (status === "completed") return <Badge className="bg-red-100 text-red-900">Convention non générée</Badge>;
  return <Badge className="bg-slate-100 text-slate-800">Inscription à terminer</Badge>;
}

function Badge({ className, children }: { className: string; children: string }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${className}`}>{children}</span>;
}

/** The Conv. button: the download route decides which file (original or validated deposit). */
export function ConventionLink({ conventionId }: { conventionId: string | null }) {
  if (!conventionId) return null;
  return (
    <a href={`/api/conventions/${conventionId}/pdf`} title="Télécharger la convention (PDF)"
      className="inline-block rounded-md border border-brand-600 px-2 py-0.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
      Conv.
    </a>
  );
}
