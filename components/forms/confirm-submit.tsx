"use client";

import { useState } from "react";

/**
 * A submit that asks first: the button only reveals the question, its confirmation submits the form
 * around it, « Annuler » puts the button back. For actions a misplaced click must not trigger.
 */
export function ConfirmSubmit({ label, question, confirmLabel, pendingLabel, isPending, className, compact = false }: {
  label: string; question: string; confirmLabel: string; pendingLabel: string; isPending: boolean; className: string; compact?: boolean;
}) {
  const [isAsking, setIsAsking] = useState(false);
  if (!isAsking && !isPending) {
    return <button type="button" onClick={() => setIsAsking(true)} className={className}>{label}</button>;
  }
  return (
    <span role="group" aria-label={question} className={compact ? "inline-flex flex-wrap items-center gap-1.5" : "flex flex-wrap items-center gap-2"}>
      <span className="text-sm text-slate-800">{question}</span>
      <button type="submit" disabled={isPending} className={className}>{isPending ? pendingLabel : confirmLabel}</button>
      <button type="button" disabled={isPending} onClick={() => setIsAsking(false)}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-60">
        Annuler
      </button>
    </span>
  );
}
