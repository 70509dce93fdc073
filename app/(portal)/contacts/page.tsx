import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listPartnerSchools } from "@/db/queries/partner-schools";
import { requireActor } from "@/lib/server/auth/require-actor";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await requireActor("/contacts");
  const { q: rawQuery } = await searchParams;
  const q = (Array.isArray(rawQuery) ? rawQuery[0] : rawQuery ?? "").slice(0, 100);
  const partners = await listPartnerSchools(await getDb(), actor, q);
  const kind = actor.role === "host_admin" ? "établissements d'origine" : "lycées d'accueil";
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Contacts</h1>
        <p className="text-sm text-slate-700">
          Les {kind} avec lesquels vous travaillez : l&apos;adresse de contact est celle que chacun a réglée dans ses Options.
        </p>
      </div>
      <form role="search" action="/contacts" className="flex flex-wrap items-end gap-2">
        <label className="text-sm text-slate-800">
          <span className="block font-medium">Rechercher un établissement</span>
          <input type="search" name="q" defaultValue={q} placeholder="Nom, UAI, ville, chef d'établissement…"
            className="mt-1 w-72 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">Rechercher</button>
      </form>
      {partners.length === 0 ? (
        <p className="text-sm text-slate-700">{q ? "Aucun établissement ne correspond à cette recherche." : "Aucun établissement partenaire pour le moment."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Établissements partenaires</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Établissement</th>
                <th scope="col" className="px-3 py-2">UAI</th>
                <th scope="col" className="px-3 py-2">Chef d&apos;établissement</th>
                <th scope="col" className="px-3 py-2">Courriel de contact</th>
                <th scope="col" className="px-3 py-2">Conventions en cours</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {partners.map((school) => (
                <tr key={school.id}>
                  <td className="px-3 py-2"><span className="font-medium text-slate-900">{school.name}</span><span className="block text-xs text-slate-600">{school.city}</span></td>
                  <td className="px-3 py-2">{school.uai}</td>
                  <td className="px-3 py-2">{school.headName ?? "—"}</td>
                  <td className="px-3 py-2">
                    {school.contactEmail
                      ? <a href={`mailto:${school.contactEmail}`} className="text-brand-700 underline">{school.contactEmail}</a>
                      : <span className="text-slate-600">non renseigné</span>}
                  </td>
                  <td className="px-3 py-2">{school.conventionsInProgress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
