import Link from "next/link";

/** Shown on the convention tabs and on Options while the user's school has no contact e-mail. */
export function MissingContactEmailNotice() {
  return (
    <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <strong>IMPORTANT :</strong> Afin de recevoir les notifications par e-mail, veuillez renseigner l&apos;adresse
      e-mail de contact de votre établissement dans les{" "}
      <Link href="/options" className="font-semibold underline">Options</Link>. En attendant, les courriels sont
      envoyés aux comptes de votre établissement.
    </p>
  );
}
