import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { searchConventions, searchOwnStudents } from "@/db/queries/convention-search";
import { tabHrefOf } from "@/lib/core/conventions/convention-links";
import { conventionStateLabels } from "@/lib/core/conventions/convention-state-machine";
import { formatDateFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";
import { replaceControlCharacters } from "@/lib/core/text/control-characters";

export const metadata: Metadata = { title: "Recherche" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = replaceControlCharacters(Array.isArray(raw) ? raw[0] : raw ?? "").trim().slice(0, 100);
  const actor = await requireActor(`/recherche?q=${encodeURIComponent(q)}`);
  const db = await getDb();
  const [hits, pupils] = await Promise.all([searchConventions(db, actor, q), searchOwnStudents(db, actor, q)]);

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Recherche</h1>
      <form method="get" action="/recherche" role="search" className="flex gap-2">
        <label className="sr-only" htmlFor="search-page-q">Nom, responsable légal, formation ou date</label>
        <input id="search-page-q" type="search" name="q" defaultValue={q} placeholder="Nom, responsable, formation, jj-mm-aaaa…"
          className="w-80 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">Rechercher</button>
      </form>
      {!q ? <p className="text-slate-700">Saisissez un nom, un prénom, le responsable légal, l&apos;établissement d&apos;origine, la formation ou la date du stage (jj-mm-aaaa, ou une partie : 03-12), dans l&apos;ordre qui vous convient.</p> : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Conventions ({hits.length}{hits.length === 50 ? " premières" : ""})</h2>
            {hits.length === 0 ? <p className="text-sm text-slate-600">Aucune convention ne correspond à « {q} ».</p> : (
              <ul className="divide-y divide-slate-100 text-sm">
                {hits.map((hit) => (
                  <li key={hit.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <Link href={`/conventions/${hit.id}`} className="font-medium text-brand-700 underline">
                      {hit.studentLastName.toUpperCase()} {hit.studentFirstName}
                    </Link>
                    <span className="text-slate-600">{hit.originSchoolName} · stage du {formatDateFr(hit.internshipDate)}</span>
                    <Link href={`${tabHrefOf(hit.state)}?q=${encodeURIComponent(`${hit.studentLastName} ${hit.studentFirstName}`)}`}
                      className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:bg-brand-50">
                      {conventionStateLabels[hit.state]}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {actor.role === "origin_staff" || pupils.length > 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-2 text-lg font-semibold text-slate-900">Stagiaires ({pupils.length})</h2>
              {pupils.length === 0 ? <p className="text-sm text-slate-600">Aucun élève ne correspond à « {q} ».</p> : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {pupils.map((pupil) => (
                    <li key={pupil.id} className="py-2">
                      <Link href={`/stagiaires/${pupil.id}`} className="font-medium text-brand-700 underline">
                        {pupil.lastName.toUpperCase()} {pupil.firstName}
                      </Link>
                      <span className="text-slate-600"> · {pupil.className}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
