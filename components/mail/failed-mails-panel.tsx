"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";
import { formatDateFr } from "@/lib/core/format-date";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export type FailedMailRow = {
  id: string;
  conventionId: string | null;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
};

function ResendButton({ action, mailId }: { action: FormAction; mailId: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="mailId" value={mailId} />
      <button type="submit" disabled={isPending || state?.ok === true}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
        {isPending ? "Un instant…" : "Renvoyer"}
      </button>
      {state ? <p role={state.ok ? "status" : "alert"} className={`mt-1 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</p> : null}
    </form>
  );
}

/** For host admins: the mails of their school the portal could not send within 48 hours, each with « Renvoyer ». */
export function FailedMailsPanel({ mails, resendAction }: { mails: FailedMailRow[]; resendAction: FormAction }) {
  if (mails.length === 0) return null;
  return (
    <div id="courriels-en-echec" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <h2 className="mb-2 text-lg font-semibold text-red-900">Courriels non envoyés</h2>
      <p className="mb-3 text-sm text-red-800">
        Le portail a essayé pendant 48 heures sans y parvenir. Vérifiez l&apos;adresse, puis renvoyez-les.
      </p>
      <ul className="divide-y divide-red-100 text-sm">
        {mails.map((mail) => (
          <li key={mail.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
            <div className="text-red-900">
              <p className="font-medium">« {mail.subject} » à {mail.toAddress}</p>
              <p>
                Mis en file le {formatDateFr(mail.createdAt)}, {mail.attempts} tentative{mail.attempts > 1 ? "s" : ""} : {mail.lastError ?? "erreur inconnue"}.
                {mail.conventionId ? <> <Link href={`/conventions/${mail.conventionId}`} className="underline">Voir la convention</Link></> : null}
              </p>
            </div>
            <ResendButton action={resendAction} mailId={mail.id} />
          </li>
        ))}
      </ul>
    </div>
  );
}
