import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findInternship } from "@/db/queries/internships";
import { InternshipForm } from "@/components/internships/internship-form";
import { requireActor } from "@/lib/server/auth/require-actor";
import { parisToday } from "@/lib/server/internships/paris-today";
import { updateInternshipAction } from "../../actions";

export const metadata: Metadata = { title: "Modifier le stage" };

export default async function EditInternshipPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/stages/${id}/modifier`);
  const internship = await findInternship(await getDb(), actor, id);
  if (!internship || !internship.canManage || internship.isCancelled || internship.date < parisToday()) notFound();
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Modifier le stage</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <InternshipForm action={updateInternshipAction} internshipId={internship.id} values={internship}
          isDateLocked={internship.seatsTaken > 0} submitLabel="Enregistrer" cancelHref={`/stages/${internship.id}`} />
      </div>
    </section>
  );
}
