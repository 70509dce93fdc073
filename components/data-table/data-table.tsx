"use client";
/**
 * The one server-driven table of the portal (@tanstack/react-table v9 in manual mode).
 *
 * Usage from a server page:
 *   const query = parseTableQuery(await searchParams, { sortable: ["nom", "date"], defaultSort: "nom" });
 *   const { rows, total } = await listSomething(actor, query);   // your query applies q/sort/page/size
 *   <DataTable basePath="/stages" query={query} total={total}
 *     columns={[{ id: "nom", header: "Nom", sortable: true }, { id: "info", header: "Fiche" }]}
 *     rows={rows.map((r) => ({ id: r.id, cells: { nom: r.name, info: <Link href={…}>Info</Link> } }))} />
 *
 * Cells are ReactNodes rendered by the server page (links, badges, forms), so no function crosses
 * the server/client boundary. Sorting, page size, search and pagination only change the URL
 * (q, tri, ordre, page, taille): the page re-renders on the server with the new state.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { pageCountOf, pageSizes, tableHref, visiblePages, type TableQuery } from "@/lib/core/tables/table-query";

export type DataTableColumn = { id: string; header: string; sortable?: boolean; className?: string };
export type DataTableRow = { id: string; cells: Record<string, ReactNode>; className?: string };

export type DataTableProps = {
  basePath: string;
  query: TableQuery;
  columns: DataTableColumn[];
  rows: DataTableRow[];
  total: number;
  /** The total is an estimate (very large lists without a search): say "environ". */
  isTotalEstimated?: boolean;
  /** Only this many were counted (a broad search): say "plus de n - 1" rather than an estimate. */
  totalCountedAtLeast?: number;
  searchLabel?: string;
  searchPlaceholder?: string;
  emptyMessage?: string;
  caption?: string;
  /** Position after this page's last row: the next page's links start there (see TableQuery.after). */
  nextCursor?: string;
  /** Position before this page's first row, for the previous page's links. */
  previousCursor?: string;
};

