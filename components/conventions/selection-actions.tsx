"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** What the page knows of each row it offers for selection: the pupil, and why bulk validation would leave it out. */
export type SelectionCandidate = { name: string; refusal: string | null };

const SELECTION_NAME = "choix";

/** A row's checkbox; it belongs to the selection form of its tab by the `form` attribute. */
export function SelectionCheckbox({ formId, conventionId, version, name, isVerified }: {
  formId: string; conventionId: string; version: number; name: string; isVerified?: boolean;
}) {
  return (
    <input type="checkbox" form={formId} name={SELECTION_NAME} value={`${conventionId}:${version}`} data-verified={isVerified ? "1" : "0"}
      aria-label={`Sélectionner ${name}`} className="h-4 w-4" />
  );
}

function checkboxesOf(formId: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${formId}"][name="${SELECTION_NAME}"]`)];
}

function Outcome({ state }: { state: ActionState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`whitespace-pre-line rounded-md px-3 py-2 text-sm ${state.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}>
      {state.message}
    </p>
  );
}

const buttonClass = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/**
 * « En attente »: select the verified conventions, then validate the selection after a confirmation
 * that lists what will be validated and what will be left out, with the reason.
 */
export function BulkValidationForm({ formId, candidates, action }: { formId: string; candidates: Record<string, SelectionCandidate>; action: FormAction }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [preview, setPreview] = useState<{ selection: string; kept: SelectionCandidate[]; skipped: SelectionCandidate[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const selectVerified = () => {
    const boxes = checkboxesOf(formId);
    for (const box of boxes) box.checked = box.dataset.verified === "1";
    const count = boxes.filter((box) => box.checked).length;
    setNotice(count > 0 ? `${count} convention${count > 1 ? "s" : ""} vérifiée${count > 1 ? "s" : ""} sélectionnée${count > 1 ? "s" : ""}.` : "Aucune convention vérifiée sur cette page.");
  };
  const askConfirmation = () => {
    const checked = checkboxesOf(formId).filter((box) => box.checked).map((box) => box.value);
    if (checked.length === 0) {
      setNotice("Cochez d'abord les conventions à valider.");
      return;
    }
    const rows = checked.map((value) => candidates[value.split(":")[0]] ?? { name: "Convention", refusal: "introuvable sur cette page" });
    const kept = checked.filter((_, index) => rows[index].refusal === null);
    setNotice(null);
    setPreview({ selection: kept.join(","), kept: rows.filter((row) => row.refusal === null), skipped: rows.filter((row) => row.refusal !== null) });
  };

  return (
    <form id={formId} action={formAction} onSubmit={() => setPreview(null)} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={selectVerified} className={`${buttonClass} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
          Sélectionner les conventions vérifiées
        </button>
        <button type="button" onClick={askConfirmation} disabled={isPending} className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>
          {isPending ? "Validation en cours…" : "Valider la sélection…"}
        </button>
        {notice ? <span aria-live="polite" className="text-sm text-slate-700">{notice}</span> : null}
      </div>
      {preview ? (
        <div role="group" aria-label="Confirmer la validation groupée" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900">
          <p className="font-medium">
            {preview.kept.length > 0
              ? `${preview.kept.length} convention${preview.kept.length > 1 ? "s" : ""} ser${preview.kept.length > 1 ? "ont validées" : "a validée"} :`
              : "Aucune convention de la sélection ne peut être validée sans être ouverte."}
          </p>
          {preview.kept.length > 0 ? <ul className="list-inside list-disc">{preview.kept.map((row, index) => <li key={index}>{row.name}</li>)}</ul> : null}
          {preview.skipped.length > 0 ? (
            <>
              <p className="font-medium">Laissée{preview.skipped.length > 1 ? "s" : ""} de côté (à ouvrir une par une) :</p>
              <ul className="list-inside list-disc">{preview.skipped.map((row, index) => <li key={index}>{row.name} : {row.refusal}</li>)}</ul>
            </>
          ) : null}
          <input type="hidden" name="selection" value={preview.selection} />
          <div className="flex gap-2">
            {preview.kept.length > 0 ? (
              <button type="submit" disabled={isPending} className={`${buttonClass} bg-green-700 text-white hover:bg-green-800`}>
                Oui, valider {preview.kept.length} convention{preview.kept.length > 1 ? "s" : ""}
              </button>
            ) : null}
            <button type="button" onClick={() => setPreview(null)} className={`${buttonClass} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>Annuler</button>
          </div>
        </div>
      ) : null}
      <Outcome state={state} />
    </form>
  );
}

/** « Non retournées »: remind the origin schools of the selected conventions (one mail per school). */
export function ReminderSelectionForm({ formId, action, cooldownDays }: { formId: string; action: FormAction; cooldownDays: number }) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [selection, setSelection] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const ask = () => {
    const ids = checkboxesOf(formId).filter((box) => box.checked).map((box) => box.value.split(":")[0]);
    setNotice(ids.length === 0 ? "Cochez d'abord les conventions à relancer." : null);
    setSelection(ids.join(","));
  };
  const count = selection ? selection.split(",").length : 0;
  return (
    <form id={formId} action={formAction} onSubmit={() => setSelection("")} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={ask} disabled={isPending} className={`${buttonClass} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
          {isPending ? "Relance en cours…" : "Relancer la sélection…"}
        </button>
        <span className="text-xs text-slate-600">Une convention est relancée au plus une fois tous les {cooldownDays} jours.</span>
        {notice ? <span aria-live="polite" className="text-sm text-slate-700">{notice}</span> : null}
      </div>
      {count > 0 ? (
        <div role="group" aria-label="Confirmer la relance" className="flex flex-wrap items-center gap-2 text-sm">
          <input type="hidden" name="conventionIds" value={selection} />
          <span>Relancer les établissements d&apos;origine de {count} convention{count > 1 ? "s" : ""} ?</span>
          <button type="submit" className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>Oui, relancer</button>
          <button type="button" onClick={() => setSelection("")} className={`${buttonClass} border border-slate-300 bg-white text-slate-800`}>Annuler</button>
        </div>
      ) : null}
      <Outcome state={state} />
    </form>
  );
}

/** « Relancer » on one row; once reminded within the cooldown, the date instead. */
export function RemindRowButton({ conventionId, action, remindedOn }: { conventionId: string; action: FormAction; remindedOn: string | null }) {
  const [state, formAction, isPending] = useActionState(action, null);
  if (remindedOn) return <span className="text-xs text-slate-600">Déjà relancée le {remindedOn}</span>;
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="conventionIds" value={conventionId} />
      <button type="submit" disabled={isPending} className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm text-brand-700 hover:bg-slate-100 disabled:opacity-60">
        {isPending ? "Un instant…" : "Relancer"}
      </button>
      {state ? <p role={state.ok ? "status" : "alert"} className={`mt-1 whitespace-pre-line text-xs ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</p> : null}
    </form>
  );
}
