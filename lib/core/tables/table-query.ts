import { replaceControlCharacters } from "@/lib/core/text/control-characters";

/**
 * URL state of a server-driven table: q (search), tri (column id), ordre (asc|desc), page (1-based),
 * taille (10|25|50|100, 50 by default), and, on the links « Suivant » and « Précédent » only, apres / avant:
 * an opaque position (the sort key of the row next to the wanted page) that lets the database start
 * the page right there instead of counting its way through every earlier row. Pure: usable from pages,
 * queries, tests and the client table.
 */
export const pageSizes = [10, 25, 50, 100] as const;
export const defaultPageSize = 50;

export type SortOrder = "asc" | "desc";

export type TableQuery<SortId extends string = string> = {
  q: string;
  sort: SortId;
  order: SortOrder;
  page: number;
  size: number;
  /** Start the page after this position (link « Suivant »); see `pageCursor`. */
  after?: string;
  /** End the page before this position (link « Précédent »). */
  before?: string;
  /** A table's own filters (URL parameter → value), kept by every link and form of the table. */
  filters?: Record<string, string>;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the table state from the URL; anything unknown falls back to the defaults, never an error. */
export function parseTableQuery<SortId extends string>(
  params: RawSearchParams,
  options: {
    sortable: readonly SortId[]; defaultSort: SortId; defaultOrder?: SortOrder;
    /** The filters the table knows, each with its accepted values; anything else is dropped. */
    filters?: Record<string, readonly string[]>;
  },
): TableQuery<SortId> {
  const q = replaceControlCharacters(firstValue(params.q) ?? "").trim().slice(0, 100);
  const rawSort = firstValue(params.tri);
  const sort = options.sortable.includes(rawSort as SortId) ? (rawSort as SortId) : options.defaultSort;
  const rawOrder = firstValue(params.ordre);
  const order: SortOrder = rawOrder === "asc" || rawOrder === "desc" ? rawOrder : (options.defaultOrder ?? "asc");
  const rawPage = Number.parseInt(firstValue(params.page) ?? "", 10);
  const page = Number.isFinite(rawPage) && rawPage >= 1 ? Math.min(rawPage, 1_000_000) : 1;
  const rawSize = Number.parseInt(firstValue(params.taille) ?? "", 10);
  const size = (pageSizes as readonly number[]).includes(rawSize) ? rawSize : defaultPageSize;
  const query: TableQuery<SortId> = { q, sort, order, page, size };
  const after = cursorParam(firstValue(params.apres));
  const before = cursorParam(firstValue(params.avant));
  // One direction at a time; a cursor on page 1 (« Précédent » from page 2) is useless.
  if (after && page > 1) query.after = after;
  else if (before && page > 1) query.before = before;
  const filters: Record<string, string> = {};
  for (const [name, accepted] of Object.entries(options.filters ?? {})) {
    const value = firstValue(params[name]);
    if (value !== undefined && accepted.includes(value)) filters[name] = value;
  }
  if (Object.keys(filters).length > 0) query.filters = filters;
  return query;
}

/** A cursor is short base64url text; anything else is ignored (the page number still applies). */
function cursorParam(value: string | undefined): string | undefined {
  return value && value.length <= 400 && /^[A-Za-z0-9_-]+$/.test(value) ? value : undefined;
}

export function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The URL of the same view with some of its state changed; default values are left out. */
export function tableHref(basePath: string, query: TableQuery, patch: Partial<TableQuery> = {}): string {
  // A cursor belongs to one link: any other change of view (sort, search, size, page) drops it.
  const next = { ...query, after: undefined, before: undefined, ...patch };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  params.set("tri", next.sort);
  params.set("ordre", next.order);
  if (next.page > 1) params.set("page", String(next.page));
  if (next.size !== defaultPageSize) params.set("taille", String(next.size));
  for (const [name, value] of Object.entries(next.filters ?? {})) if (value) params.set(name, value);
  if (next.after) params.set("apres", next.after);
  else if (next.before) params.set("avant", next.before);
  return `${basePath}?${params.toString()}`;
}

/** Page numbers to show around the current one, with null for an ellipsis: 1 … 4 5 [6] 7 8 … 20. */
export function visiblePages(current: number, pageCount: number, around = 2): Array<number | null> {
  const wanted = new Set<number>([1, pageCount]);
  for (let page = current - around; page <= current + around; page += 1) {
    if (page >= 1 && page <= pageCount) wanted.add(page);
  }
  const sorted = [...wanted].sort((a, b) => a - b);
  const pages: Array<number | null> = [];
  sorted.forEach((page, index) => {
    if (index > 0 && page - sorted[index - 1] > 1) pages.push(null);
    pages.push(page);
  });
  return pages;
}
