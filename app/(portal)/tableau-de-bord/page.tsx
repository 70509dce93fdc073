import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/require-actor";

export const metadata: Metadata = { title: "Tableau de bord" };

export default async function DashboardPage() {
  const actor = await requireActor("/tableau-de-bord");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Bonjour {actor.name}</h1>
      <p className="text-slate-700">Établissement : {actor.schoolName}</p>
      <ul className="grid gap-3 sm:grid-cols-3">
        <li><Link className="block rounded-lg border bg-white p-4 hover:border-brand-600" href="/conventions/non-retournees">Conventions non retournées</Link></li>
        <li><Link className="block rounded-lg border bg-white p-4 hover:border-brand-600" href="/conventions/en-attente">Conventions en attente de validation</Link></li>
        <li><Link className="block rounded-lg border bg-white p-4 hover:border-brand-600" href="/conventions/validees">Conventions validées</Link></li>
      </ul>
    </section>
  );
}
