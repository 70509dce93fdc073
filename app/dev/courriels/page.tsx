import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isDevMailboxEnabled } from "@/lib/server/mail/is-dev-mailbox-enabled";
import { listDevMailboxMails } from "@/lib/server/mail/list-dev-mailbox-mails";
import { DevMailboxNotice } from "@/components/mail/dev-mailbox-notice";
import { MailStatusBadge } from "@/components/mail/mail-status-badge";

export const metadata: Metadata = { title: "Courriels (boîte de développement)" };
export const dynamic = "force-dynamic";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });

export default async function DevMailboxPage() {
  if (!isDevMailboxEnabled()) notFound();
  const mails = await listDevMailboxMails(await getDb());
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Courriels envoyés par le portail</h1>
      <DevMailboxNotice />
      {mails.length === 0 ? (
        <p className="text-slate-700">Aucun courriel pour l&apos;instant.</p>
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Date</th>
              <th scope="col" className="px-3 py-2">Destinataire</th>
              <th scope="col" className="px-3 py-2">Objet</th>
              <th scope="col" className="px-3 py-2">État</th>
              <th scope="col" className="px-3 py-2">Tentatives</th>
              <th scope="col" className="px-3 py-2">Dernière erreur</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id} className="border-t border-slate-200 align-top">
                <td className="whitespace-nowrap px-3 py-2">{dateTime.format(mail.createdAt)}</td>
                <td className="px-3 py-2">{mail.toAddress}</td>
                <td className="px-3 py-2">
                  <Link href={`/dev/courriels/${mail.id}`} className="font-medium text-brand-700 underline">{mail.subject}</Link>
                  {mail.attachmentCount > 0 ? <span className="ml-2 text-xs text-slate-500">({mail.attachmentCount} pièce{mail.attachmentCount > 1 ? "s" : ""} jointe{mail.attachmentCount > 1 ? "s" : ""})</span> : null}
                </td>
                <td className="px-3 py-2"><MailStatusBadge status={mail.status} /></td>
                <td className="px-3 py-2">{mail.attempts}</td>
                <td className="max-w-xs px-3 py-2 text-red-700">{mail.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
