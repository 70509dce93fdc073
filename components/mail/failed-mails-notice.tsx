import type { FailedMail } from "@/db/queries/outbox";

/** On the convention page, for host admins: mails the portal gave up sending, with the last error. */
export function FailedMailsNotice({ mails }: { mails: FailedMail[] }) {
  if (mails.length === 0) return null;
  return (
    <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {mails.map((mail) => (
        <p key={mail.id}>
          Le courriel « {mail.subject} » à {mail.toAddress} n&apos;a pas pu être envoyé après {mail.attempts}{" "}
          tentative{mail.attempts > 1 ? "s" : ""} : {mail.lastError ?? "erreur inconnue"}.
        </p>
      ))}
    </div>
  );
}
