import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page introuvable" };

/** Every « not found » of the portal: an unknown address, or a convention, pupil or session outside the user's school. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold text-brand-800">Page introuvable</h1>
      <p className="mt-3 text-slate-700">
        Cette page n&apos;existe pas, ou elle concerne un autre établissement que le vôtre.
        Vérifiez l&apos;adresse, ou repartez du tableau de bord.
      </p>
      <p className="mt-6 flex justify-center gap-4">
        <Link href="/tableau-de-bord" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">Tableau de bord</Link>
        <Link href="/conventions/en-attente" className="rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">Conventions</Link>
      </p>
    </main>
  );
}
