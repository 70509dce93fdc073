import { and, like, type AnyColumn, type SQL } from "drizzle-orm";
import { searchLikePatterns } from "@/lib/core/text/normalize-search-text";

/** The rows whose stored search text holds every word of `q`, in any order; undefined (no filter) when `q` has no word. */
export function matchesSearch(searchText: AnyColumn | SQL, q: string): SQL | undefined {
  const patterns = searchLikePatterns(q);
  return patterns.length > 0 ? and(...patterns.map((pattern) => like(searchText, pattern))) : undefined;
}

/** Whether `q` narrows a list at all (a search of only spaces or dashes does not). */
export function isSearching(q: string): boolean {
  return searchLikePatterns(q).length > 0;
}
