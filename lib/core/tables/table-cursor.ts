import { isUuid } from "@/lib/core/is-uuid";
import type { TableQuery } from "./table-query";

/**
 * A position in a sorted list: the sort value and the id of one row. It is written into the links
 * « Suivant » and « Précédent » (TableQuery.after / before) so that the next page starts right after the
 * current one, whatever its number. It also carries the view it was made for: a cursor read with
 * another search, sort or page size is ignored and the page number applies alone.
 */
export type TableCursor = { key: string; id: string };

type CursorPayload = { s: string; o: string; q: string; n: number; k: string; i: string };

export function encodeTableCursor(query: TableQuery, cursor: TableCursor): string {
  const payload: CursorPayload = { s: query.sort, o: query.order, q: query.q, n: query.size, k: cursor.key, i: cursor.id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The cursor of `raw` when it was made for this very view, else null. Never throws. */
export function decodeTableCursor(query: TableQuery, raw: string | undefined): TableCursor | null {
  if (!raw) return null;
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== "object") return null;
  const sameView = payload.s === query.sort && payload.o === query.order && payload.q === query.q && payload.n === query.size;
  if (!sameView || typeof payload.k !== "string" || payload.k.length > 200 || !isUuid(payload.i)) return null;
  return { key: payload.k, id: payload.i };
}
