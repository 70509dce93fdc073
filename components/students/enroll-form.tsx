"use client";

import type { ActionState } from "@/lib/server/actions/create-action";
import { useFormKeepingValues } from "@/components/internships/use-form-keeping-values";
import { FormError, primaryButton } from "@/components/internships/form-field";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export type OpenSessionOption = { id: string; label: string; hostSchoolName: string };

/** Enrolls the pupil on one of the host schools' sessions that still has a free seat. */
export function EnrollForm({ action, studentId, sessions }: { action: FormAction; studentId: string; sessions: OpenSessionOption[] }) {
  const { state, formAction, isPending, onSubmit } = useFormKeepingValues(action);
  const bySchool = new Map<string, OpenSessionOption[]>();
  for (const session of sessions) bySchool.set(session.hostSchoolName, [...(bySchool.get(session.hostSchoolName) ?? []), session]);
  if (sessions.length === 0) {
    return <p className="text-sm text-slate-600">Aucun stage à venir n&apos;a de place disponible pour le moment.</p>;
  }
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="studentId" value={studentId} />
      <label htmlFor="internshipId" className="block text-sm font-medium text-slate-700">Stage (places disponibles uniquement)</label>
      <select id="internshipId" name="internshipId" required defaultValue=""
        className="block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
        <option value="" disabled>Choisissez un stage…</option>
        {[...bySchool].map(([school, options]) => (
          <optgroup key={school} label={school}>
            {options.map((option) => <option key={option.id} value={option.id}>{option.label}</option>)}
          </optgroup>
        ))}
      </select>
      {state?.fieldErrors?.internshipId ? <p className="text-sm text-red-800">{state.fieldErrors.internshipId}</p> : null}
      <button type="submit" disabled={isPending} className={primaryButton}>{isPending ? "Inscription…" : "Inscrire à ce stage"}</button>
      <FormError message={state && !state.ok && !state.fieldErrors ? state.message : null} />
    </form>
  );
}