/** The table's filters ride along with the search and page-size forms. */
function FilterInputs({ filters }: { filters?: Record<string, string> }) {
  return Object.entries(filters ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, DataTableRow>();
const numberFr = new Intl.NumberFormat("fr-FR");

export function DataTable({
  basePath,
  query,
  columns,
  rows,
  total,
  isTotalEstimated = false,
  totalCountedAtLeast,
  searchLabel = "Rechercher",
  searchPlaceholder = "Nom, prénom…",
  emptyMessage = "Aucun élément à afficher.",
  caption,
  nextCursor,
  previousCursor,
}: DataTableProps) {
  const tableColumns = helper.columns(
    columns.map((column) =>
      helper.accessor((row) => row.cells[column.id] as unknown, {
        id: column.id,
        header: column.header,
        enableSorting: Boolean(column.sortable),
      }),
    ),
  );
  const table = useTable({
    features,
    columns: tableColumns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: {
      sorting: [{ id: query.sort, desc: query.order === "desc" }],
      pagination: { pageIndex: query.page - 1, pageSize: query.size },
    },
  });

  const pageCount = pageCountOf(total, query.size);
  const first = total === 0 ? 0 : (query.page - 1) * query.size + 1;
  const last = Math.min(total, (query.page - 1) * query.size + rows.length);
  const totalText = totalCountedAtLeast
    ? `plus de ${numberFr.format(totalCountedAtLeast - 1)} éléments`
    : `${isTotalEstimated ? "environ " : ""}${numberFr.format(total)} élément${total > 1 ? "s" : ""}`;
  const columnClass = new Map(columns.map((column) => [column.id, column.className ?? ""]));
  /** The link to a page; the neighbours of this page carry the cursor that lets the database seek to them. */
  const pageHref = (page: number) =>
    tableHref(basePath, query, {
      page,
      ...(page === query.page + 1 && nextCursor ? { after: nextCursor } : {}),
      ...(page === query.page - 1 && previousCursor ? { before: previousCursor } : {}),
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action={basePath} role="search" className="flex items-end gap-2">
          <input type="hidden" name="tri" value={query.sort} />
          <input type="hidden" name="ordre" value={query.order} />
          <input type="hidden" name="taille" value={query.size} />
          <FilterInputs filters={query.filters} />
          <label className="text-sm text-slate-700">
            <span className="block">{searchLabel}</span>
            <input type="search" name="q" defaultValue={query.q} placeholder={searchPlaceholder}
              className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            Rechercher
          </button>
          {query.q ? (
            <Link href={tableHref(basePath, query, { q: "", page: 1 })} className="py-1.5 text-sm text-brand-700 underline">
              Effacer
            </Link>
          ) : null}
        </form>
        <form method="get" action={basePath} className="text-sm text-slate-700">
          {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
          <input type="hidden" name="tri" value={query.sort} />
          <input type="hidden" name="ordre" value={query.order} />
          <FilterInputs filters={query.filters} />
          <label>
            Afficher{" "}
            <select name="taille" defaultValue={query.size} onChange={(event) => event.currentTarget.form?.requestSubmit()}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm">
              {pageSizes.map((size) => <option key={size} value={size}>{size}</option>)}
            </select>{" "}
            éléments
          </label>
          <noscript><button type="submit" className="ml-2 underline">Appliquer</button></noscript>
        </form>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getCanSort() ? header.column.getIsSorted() : false;
                  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : header.column.getCanSort() ? "none" : undefined;
                  const label = header.column.columnDef.header as string;
                  return (
                    <th key={header.id} scope="col" aria-sort={ariaSort}
                      className={`px-3 py-2 text-left font-semibold text-slate-700 ${columnClass.get(header.id) ?? ""}`}>
                      {header.column.getCanSort() ? (
                        <Link
                          href={tableHref(basePath, query, {
                            sort: header.id,
                            order: sorted === "asc" ? "desc" : "asc",
                            page: 1,
                          })}
                          className="inline-flex items-center gap-1 hover:text-brand-700"
                        >
                          {label}
                          <span aria-hidden="true" className="text-xs text-slate-400">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                          <span className="sr-only">
                            {sorted === "asc" ? " (trié par ordre croissant, cliquer pour inverser)" : sorted === "desc" ? " (trié par ordre décroissant, cliquer pour inverser)" : " (cliquer pour trier)"}
                          </span>
                        </Link>
                      ) : label}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr><td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600">{emptyMessage}</td></tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className={`hover:bg-slate-50 ${row.original.className ?? ""}`}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={`px-3 py-2 align-top ${columnClass.get(cell.column.id) ?? ""}`}>
                      {cell.getValue() as ReactNode}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
        <p aria-live="polite">
          {total === 0 || rows.length === 0
            ? "Aucun élément"
            : `Affichage de l'élément ${numberFr.format(first)} à ${numberFr.format(last)} sur ${totalText}`}
        </p>
        <nav aria-label="Pagination">
          <ul className="flex items-center gap-1">
            <li>
              {query.page > 1 ? (
                <Link href={query.page - 1 <= pageCount ? pageHref(query.page - 1) : tableHref(basePath, query, { page: pageCount })} className="rounded-md border px-2 py-1 hover:bg-slate-100">Précédent</Link>
              ) : (
                <span aria-disabled="true" className="rounded-md border px-2 py-1 text-slate-400">Précédent</span>
              )}
            </li>
            {visiblePages(query.page, pageCount).map((page, index) => (
              <li key={page ?? `gap-${index}`}>
                {page === null ? (
                  <span className="px-1 text-slate-400">…</span>
                ) : page === query.page ? (
                  <span aria-current="page" className="rounded-md border border-brand-700 bg-brand-700 px-2 py-1 text-white">{page}</span>
                ) : (
                  <Link href={pageHref(page)} className="rounded-md border px-2 py-1 hover:bg-slate-100"
                    aria-label={`Page ${page}`}>{page}</Link>
                )}
              </li>
            ))}
            <li>
              {query.page < pageCount ? (
                <Link href={pageHref(query.page + 1)} className="rounded-md border px-2 py-1 hover:bg-slate-100">Suivant</Link>
              ) : (
                <span aria-disabled="true" className="rounded-md border px-2 py-1 text-slate-400">Suivant</span>
              )}
            </li>
          </ul>
        </nav>
      </div>
    </div>
  );
}
