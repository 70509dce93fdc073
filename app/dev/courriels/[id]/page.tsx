import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/core/errors";
import { findDevMailboxMail, type DevMailboxMail } from "@/lib/server/mail/find-dev-mailbox-mail";
import { isDevMailboxEnabled } from "@/lib/server/mail/is-dev-mailbox-enabled";
import { DevMailboxNotice } from "@/components/mail/dev-mailbox-notice";
import { MailStatusBadge } from "@/components/mail/mail-status-badge";

export const metadata: Metadata = { title: "Courriel (boîte de développement)" };
export const dynamic = "force-dynamic";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });

const linkLabels: Record<string, string> = {
  conventionUrl: "Lien vers la convention",
  depositUrl: "Lien de dépôt",
};

async function loadMail(id: string): Promise<DevMailboxMail> {
  try {
    return await findDevMailboxMail(await getDb(), id);
  } catch (error) {
    if (isAppError(error)) notFound();
    throw error;
  }
}

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!isDevMailboxEnabled()) notFound();
  const { id } = await params;
  const mail = await loadMail(id);
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <p><Link href="/dev/courriels" className="text-sm text-brand-700 underline">← Tous les courriels</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{mail.subject}</h1>
      <DevMailboxNotice />
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm">
        <dt className="text-slate-500">Destinataire</dt><dd>{mail.toAddress}</dd>
        <dt className="text-slate-500">Créé le</dt><dd>{dateTime.format(mail.createdAt)}</dd>
        <dt className="text-slate-500">Modèle</dt><dd>{mail.template}</dd>
        <dt className="text-slate-500">État</dt><dd><MailStatusBadge status={mail.status} /></dd>
        <dt className="text-slate-500">Tentatives</dt><dd>{mail.attempts}</dd>
        {mail.sentAt ? <><dt className="text-slate-500">Distribué le</dt><dd>{dateTime.format(mail.sentAt)}</dd></> : null}
        {mail.lastError ? <><dt className="text-slate-500">Dernière erreur</dt><dd className="text-red-700">{mail.lastError}</dd></> : null}
      </dl>
      {mail.links.length > 0 ? (
        <section aria-labelledby="links-title" className="rounded-lg bg-white p-4 text-sm shadow-sm">
          <h2 id="links-title" className="font-semibold text-slate-900">Liens du courriel</h2>
          <ul className="mt-2 space-y-1">
            {mail.links.map((link) => (
              <li key={link.name}>
                {linkLabels[link.name] ?? link.name} :{" "}
                <a href={link.url} data-link={link.name} className="break-all text-brand-700 underline">{link.url}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mail.attachments.length > 0 ? (
        <section aria-labelledby="attachments-title" className="rounded-lg bg-white p-4 text-sm shadow-sm">
          <h2 id="attachments-title" className="font-semibold text-slate-900">Pièces jointes</h2>
          <ul className="mt-2 space-y-1">
            {mail.attachments.map((attachment, index) => (
              <li key={`${attachment.fileKey}-${index}`}>
                <a href={`/dev/courriels/${mail.id}/pieces-jointes/${index}`} className="text-brand-700 underline">{attachment.filename}</a>
                <span className="ml-2 text-slate-500">({attachment.contentType})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mail.html ? (
        <section aria-labelledby="html-title" className="space-y-2">
          <h2 id="html-title" className="font-semibold text-slate-900">Le courriel tel que reçu</h2>
          {/* No scripts in the mail; links open in a new tab instead of inside the frame. */}
          <iframe title={`Aperçu du courriel « ${mail.subject} »`} srcDoc={mail.html.replace("<head>", '<head><base target="_blank">')}
            sandbox="allow-popups allow-popups-to-escape-sandbox" className="h-[900px] w-full rounded-lg border border-slate-200 bg-white" />
        </section>
      ) : (
        <p role="alert" className="text-red-700">Ce courriel ne peut pas être affiché : {mail.renderError}</p>
      )}
      {mail.text ? (
        <details className="rounded-lg bg-white p-4 text-sm shadow-sm">
          <summary className="cursor-pointer font-semibold text-slate-900">Version texte</summary>
          <pre className="mt-2 whitespace-pre-wrap font-mono text-xs text-slate-800">{mail.text}</pre>
        </details>
      ) : null}
    </main>
  );
}
