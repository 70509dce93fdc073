"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ActionMessage } from "./action-message";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const inputClass = "mt-1 block w-28 rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Urgency window (badge « J-n », « sessions dans les N jours », daily reminders) and reminder cooldown. */
export function FollowUpSettingsForm({ action, urgencyDays, reminderCooldownDays }: { action: FormAction; urgencyDays: number; reminderCooldownDays: number }) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, null);
  // Controlled, so that a refused entry stays visible next to its error instead of being reset by React.
  const [urgencyValue, setUrgencyValue] = useState(String(urgencyDays));
  const [cooldownValue, setCooldownValue] = useState(String(reminderCooldownDays));
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <div className="flex flex-wrap gap-6">
        <div>
          <label htmlFor="urgencyDays" className="block text-sm font-medium text-slate-700">Session urgente à moins de (jours)</label>
          <input id="urgencyDays" name="urgencyDays" type="number" min={1} max={60} value={urgencyValue} onChange={(event) => setUrgencyValue(event.target.value)} required
            aria-invalid={errors.urgencyDays ? true : undefined} aria-describedby={errors.urgencyDays ? "urgencyDays-error" : undefined} className={inputClass} />
          {errors.urgencyDays ? <p id="urgencyDays-error" className="mt-1 text-sm text-red-700">{errors.urgencyDays}</p> : null}
        </div>
        <div>
          <label htmlFor="reminderCooldownDays" className="block text-sm font-medium text-slate-700">Relancer au plus tous les (jours)</label>
          <input id="reminderCooldownDays" name="reminderCooldownDays" type="number" min={1} max={30} value={cooldownValue} onChange={(event) => setCooldownValue(event.target.value)} required
            aria-invalid={errors.reminderCooldownDays ? true : undefined} aria-describedby={errors.reminderCooldownDays ? "reminderCooldownDays-error" : undefined} className={inputClass} />
          {errors.reminderCooldownDays ? <p id="reminderCooldownDays-error" className="mt-1 text-sm text-red-700">{errors.reminderCooldownDays}</p> : null}
        </div>
      </div>
      <ActionMessage state={state} />
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? "Enregistrement…" : "Enregistrer"}
      </button>
    </form>
  );
}
