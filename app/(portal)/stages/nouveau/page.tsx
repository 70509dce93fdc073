import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InternshipForm } from "@/components/internships/internship-form";
import { requireActor } from "@/lib/server/auth/require-actor";
import { createInternshipAction } from "../actions";

export const metadata: Metadata = { title: "Nouveau stage" };

export default async function NewInternshipPage() {
  const actor = await requireActor("/stages/nouveau");
  if (actor.role !== "host_admin") notFound();
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Nouveau stage</h1>
      <p className="text-sm text-slate-600">Le stage sera proposé aux établissements d&apos;origine dès son enregistrement.</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <InternshipForm action={createInternshipAction} submitLabel="Publier le stage" cancelHref="/stages" />
      </div>
    </section>
  );
}
