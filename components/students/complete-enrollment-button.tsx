"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Terminer l'inscription": generates the convention. It stays on screen after a failed
 * generation (label "Réessayer"), since completing again is safe.
 */
export function CompleteEnrollmentButton({ action, enrollmentId, isRetry }: { action: FormAction; enrollmentId: string; isRetry: boolean }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <button type="submit" disabled={isPending}
        className="rounded-md bg-brand-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {isPending ? "Génération de la convention…" : isRetry ? "Réessayer de générer la convention" : "Terminer l'inscription"}
      </button>
      {state && !state.ok ? <p role="alert" className="max-w-xs text-sm text-red-800">{state.message}</p> : null}
    </form>
  );
}

/** « Abandonner l'inscription »: a draft enrollment is withdrawn after a confirmation, its seat freed. */
export function CancelDraftEnrollmentButton({ action, enrollmentId }: { action: FormAction; enrollmentId: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <ConfirmSubmit label="Abandonner l'inscription" question="Abandonner cette inscription ?" confirmLabel="Oui, abandonner"
        pendingLabel="Un instant…" isPending={isPending} compact
        className="rounded-md border border-red-300 bg-white px-2.5 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60" />
      {state && !state.ok ? <p role="alert" className="max-w-xs text-sm text-red-800">{state.message}</p> : null}
    </form>
  );
}
