import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { internshipSorts, listInternships } from "@/db/queries/internships";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { parseTableQuery, type RawSearchParams } from "@/lib/core/tables/table-query";
import { FlashMessage } from "@/components/conventions/flash-message";
import { primaryButton } from "@/components/internships/form-field";
import { SeatsLabel } from "@/components/internships/seats-label";
import { formatDateFr } from "@/lib/core/format-date";
import { requireActor } from "@/lib/server/auth/require-actor";
import { parisToday } from "@/lib/server/internships/paris-today";

export const metadata: Metadata = { title: "Liste des stages" };

export default async function InternshipsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireActor("/stages");
  const params = await searchParams;
  const query = parseTableQuery(params, { sortable: internshipSorts, defaultSort: "date" });
  const isHost = actor.role === "host_admin";
  const { rows, total } = await listInternships(await getDb(), actor, query, parisToday());

  const columns: DataTableColumn[] = [
    { id: "date", header: "Date", sortable: true, className: "whitespace-nowrap" },
    { id: "horaires", header: "Horaires", className: "whitespace-nowrap" },
    { id: "formation", header: "Formation", sortable: true },
    ...(isHost ? [] : [{ id: "etablissement", header: "Établissement d'accueil" }]),
    { id: "lieu", header: "Lieu", sortable: true },
    { id: "responsable", header: "Responsable", sortable: true },
    { id: "places", header: "Inscrits / places", sortable: true },
    { id: "fiche", header: "Fiche" },
  ];
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">Liste des stages</h1>
          <p className="text-sm text-slate-600">
            {isHost
              ? `Les mini-stages proposés par ${actor.schoolName}.`
              : "Les mini-stages à venir des lycées d'accueil. Pour inscrire un élève, ouvrez sa fiche dans Stagiaires."}
          </p>
        </div>
        {isHost ? <Link href="/stages/nouveau" className={primaryButton}>Nouveau stage</Link> : null}
      </div>
      <FlashMessage message={params.message} />
      <DataTable
        basePath="/stages"
        query={query}
        total={total}
        columns={columns}
        caption="Liste des stages"
        searchLabel="Rechercher un stage"
        searchPlaceholder="Formation, lieu, responsable…"
        emptyMessage={query.q ? "Aucun stage ne correspond à cette recherche." : isHost ? "Aucun stage pour le moment : créez le premier avec « Nouveau stage »." : "Aucun stage à venir pour le moment."}
        rows={rows.map((row) => ({
          id: row.id,
          className: row.isCancelled ? "text-slate-500" : undefined,
          cells: {
            date: formatDateFr(row.date),
            horaires: `${row.startTime} – ${row.endTime}`,
            formation: row.isCancelled ? <span className="line-through">{row.title}</span> : row.title,
            etablissement: row.hostSchoolName,
            lieu: row.place,
            responsable: row.teacherName,
            places: <SeatsLabel taken={row.seatsTaken} seats={row.seats} isCancelled={row.isCancelled} />,
            fiche: <Link href={`/stages/${row.id}`} className="font-medium text-brand-700 underline" aria-label={`Info : fiche du stage ${row.title} du ${formatDateFr(row.date)}`}>Info</Link>,
          },
        }))}
      />
    </section>
  );
}
