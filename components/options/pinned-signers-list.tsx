"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ActionMessage } from "./action-message";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export type PinnedSignerItem = { id: string; signerName: string; originSchoolName: string; acceptedAt: string; acceptedBy: string };

function ForgetSignerForm({ action, signer }: { action: FormAction; signer: PinnedSignerItem }) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, null);
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm font-medium text-red-700">Ne plus faire confiance…</summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-2">
        <input type="hidden" name="pinId" value={signer.id} />
        <p className="text-sm text-red-900">Les prochaines signatures de {signer.signerName} ne seront plus reconnues. Confirmez-vous ?</p>
        <button type="submit" disabled={isPending}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {isPending ? "Suppression…" : "Oui, ne plus faire confiance"}
        </button>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}

/** Options: the signers the school accepted from a convention's signature panel. */
export function PinnedSignersList({ signers, removeAction }: { signers: PinnedSignerItem[]; removeAction: FormAction }) {
  if (signers.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">Aucun signataire accepté : sur la page d&apos;une convention signée, « Faire confiance à ce signataire » l&apos;ajoute ici.</p>;
  }
  return (
    <ul aria-label="Signataires connus" className="mt-4 space-y-2">
      {signers.map((signer) => (
        <li key={signer.id} className="rounded-md border border-slate-200 p-3 text-sm text-slate-800">
          <p><span className="font-semibold text-slate-900">{signer.signerName}</span> — {signer.originSchoolName}</p>
          <p className="text-slate-600">Certificat accepté le {signer.acceptedAt} par {signer.acceptedBy}</p>
          <ForgetSignerForm action={removeAction} signer={signer} />
        </li>
      ))}
    </ul>
  );
}
