import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StudentForm } from "@/components/students/student-form";
import { requireActor } from "@/lib/server/auth/require-actor";
import { registerStudentAction } from "../actions";

export const metadata: Metadata = { title: "Nouveau stagiaire" };

export default async function NewStudentPage() {
  const actor = await requireActor("/stagiaires/nouveau");
  if (actor.role !== "origin_staff") notFound();
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Nouveau stagiaire</h1>
      <p className="text-sm text-slate-600">Élève de {actor.schoolName}. Vous pourrez l&apos;inscrire à un stage juste après.</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <StudentForm action={registerStudentAction} submitLabel="Enregistrer le stagiaire" cancelHref="/stagiaires" />
      </div>
    </section>
  );
}
