import { sql, type SQL, type AnyColumn } from "drizzle-orm";

// The same folding as the generated sort-key columns of conventions (db/schema.ts).
const ACCENTED = "àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ";
const PLAIN = "aaaaaaeeeeiiiiooooouuuucnyoa";

/** Sorts "Éloi" with the E's: lists scoped to one school are small enough to sort on the expression. */
export function foldedSortKey(column: AnyColumn): SQL {
  return sql`translate(lower(${column}), ${ACCENTED}, ${PLAIN})`;
}
