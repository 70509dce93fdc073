"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ActionMessage } from "./action-message";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export function SignatureImageForm({ uploadAction, removeAction, previewUrl }: {
  uploadAction: FormAction;
  removeAction: FormAction;
  previewUrl: string | null;
}) {
  const [uploadState, upload, isUploading] = useActionState<ActionState, FormData>(uploadAction, null);
  const [removeState, remove, isRemoving] = useActionState<ActionState, FormData>(removeAction, null);
  return (
    <div className="mt-4 space-y-4">
      <div>
        <p className="text-sm font-medium text-slate-700">Signature actuelle</p>
        {previewUrl ? (
          <div className="mt-2 flex flex-wrap items-end gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- private, session-bound image */}
            <img src={previewUrl} alt="Signature enregistrée de votre établissement"
              className="max-h-32 max-w-xs rounded border border-slate-200 bg-white p-2" />
            <form action={remove}>
              <ConfirmSubmit label="Supprimer la signature" isPending={isRemoving} pendingLabel="Suppression…"
                question="Supprimer la signature ? Les prochaines conventions seront générées avec un cadre vide."
                confirmLabel="Oui, supprimer"
                className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60" />
            </form>
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-600">Aucune signature n&apos;est enregistrée : les conventions sont générées avec un cadre vide.</p>
        )}
        <div className="mt-2"><ActionMessage state={removeState} /></div>
      </div>
      <form action={upload} className="space-y-3">
        <div>
          <label htmlFor="image" className="block text-sm font-medium text-slate-700">
            {previewUrl ? "Remplacer par une nouvelle image" : "Choisir une image"}
          </label>
          <input id="image" name="image" type="file" accept="image/png,image/jpeg" required
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-800 hover:file:bg-brand-100" />
        </div>
        <ActionMessage state={uploadState} />
        <button type="submit" disabled={isUploading}
          className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {isUploading ? "Envoi…" : "Enregistrer la signature"}
        </button>
      </form>
    </div>
  );
}
