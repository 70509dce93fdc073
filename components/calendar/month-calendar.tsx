import Link from "next/link";
import type { InternshipSummary } from "@/db/queries/internships";
import { formatDateFr } from "@/lib/core/format-date";
import { monthTitle, monthWeeks, shiftMonth } from "./month-grid";

const weekdays = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];

/** A month of sessions, one cell per day, each session a link to its fiche. */
export function MonthCalendar({
  month, today, sessions, showHostSchool,
}: { month: string; today: string; sessions: InternshipSummary[]; showHostSchool: boolean }) {
  const byDay = new Map<string, InternshipSummary[]>();
  for (const session of sessions) byDay.set(session.date, [...(byDay.get(session.date) ?? []), session]);
  const title = monthTitle(month);
  const currentMonth = today.slice(0, 7);
  return (
    <div className="space-y-3">
      <nav aria-label="Changer de mois" className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/calendrier?mois=${shiftMonth(month, -1)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          ← {monthTitle(shiftMonth(month, -1))}
        </Link>
        <div className="flex items-center gap-3">
          <h2 className="text-xl font-semibold capitalize text-slate-800" aria-live="polite">{title}</h2>
          {month !== currentMonth ? (
            <Link href={`/calendrier?mois=${currentMonth}`} className="text-sm text-brand-700 underline">Aujourd&apos;hui</Link>
          ) : null}
        </div>
        <Link href={`/calendrier?mois=${shiftMonth(month, 1)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          {monthTitle(shiftMonth(month, 1))} →
        </Link>
      </nav>
      <p className="text-sm text-slate-600">
        {sessions.length === 0 ? "Aucun stage ce mois-ci." : `${sessions.length} stage${sessions.length > 1 ? "s" : ""} ce mois-ci.`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[56rem] table-fixed border-collapse rounded-lg bg-white text-sm">
          <caption className="sr-only">Stages de {title}</caption>
          <thead>
            <tr>
              {weekdays.map((day) => (
                <th key={day} scope="col" className="border border-slate-200 bg-slate-50 px-2 py-1.5 text-left font-semibold text-slate-700">{day}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week) => (
              <tr key={week[0].date}>
                {week.map((day) => {
                  const daySessions = byDay.get(day.date) ?? [];
                  const isToday = day.date === today;
                  return (
                    <td key={day.date} className={`h-28 border border-slate-200 p-1.5 align-top ${day.isInMonth ? "" : "bg-slate-50 text-slate-600"}`}>
                      <div className={`mb-1 text-xs font-semibold ${isToday ? "inline-block rounded-full bg-brand-700 px-1.5 text-white" : ""}`}>
                        <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                        <span className="sr-only">{formatDateFr(day.date)}{isToday ? " (aujourd'hui)" : ""}</span>
                      </div>
                      <ul className="space-y-1">
                        {daySessions.map((session) => (
                          <li key={session.id}>
                            <Link href={`/stages/${session.id}`}
                              className={`block rounded border-l-4 px-1.5 py-1 text-xs leading-snug hover:bg-brand-100 ${
                                session.isCancelled ? "border-slate-400 bg-slate-100 text-slate-500 line-through" : session.seatsTaken >= session.seats ? "border-amber-500 bg-amber-50 text-slate-800" : "border-brand-600 bg-brand-50 text-slate-800"
                              }`}>
                              <span className="font-semibold">{session.startTime}</span> {session.title}
                              <span className="block text-[11px] text-slate-600">
                                {showHostSchool ? `${session.hostSchoolName} · ` : ""}
                                {session.isCancelled ? "annulé" : `${session.seatsTaken}/${session.seats} inscrits`}
                              </span>
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
