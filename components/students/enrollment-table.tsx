import type { ReactNode } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import type { EnrollmentStatus } from "@/db/queries/enrollments";
import { CancelDraftEnrollmentButton, CompleteEnrollmentButton } from "./complete-enrollment-button";
import { ConventionLink } from "./enrollment-state";

/** The table of enrollments shown on a fiche stage and on a pupil's page. */
export function EnrollmentTable({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** Conv. once the convention exists; before that, "Terminer l'inscription" for who may complete it. */
export function EnrollmentConventionCell({ enrollmentId, conventionId, status, canComplete, completeAction, cancelAction }: {
  enrollmentId: string; conventionId: string | null; status: EnrollmentStatus; canComplete: boolean;
  completeAction: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** « Abandonner l'inscription », offered while the enrollment is a draft. */
  cancelAction?: (previous: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  if (conventionId) return <ConventionLink conventionId={conventionId} />;
  if (!canComplete || status === "cancelled") return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <CompleteEnrollmentButton action={completeAction} enrollmentId={enrollmentId} isRetry={status === "completed"} />
      {status === "draft" && cancelAction ? <CancelDraftEnrollmentButton action={cancelAction} enrollmentId={enrollmentId} /> : null}
    </div>
  );
}
