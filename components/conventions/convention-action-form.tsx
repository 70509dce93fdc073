"use client";
import { useActionState, useState, type ReactNode } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const buttonStyles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  danger: "bg-red-700 text-white hover:bg-red-800",
  neutral: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
} as const;

/**
 * One convention action (validate, regenerate…): hidden convention id and version, a button, and the
 * French refusal shown in place. Success redirects to the convention's new tab with a message.
 */
export function ConventionActionForm({
  action, conventionId, version, label, pendingLabel = "Un instant…", tone = "primary", compact = false, children, confirmation,
}: {
  action: FormAction; conventionId: string; version: number; label: string; pendingLabel?: string;
  tone?: keyof typeof buttonStyles; compact?: boolean; children?: ReactNode;
  /** Ask before acting: the question and the label of the button that confirms. */
  confirmation?: { question: string; confirmLabel: string };
}) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className={compact ? "inline" : "space-y-2"}>
      <input type="hidden" name="conventionId" value={conventionId} />
      <input type="hidden" name="version" value={version} />
      {children}
      {confirmation ? (
        <ConfirmSubmit label={label} question={confirmation.question} confirmLabel={confirmation.confirmLabel} pendingLabel={pendingLabel}
          isPending={isPending} compact={compact} className={`rounded-md px-2.5 py-1 text-sm font-medium disabled:opacity-60 ${buttonStyles[tone]}`} />
      ) : (
        <button type="submit" disabled={isPending}
          className={`rounded-md px-2.5 py-1 text-sm font-medium disabled:opacity-60 ${buttonStyles[tone]}`}>
          {isPending ? pendingLabel : label}
        </button>
      )}
      {state && !state.ok ? <p role="alert" className="mt-1 text-sm text-red-800">{state.message}</p> : null}
    </form>
  );
}

const NOTE_LIMIT = 1000;

/** Invalidation: a required reason from the list, and free text for the origin school (1 000 characters, counted as typed). */
export function InvalidateConventionForm({
  action, conventionId, version, reasons, label,
}: {
  action: FormAction; conventionId: string; version: number; reasons: Array<{ code: string; label: string }>; label: string;
}) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [noteLength, setNoteLength] = useState(0);
  const isNoteTooLong = noteLength > NOTE_LIMIT;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="conventionId" value={conventionId} />
      <input type="hidden" name="version" value={version} />
      <label className="block text-sm text-slate-800">
        <span className="font-medium">Motif (obligatoire)</span>
        <select name="reason" required defaultValue="" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5">
          <option value="" disabled>Choisissez un motif…</option>
          {reasons.map((reason) => <option key={reason.code} value={reason.code}>{reason.label}</option>)}
        </select>
      </label>
      {state?.fieldErrors?.reason ? <p className="text-sm text-red-800">{state.fieldErrors.reason}</p> : null}
      <label className="block text-sm text-slate-800">
        <span className="font-medium">Précisions pour l&apos;établissement d&apos;origine (facultatif)</span>
        <textarea name="note" rows={3} aria-describedby="invalidation-note-count" aria-invalid={isNoteTooLong}
          onChange={(event) => setNoteLength(event.target.value.trim().length)}
          className={`mt-1 block w-full rounded-md border px-2 py-1.5 ${isNoteTooLong ? "border-red-600" : "border-slate-300"}`} />
      </label>
      <p id="invalidation-note-count" aria-live="polite" className={`text-xs ${isNoteTooLong ? "font-medium text-red-800" : "text-slate-600"}`}>
        {isNoteTooLong
          ? `${noteLength} caractères sur ${NOTE_LIMIT} : raccourcissez les précisions de ${noteLength - NOTE_LIMIT} caractère${noteLength - NOTE_LIMIT > 1 ? "s" : ""}.`
          : `${noteLength} / ${NOTE_LIMIT} caractères`}
      </p>
      {state?.fieldErrors?.note ? <p className="text-sm text-red-800">{state.fieldErrors.note}</p> : null}
      <button type="submit" disabled={isPending || isNoteTooLong} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${buttonStyles.danger}`}>
        {isPending ? "Un instant…" : label}
      </button>
      {state && !state.ok ? <p role="alert" className="text-sm text-red-800">{state.message}</p> : null}
    </form>
  );
}
