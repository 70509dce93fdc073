"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { dangerButton, FormError } from "./form-field";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** The button that cancels a session; `isConfirmed` is set only on the confirmation step. */
export function CancelInternshipForm({
  action, internshipId, isConfirmed, label,
}: { action: FormAction; internshipId: string; isConfirmed: boolean; label: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="internshipId" value={internshipId} />
      {isConfirmed ? <input type="hidden" name="confirmation" value="oui" /> : null}
      <button type="submit" disabled={isPending} className={dangerButton}>{isPending ? "Annulation…" : label}</button>
      <FormError message={state && !state.ok ? state.message : null} />
    </form>
  );
}
