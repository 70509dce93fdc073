"use client";

import "./globals.css";

/** A failure of the root layout itself: the page is replaced by this one, in French. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body className="min-h-screen">
        <main className="mx-auto max-w-xl px-4 py-16 text-center">
          <h1 className="text-2xl font-bold text-brand-800">Une erreur est survenue</h1>
          <p className="mt-3 text-slate-700">Le portail n&apos;a pas pu afficher cette page. Réessayez dans un instant.</p>
          {error.digest ? <p className="mt-2 text-xs text-slate-600">Référence : {error.digest}</p> : null}
          <p className="mt-6">
            <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">Réessayer</button>
          </p>
        </main>
      </body>
    </html>
  );
}
