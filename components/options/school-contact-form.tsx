"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ActionMessage } from "./action-message";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

export function SchoolContactForm({ action, headName, contactEmail }: { action: FormAction; headName: string; contactEmail: string }) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, null);
  // Controlled, so a refused entry stays visible next to its error instead of being reset by React.
  const [headNameValue, setHeadNameValue] = useState(headName);
  const [contactEmailValue, setContactEmailValue] = useState(contactEmail);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <div>
        <label htmlFor="headName" className="block text-sm font-medium text-slate-700">Nom du chef d&apos;établissement</label>
        <input id="headName" name="headName" type="text" value={headNameValue} onChange={(event) => setHeadNameValue(event.target.value)} maxLength={120} autoComplete="off"
          placeholder="Mme Claire Martin" aria-invalid={errors.headName ? true : undefined}
          aria-describedby={errors.headName ? "headName-error" : undefined} className={inputClass} />
        {errors.headName ? <p id="headName-error" className="mt-1 text-sm text-red-700">{errors.headName}</p> : null}
      </div>
      <div>
        <label htmlFor="contactEmail" className="block text-sm font-medium text-slate-700">Adresse e-mail de contact</label>
        <input id="contactEmail" name="contactEmail" type="email" value={contactEmailValue} onChange={(event) => setContactEmailValue(event.target.value)} autoComplete="email"
          placeholder="secretariat@college.fr" aria-invalid={errors.contactEmail ? true : undefined}
          aria-describedby={errors.contactEmail ? "contactEmail-error" : undefined} className={inputClass} />
        {errors.contactEmail ? <p id="contactEmail-error" className="mt-1 text-sm text-red-700">{errors.contactEmail}</p> : null}
      </div>
      <ActionMessage state={state} />
      <button type="submit" disabled={isPending}
        className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? "Enregistrement…" : "Enregistrer"}
      </button>
    </form>
  );
}
