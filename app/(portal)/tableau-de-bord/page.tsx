import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { countConventionTab, countConventionTabs } from "@/db/queries/convention-tab-counts";
import { findSchoolFollowUpSettings } from "@/db/queries/schools";
import { TodayActions, type TodayAction } from "@/components/dashboard/today-actions";
import { addDays } from "@/lib/core/conventions/convention-urgency";
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
  const today = parisToday();
  const { urgencyDays } = await findSchoolFollowUpSettings(db, actor);
  const [counts, sessions, hasContactEmail, failedMails, lateSoon] = await Promise.all([
    countConventionTabs(db, actor),
    listUpcomingSessions(db, actor, today),
    hasSchoolContactEmail(db, actor),
    listFailedMailsForHost(db, actor),
    countConventionTab(db, actor, "not_returned", "", { sessionsBetween: { from: today, to: addDays(today, urgencyDays) } }),
  ]);
  const todayActions: TodayAction[] = [
    ...(actor.role === "host_admin" ? [{
      label: counts.pending_validation.total > 1 ? "conventions en attente de validation" : "convention en attente de validation",
      count: counts.pending_validation.total, isEstimated: counts.pending_validation.isEstimated,
      href: "/conventions/en-attente", tone: "normal" as const,
    }] : []),
    {
      label: `${lateSoon.total > 1 ? "conventions non retournées" : "convention non retournée"} pour une session dans les ${urgencyDays} jours`,
      count: lateSoon.total, isEstimated: lateSoon.isEstimated,
      href: "/conventions/non-retournees?tri=date&ordre=asc&urgence=1", tone: "urgent",
    },
    { label: failedMails.length > 1 ? "courriels non envoyés" : "courriel non envoyé", count: failedMails.length, href: "#courriels-en-echec", tone: "urgent" },
  ];
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Bonjour {actor.name}</h1>
        <p className="text-slate-700">Établissement : {actor.schoolName}</p>
      </div>
      {hasContactEmail ? null : <ContactEmailNotice />}
      <TodayActions actions={todayActions} />
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
