import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listStudents, studentSorts } from "@/db/queries/students";
import { DataTable } from "@/components/data-table/data-table";
import { parseTableQuery, type RawSearchParams } from "@/lib/core/tables/table-query";
import { FlashMessage } from "@/components/conventions/flash-message";
import { primaryButton } from "@/components/internships/form-field";
import { requireActor } from "@/lib/server/auth/require-actor";

export const metadata: Metadata = { title: "Stagiaires" };

export default async function StudentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireActor("/stagiaires");
  const params = await searchParams;
  const query = parseTableQuery(params, { sortable: studentSorts, defaultSort: "nom" });
  const isOrigin = actor.role === "origin_staff";
  const { rows, total } = await listStudents(await getDb(), actor, query);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">Stagiaires</h1>
          <p className="text-sm text-slate-600">
            {isOrigin
              ? `Les élèves de ${actor.schoolName}. Ouvrez une fiche pour inscrire l'élève à un stage.`
              : `Les élèves inscrits à un stage de ${actor.schoolName}, en lecture seule.`}
          </p>
        </div>
        {isOrigin ? <Link href="/stagiaires/nouveau" className={primaryButton}>Nouveau stagiaire</Link> : null}
      </div>
      <FlashMessage message={params.message} />
      <DataTable
        basePath="/stagiaires"
        query={query}
        total={total}
        caption="Stagiaires"
        searchLabel="Rechercher un stagiaire"
        searchPlaceholder="Nom, prénom…"
        emptyMessage={query.q ? "Aucun stagiaire ne correspond à cette recherche." : isOrigin ? "Aucun élève enregistré : commencez par « Nouveau stagiaire »." : "Aucun élève n'est encore inscrit à vos stages."}
        columns={[
          { id: "nom", header: "Nom", sortable: true },
          { id: "prenom", header: "Prénom", sortable: true },
          { id: "classe", header: "Classe", sortable: true },
          { id: "etablissement", header: "Établissement d'origine", sortable: true },
          { id: "inscriptions", header: isOrigin ? "Stages" : "Stages chez vous" },
          { id: "fiche", header: "Fiche" },
        ]}
        rows={rows.map((row) => ({
          id: row.id,
          cells: {
            nom: row.lastName.toUpperCase(),
            prenom: row.firstName,
            classe: row.className,
            etablissement: row.originSchoolName,
            inscriptions: row.enrollmentCount,
            fiche: <Link href={`/stagiaires/${row.id}`} className="font-medium text-brand-700 underline" aria-label={`Info : fiche de ${row.firstName} ${row.lastName}`}>Info</Link>,
          },
        }))}
      />
    </section>
  );
}
