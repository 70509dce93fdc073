"use client";

import Link from "next/link";

/** An unexpected failure while showing a page: said in French, with a way to try again; no technical detail. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold text-brand-800">Une erreur est survenue</h1>
      <p className="mt-3 text-slate-700">
        La page n&apos;a pas pu s&apos;afficher. Réessayez dans un instant ; si le problème continue,
        signalez-le en indiquant la référence ci-dessous.
      </p>
      {error.digest ? <p className="mt-2 text-xs text-slate-600">Référence : {error.digest}</p> : null}
      <p className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">Réessayer</button>
        <Link href="/tableau-de-bord" className="rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">Tableau de bord</Link>
      </p>
    </main>
  );
}
