import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/require-actor";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  await requireActor("/contacts");
  return (
    <section className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-bold text-brand-800">Contacts</h1>
      <p className="text-slate-700">
        Cette page réunira l&apos;annuaire des établissements partenaires : adresse de contact, chef
        d&apos;établissement et ville de chacun. Elle n&apos;est pas encore disponible.
      </p>
      <p className="text-slate-700">
        En attendant, l&apos;adresse de contact de votre établissement se règle dans la page Options :
        c&apos;est elle qui reçoit les courriels du portail.
      </p>
    </section>
  );
}
