"use client";

import Link from "next/link";
import type { ActionState } from "@/lib/server/actions/create-action";
import { useFormKeepingValues } from "@/components/internships/use-form-keeping-values";
import { FormError, FormField, primaryButton, secondaryButton } from "@/components/internships/form-field";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export type StudentFormValues = {
  lastName: string; firstName: string; className: string; birthDate: string; guardianName: string; guardianEmail: string | null;
};

/** Registration and correction of a pupil by their origin school. */
export function StudentForm({
  action, values, studentId, submitLabel, cancelHref,
}: { action: FormAction; values?: StudentFormValues; studentId?: string; submitLabel: string; cancelHref: string }) {
  const { state, formAction, isPending, onSubmit } = useFormKeepingValues(action);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {studentId ? <input type="hidden" name="studentId" value={studentId} /> : null}
      <FormError message={state && !state.ok ? state.message : null} />
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-800">Stagiaire</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Nom" name="lastName" required autoComplete="off" defaultValue={values?.lastName} error={errors.lastName} />
          <FormField label="Prénom" name="firstName" required autoComplete="off" defaultValue={values?.firstName} error={errors.firstName} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Classe" name="className" required defaultValue={values?.className} error={errors.className} placeholder="3e B" />
          <FormField label="Date de naissance" name="birthDate" type="date" required defaultValue={values?.birthDate} error={errors.birthDate} />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-800">Responsable légal</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Nom et prénom" name="guardianName" required defaultValue={values?.guardianName} error={errors.guardianName}
            placeholder="Mme Sophie Martin" />
          <FormField label="Adresse e-mail" name="guardianEmail" type="email" defaultValue={values?.guardianEmail ?? ""}
            error={errors.guardianEmail} hint="Obligatoire pour terminer une inscription." />
        </div>
      </fieldset>
      <div className="flex gap-3">
        <button type="submit" disabled={isPending} className={primaryButton}>{isPending ? "Enregistrement…" : submitLabel}</button>
        <Link href={cancelHref} className={secondaryButton}>Retour</Link>
      </div>
    </form>
  );
}
