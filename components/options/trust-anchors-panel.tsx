"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ActionMessage } from "./action-message";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** One anchor as the list shows it; dates already written jj-mm-aaaa. */
export type TrustAnchorItem = {
  id: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint: string;
  addedBy: string;
  addedAt: string;
};

function RemoveAnchorForm({ action, anchor }: { action: FormAction; anchor: TrustAnchorItem }) {
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, null);
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-red-700">Retirer…</summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-2">
        <input type="hidden" name="anchorId" value={anchor.id} />
        <p className="text-sm text-red-900">
          Les signatures qui remontent à ce certificat ne seront plus « vérifiées » dans les prochains dépôts. Confirmez-vous ?
        </p>
        <button type="submit" disabled={isPending}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {isPending ? "Suppression…" : "Oui, retirer ce certificat"}
        </button>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}

/** Options: the certificates the school trusts as anchors, with import and removal. */
export function TrustAnchorsPanel({ anchors, importAction, removeAction }: {
  anchors: TrustAnchorItem[]; importAction: FormAction; removeAction: FormAction;
}) {
  const [importState, importFormAction, isImporting] = useActionState<ActionState, FormData>(importAction, null);
  return (
    <div className="mt-4 space-y-4">
      {anchors.length === 0 ? (
        <p className="text-sm text-slate-600">Aucune autorité de confiance : les signatures sont vérifiées seulement par les signataires que vous avez acceptés.</p>
      ) : (
        <ul aria-label="Autorités de confiance" className="space-y-3">
          {anchors.map((anchor) => (
            <li key={anchor.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-semibold text-slate-900">{anchor.subject}</p>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
                <dt>Émetteur</dt><dd>{anchor.issuer}</dd>
                <dt>Validité</dt><dd>du {anchor.validFrom} au {anchor.validTo}</dd>
                <dt>Empreinte SHA-256</dt><dd className="break-all font-mono text-xs">{anchor.fingerprint}</dd>
                <dt>Ajouté</dt><dd>le {anchor.addedAt} par {anchor.addedBy}</dd>
              </dl>
              <RemoveAnchorForm action={removeAction} anchor={anchor} />
            </li>
          ))}
        </ul>
      )}
      <form action={importFormAction} className="space-y-3">
        <div>
          <label htmlFor="certificate" className="block text-sm font-medium text-slate-700">Importer un certificat</label>
          <input id="certificate" name="certificate" type="file" accept=".pem,.cer,.crt,.der,.p7b,.p7c" required
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-800 hover:file:bg-brand-100" />
          <p className="mt-1 text-xs text-slate-600">Formats acceptés : PEM, DER (.cer, .crt) ou paquet PKCS#7 (.p7b), 1 Mo au plus.</p>
        </div>
        <ActionMessage state={importState} />
        <button type="submit" disabled={isImporting}
          className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {isImporting ? "Import…" : "Importer"}
        </button>
      </form>
    </div>
  );
}
