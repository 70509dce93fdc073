import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listInternshipsOfMonth } from "@/db/queries/internships";
import { MonthCalendar } from "@/components/calendar/month-calendar";
import { isMonth } from "@/components/calendar/month-grid";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { requireActor } from "@/lib/server/auth/require-actor";
import { parisToday } from "@/lib/server/internships/paris-today";

export const metadata: Metadata = { title: "Calendrier" };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireActor("/calendrier");
  const { mois } = await searchParams;
  const today = parisToday();
  const month = isMonth(mois) ? mois : today.slice(0, 7);
  const sessions = await listInternshipsOfMonth(await getDb(), actor, month);
  const isHost = actor.role === "host_admin";
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Calendrier</h1>
        <p className="text-sm text-slate-600">
          {isHost ? `Les stages de ${actor.schoolName}, mois par mois.` : "Les stages proposés par les lycées d'accueil, mois par mois."}
          {" "}Cliquez sur un stage pour ouvrir sa fiche.
        </p>
      </div>
      <MonthCalendar month={month} today={today} sessions={sessions} showHostSchool={!isHost} />
    </section>
  );
}
