"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** « Faire confiance à ce signataire »: accepts this signature's key for the convention's origin school. */
export function TrustSignerForm({ action, conventionId, field, signerKeySha256, originSchoolName }: {
  action: FormAction; conventionId: string; field: string; signerKeySha256: string; originSchoolName: string;
}) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="mt-2 space-y-1">
      <input type="hidden" name="conventionId" value={conventionId} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="signerKeySha256" value={signerKeySha256} />
      <button type="submit" disabled={isPending}
        className="rounded-md border border-brand-600 bg-white px-2.5 py-1 text-sm font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60">
        {isPending ? "Un instant…" : "Faire confiance à ce signataire"}
      </button>
      <p className="text-xs text-slate-600">
        Ses prochaines signatures avec ce même certificat seront reconnues pour le {originSchoolName}.
      </p>
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</p>
      ) : null}
    </form>
  );
}
