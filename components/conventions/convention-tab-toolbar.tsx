import { verificationLabels, verificationStatuses } from "@/lib/core/conventions/convention-verification";
import type { TableQuery } from "@/lib/core/tables/table-query";

/** The export's address for the tab as shown: same search, filters and sort, every page. */
export function exportHref(tabSlug: string, query: TableQuery, format: "csv" | "xlsx"): string {
  const params = new URLSearchParams({ onglet: tabSlug, format });
  if (query.q) params.set("q", query.q);
  params.set("tri", query.sort);
  params.set("ordre", query.order);
  for (const [name, value] of Object.entries(query.filters ?? {})) params.set(name, value);
  return `/api/conventions/export?${params.toString()}`;
}

/**
 * Above a tab's table: the « Vérification » filter, « sessions dans les N jours » (unreturned tab) and
 * « Exporter » (CSV for Excel, XLSX) with the tab's current search, filters and sort.
 */
export function ConventionTabToolbar({ basePath, tabSlug, query, urgencyDays, showUrgencyFilter }: {
  basePath: string; tabSlug: string; query: TableQuery; urgencyDays: number; showUrgencyFilter: boolean;
}) {
  const filters = query.filters ?? {};
  const linkClass = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-brand-700 hover:bg-slate-100";
  return (
    <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3 text-sm text-slate-800" aria-label="Filtres">
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        <input type="hidden" name="tri" value={query.sort} />
        <input type="hidden" name="ordre" value={query.order} />
        <input type="hidden" name="taille" value={query.size} />
        <label>
          <span className="block">Vérification</span>
          <select name="verification" defaultValue={filters.verification ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">Toutes</option>
            {verificationStatuses.map((status) => <option key={status} value={status}>{verificationLabels[status]}</option>)}
          </select>
        </label>
        {showUrgencyFilter ? (
          <label className="flex items-center gap-2 pb-1.5">
            <input type="checkbox" name="urgence" value="1" defaultChecked={filters.urgence === "1"} className="h-4 w-4" />
            Sessions dans les {urgencyDays} jours
          </label>
        ) : null}
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">Filtrer</button>
      </form>
      <div className="flex items-center gap-2 text-sm text-slate-700" role="group" aria-label="Exporter le tableau">
        <span>Exporter :</span>
        <a href={exportHref(tabSlug, query, "csv")} className={linkClass} download>CSV (Excel)</a>
        <a href={exportHref(tabSlug, query, "xlsx")} className={linkClass} download>XLSX</a>
      </div>
    </div>
  );
}
