import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findStudent } from "@/db/queries/students";
import { StudentForm } from "@/components/students/student-form";
import { requireActor } from "@/lib/server/auth/require-actor";
import { updateStudentAction } from "../../actions";

export const metadata: Metadata = { title: "Modifier le stagiaire" };

export default async function EditStudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/stagiaires/${id}/modifier`);
  const student = await findStudent(await getDb(), actor, id);
  if (!student || !student.canManage) notFound();
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Modifier le stagiaire</h1>
      <p className="text-sm text-slate-600">Les listes de conventions reprendront les nouveaux noms ; un PDF de convention déjà généré reste tel quel.</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <StudentForm action={updateStudentAction} studentId={student.id} values={student} submitLabel="Enregistrer" cancelHref={`/stagiaires/${student.id}`} />
      </div>
    </section>
  );
}
