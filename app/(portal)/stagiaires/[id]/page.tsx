import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listEnrollmentsOfStudent } from "@/db/queries/enrollments";
import { listOpenInternships } from "@/db/queries/internships";
import { findStudent } from "@/db/queries/students";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { FlashMessage } from "@/components/conventions/flash-message";
import { secondaryButton } from "@/components/internships/form-field";
import { EnrollForm } from "@/components/students/enroll-form";
import { EnrollmentState } from "@/components/students/enrollment-state";
import { EnrollmentConventionCell, EnrollmentTable } from "@/components/students/enrollment-table";
import { formatDateFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";
import { parisToday } from "@/lib/server/internships/paris-today";
import { cancelDraftEnrollmentAction, completeEnrollmentAction, enrollStudentAction } from "../actions";

export const metadata: Metadata = { title: "Fiche stagiaire" };

export default async function StudentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requireActor(`/stagiaires/${id}`);
  const db = await getDb();
  const student = await findStudent(db, actor, id);
  if (!student) notFound();
  const [enrollmentRows, openSessions] = await Promise.all([
    listEnrollmentsOfStudent(db, actor, student.id),
    student.canManage ? listOpenInternships(db, actor, parisToday()) : Promise.resolve([]),
  ]);
  const takenDays = new Set(enrollmentRows.filter((row) => row.status !== "cancelled" && !row.isInternshipCancelled).map((row) => row.internshipDate));
  const choices = openSessions
    .filter((session) => !takenDays.has(session.date))
    .map((session) => ({
      id: session.id,
      hostSchoolName: session.hostSchoolName,
      // The chosen option alone must say which lycée hosts it: a closed list shows no group heading.
      label: `${session.hostSchoolName} · ${formatDateFr(session.date)}, ${session.startTime} – ${session.endTime} · ${session.title} · ${session.seats - session.seatsTaken} place${session.seats - session.seatsTaken > 1 ? "s" : ""}`,
    }));

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm"><Link href="/stagiaires" className="text-brand-700 underline">Stagiaires</Link></p>
          <h1 className="text-2xl font-bold text-brand-800">{student.lastName.toUpperCase()} {student.firstName}</h1>
          <p className="text-slate-700">{student.className} · {student.originSchoolName}</p>
        </div>
        {student.canManage ? <Link href={`/stagiaires/${student.id}/modifier`} className={secondaryButton}>Modifier</Link> : null}
      </div>
      <FlashMessage message={query.message} />

      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-lg font-semibold text-slate-800">Info</h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Item label="Nom" value={student.lastName} />
          <Item label="Prénom" value={student.firstName} />
          <Item label="Classe" value={student.className} />
          <Item label="Date de naissance" value={formatDateFr(student.birthDate)} />
          <Item label="Responsable légal" value={student.guardianName} />
          <Item label="E-mail du responsable légal" value={student.guardianEmail ?? "Non renseigné"} isMissing={!student.guardianEmail} />
        </dl>
        {student.canManage && !student.guardianEmail ? (
          <p className="mt-3 text-sm text-amber-900">
            Ajoutez l&apos;e-mail du responsable légal avec « Modifier » : il est obligatoire pour terminer une inscription.
          </p>
        ) : null}
      </div>

      <div className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-800">{student.canManage ? "Inscriptions" : "Inscriptions à vos stages"}</h2>
        {enrollmentRows.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune inscription pour le moment.</p>
        ) : (
          <EnrollmentTable caption="Inscriptions du stagiaire" headers={["Date", "Horaires", "Formation", "Établissement d'accueil", "État", "Convention"]}>
            {enrollmentRows.map((row) => (
              <tr key={row.enrollmentId}>
                <td className="whitespace-nowrap px-3 py-2">{formatDateFr(row.internshipDate)}</td>
                <td className="whitespace-nowrap px-3 py-2">{row.startTime} – {row.endTime}</td>
                <td className="px-3 py-2"><Link href={`/stages/${row.internshipId}`} className="font-medium text-brand-700 underline">{row.internshipTitle}</Link></td>
                <td className="px-3 py-2">{row.hostSchoolName}</td>
                <td className="px-3 py-2"><EnrollmentState status={row.status} conventionState={row.conventionState} invalidation={{ at: row.invalidatedAt, reason: row.invalidationReason }} /></td>
                <td className="px-3 py-2">
                  <EnrollmentConventionCell enrollmentId={row.enrollmentId} conventionId={row.conventionId} status={row.status} canComplete={student.canManage} completeAction={completeEnrollmentAction}
                    cancelAction={cancelDraftEnrollmentAction} />
                </td>
              </tr>
            ))}
          </EnrollmentTable>
        )}
      </div>

      {student.canManage ? (
        <div className="max-w-2xl space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold text-slate-800">Inscrire à un stage</h2>
          <p className="text-sm text-slate-600">
            Les stages à venir des lycées d&apos;accueil qui ont encore une place, hors jours où l&apos;élève est déjà inscrit.
          </p>
          <EnrollForm action={enrollStudentAction} studentId={student.id} sessions={choices} />
        </div>
      ) : null}
    </section>
  );
}

function Item({ label, value, isMissing = false }: { label: string; value: string; isMissing?: boolean }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className={isMissing ? "italic text-amber-900" : "text-slate-900"}>{value}</dd>
    </div>
  );
}
