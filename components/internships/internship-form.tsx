"use client";

import Link from "next/link";
import type { ActionState } from "@/lib/server/actions/create-action";
import { useFormKeepingValues } from "@/components/internships/use-form-keeping-values";
import { FormError, FormField, primaryButton, secondaryButton } from "./form-field";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export type InternshipFormValues = {
  title: string; date: string; startTime: string; endTime: string; place: string; teacherName: string; seats: number | string;
};

/** Creation and edition of a session: the same fields, the French refusals next to each. */
export function InternshipForm({
  action, values, internshipId, submitLabel, cancelHref, isDateLocked = false,
}: {
  action: FormAction; values?: InternshipFormValues; internshipId?: string; submitLabel: string; cancelHref: string; isDateLocked?: boolean;
}) {
  const { state, formAction, isPending, onSubmit } = useFormKeepingValues(action);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {internshipId ? <input type="hidden" name="internshipId" value={internshipId} /> : null}
      <FormError message={state && !state.ok ? state.message : null} />
      <FormField label="Formation" name="title" required defaultValue={values?.title} error={errors.title}
        placeholder="Bac pro Métiers de l'électricité" />
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label="Date" name="date" type="date" required defaultValue={values?.date} error={errors.date}
          readOnly={isDateLocked} hint={isDateLocked ? "Des stagiaires sont inscrits : la date ne peut plus changer." : undefined} />
        <FormField label="Heure de début" name="startTime" type="time" required defaultValue={values?.startTime ?? "08:30"} error={errors.startTime} />
        <FormField label="Heure de fin" name="endTime" type="time" required defaultValue={values?.endTime ?? "12:00"} error={errors.endTime} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Lieu" name="place" required defaultValue={values?.place} error={errors.place} placeholder="Atelier B12" />
        <FormField label="Enseignant responsable" name="teacherName" required defaultValue={values?.teacherName}
          error={errors.teacherName} placeholder="M. Girard" />
      </div>
      <FormField label="Nombre de places" name="seats" type="number" min={1} max={200} required className="max-w-40"
        defaultValue={values?.seats ?? 12} error={errors.seats} />
      <div className="flex gap-3">
        <button type="submit" disabled={isPending} className={primaryButton}>{isPending ? "Enregistrement…" : submitLabel}</button>
        <Link href={cancelHref} className={secondaryButton}>Retour</Link>
      </div>
    </form>
  );
}
