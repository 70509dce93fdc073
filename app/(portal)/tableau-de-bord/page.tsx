import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { countConventionTabs } from "@/db/queries/convention-tab-counts";
import { listUpcomingSessions } from "@/db/queries/upcoming-sessions";
import { hasSchoolContactEmail } from "@/db/queries/schools";
import { listFailedMailsForHost } from "@/db/queries/outbox";
import { FailedMailsPanel } from "@/components/mail/failed-mails-panel";
import { resendFailedMailAction } from "./actions";
import { ContactEmailNotice } from "@/components/conventions/contact-email-notice";
import { conventionTabs } from "@/lib/core/conventions/convention-links";
import { formatDateFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";

export const metadata: Metadata = { title: "Tableau de bord" };

const numberFr = new Intl.NumberFormat("fr-FR");

function parisToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

export default async function DashboardPage() {
  const actor = await requireActor("/tableau-de-bord");
  const db = await getDb();
  const [counts, sessions, hasContactEmail, failedMails] = await Promise.all([
    countConventionTabs(db, actor),
    listUpcomingSessions(db, actor, parisToday()),
    hasSchoolContactEmail(db, actor),
    listFailedMailsForHost(db, actor),
  ]);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Bonjour {actor.name}</h1>
        <p className="text-slate-700">Établissement : {actor.schoolName}</p>
      </div>
      {hasContactEmail ? null : <ContactEmailNotice />}
      <FailedMailsPanel mails={failedMails} resendAction={resendFailedMailAction} />
      <ul className="grid gap-3 sm:grid-cols-3">
        {conventionTabs.map((tab) => (
          <li key={tab.state}>
            <Link className="block rounded-lg border bg-white p-4 hover:border-brand-600" href={tab.href}>
              <span className="block text-3xl font-bold text-brand-800">
                {counts[tab.state].isEstimated ? "≈ " : ""}{numberFr.format(counts[tab.state].total)}
              </span>
              <span className="text-slate-700">Conventions {tab.label.toLowerCase()}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="rounded-lg border bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold text-slate-900">Prochaines sessions</h2>
        {sessions.length === 0 ? <p className="text-sm text-slate-600">Aucune session à venir.</p> : (
          <ul className="divide-y divide-slate-100 text-sm">
            {sessions.map((session) => (
              <li key={session.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link href={`/stages/${session.id}`} className="font-medium text-brand-700 underline">{session.title}</Link>
                <span className="text-slate-600">
                  {formatDateFr(session.date)}, {session.startTime}–{session.endTime} · {session.enrolled} inscrit{session.enrolled > 1 ? "s" : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
