import Link from "next/link";

/** Shown on the tabs while the actor's school has no contact e-mail in Options. */
export function ContactEmailNotice() {
  return (
    <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <strong>IMPORTANT :</strong> Afin de recevoir les notifications par e-mail, renseignez l&apos;adresse de contact de votre
      établissement dans les <Link href="/options" className="font-semibold underline">Options</Link>.
    </p>
  );
}
