/** Lower-case, accent-free form used for every name search ("Léa Bérénice" → "lea berenice"). */
export function normalizeSearchText(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(" ")
    // A NUL or another control character (typed into a URL) is not part of any name: read it as a space.
    .replace(/[\u0000-\u001f\u007f-\u009f]/gu, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The LIKE pattern of a search: folded, wildcards escaped, and the words in order with anything
 * between them, so that « durand testeur » finds « Durand-Testeur » and the other way round.
 * Null when nothing is left to search.
 */
export function searchLikePattern(q: string): string | null {
  const words = normalizeSearchText(q).split(/[\s'’-]+/u).filter(Boolean);
  return words.length > 0 ? `%${words.map(escapeLikePattern).join("%")}%` : null;
}

/** Escapes LIKE wildcards so that a user's "%" or "_" is searched literally. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
