import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listEnrollmentsOfInternship } from "@/db/queries/enrollments";
import { findInternship } from "@/db/queries/internships";
import { FlashMessage } from "@/components/conventions/flash-message";
import { CancelInternshipForm } from "@/components/internships/cancel-internship-form";
import { secondaryButton } from "@/components/internships/form-field";
import { SeatsLabel } from "@/components/internships/seats-label";
import { EnrollmentState } from "@/components/students/enrollment-state";
import { EnrollmentConventionCell, EnrollmentTable } from "@/components/students/enrollment-table";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { formatDateFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";
import { parisToday } from "@/lib/server/internships/paris-today";
import { completeEnrollmentAction } from "@/app/(portal)/stagiaires/actions";
import { cancelInternshipAction } from "../actions";

export const metadata: Metadata = { title: "Fiche stage" };

export default async function InternshipPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requireActor(`/stages/${id}`);
  const db = await getDb();
  const internship = await findInternship(db, actor, id);
  if (!internship) notFound();
  const enrolled = await listEnrollmentsOfInternship(db, actor, internship.id);
  const active = enrolled.filter((row) => row.status !== "cancelled");
  const isHost = actor.role === "host_admin";
  const isPast = internship.date < parisToday();
  const canCancel = internship.canManage && !internship.isCancelled && !isPast;
  const isConfirming = canCancel && query.annuler === "1" && active.length > 0;
  const originSchools = [...new Set(active.map((row) => row.originSchoolName))];

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm"><Link href="/stages" className="text-brand-700 underline">Liste des stages</Link></p>
          <h1 className="text-2xl font-bold text-brand-800">{internship.title}</h1>
          <p className="text-slate-700">{formatDateFr(internship.date)}, {internship.startTime} – {internship.endTime}</p>
        </div>
        {canCancel && !isConfirming ? (
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/stages/${internship.id}/modifier`} className={secondaryButton}>Modifier</Link>
            {active.length > 0 ? (
              <Link href={`/stages/${internship.id}?annuler=1`} className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50">
                Annuler le stage…
              </Link>
            ) : (
              <CancelInternshipForm action={cancelInternshipAction} internshipId={internship.id} isConfirmed={false} label="Annuler le stage" />
            )}
          </div>
        ) : null}
      </div>

      <FlashMessage message={query.message} />
      {internship.isCancelled ? (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          Ce stage est annulé. Les établissements d&apos;origine des stagiaires inscrits ont été prévenus par courriel.
        </p>
      ) : null}

      {isConfirming ? (
        <div role="alertdialog" aria-labelledby="confirm-title" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-5">
          <h2 id="confirm-title" className="text-lg font-semibold text-red-900">Annuler ce stage ?</h2>
          <p className="text-sm text-red-900">
            {active.length === 1 ? "Un stagiaire est inscrit" : `${active.length} stagiaires sont inscrits`} à ce stage.
            Leur inscription sera annulée et {originSchools.length === 1 ? "son établissement d'origine" : `leurs ${originSchools.length} établissements d'origine`}{" "}
            ({originSchools.join(", ")}) {originSchools.length === 1 ? "sera prévenu" : "seront prévenus"} par courriel. Cette action est définitive.
          </p>
          <div className="flex flex-wrap items-start gap-3">
            <CancelInternshipForm action={cancelInternshipAction} internshipId={internship.id} isConfirmed label="Oui, annuler le stage" />
            <Link href={`/stages/${internship.id}`} className={secondaryButton}>Non, garder le stage</Link>
          </div>
        </div>
      ) : null}

      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-lg font-semibold text-slate-800">Info</h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Item label="Formation" value={internship.title} />
          <Item label="Date" value={formatDateFr(internship.date)} />
          <Item label="Horaires" value={`${internship.startTime} – ${internship.endTime}`} />
          <Item label="Lieu" value={internship.place} />
          <Item label="Enseignant responsable" value={internship.teacherName} />
          <Item label="Établissement d'accueil" value={internship.hostSchoolName} />
          <div>
            <dt className="font-medium text-slate-600">Inscrits / places</dt>
            <dd className="text-slate-900"><SeatsLabel taken={internship.seatsTaken} seats={internship.seats} isCancelled={internship.isCancelled} /></dd>
          </div>
        </dl>
      </div>

      <div className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-800">{isHost ? "Stagiaires inscrits" : "Vos élèves inscrits à ce stage"}</h2>
        {enrolled.length === 0 ? (
          <p className="text-sm text-slate-600">
            {isHost ? "Aucun stagiaire n'est inscrit pour le moment." : "Aucun élève de votre établissement n'est inscrit à ce stage. Inscrivez un élève depuis sa fiche, dans Stagiaires."}
          </p>
        ) : (
          <EnrollmentTable caption="Stagiaires inscrits au stage" headers={["Nom", "Prénom", "Classe", "Établissement d'origine", "État", "Convention"]}>
            {enrolled.map((row) => (
              <tr key={row.enrollmentId}>
                <td className="px-3 py-2"><Link href={`/stagiaires/${row.studentId}`} className="font-medium text-brand-700 underline">{row.lastName.toUpperCase()}</Link></td>
                <td className="px-3 py-2">{row.firstName}</td>
                <td className="px-3 py-2">{row.className}</td>
                <td className="px-3 py-2">{row.originSchoolName}</td>
                <td className="px-3 py-2"><EnrollmentState status={row.status} conventionState={row.conventionState} /></td>
                <td className="px-3 py-2">
                  <EnrollmentConventionCell enrollmentId={row.enrollmentId} conventionId={row.conventionId} status={row.status} canComplete={!isHost} completeAction={completeEnrollmentAction} />
                </td>
              </tr>
            ))}
          </EnrollmentTable>
        )}
      </div>
    </section>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">{value}</dd>
    </div>
  );
}
