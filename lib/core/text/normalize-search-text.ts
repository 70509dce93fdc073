/** Lower-case, accent-free form used for every name search ("Léa Bérénice" → "lea berenice", "Œuvre" → "oeuvre"). */
export function normalizeSearchText(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(" ")
    // A NUL or another control character (typed into a URL) is not part of any name: read it as a space.
    .replace(/[\u0000-\u001f\u007f-\u009f]/gu, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    // Ligatures have no combining mark to strip: spell them out, as people type them.
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/\s+/g, " ")
    .trim();
}

/** Beyond this many words a search adds nothing but work for the database. */
const MAX_SEARCH_WORDS = 8;

/** Digits joined by - / or . ("03-12", "3/12/2026", "2026-12-03", "03-"): part of a date, kept whole. */
const DATE_LIKE = /^\d+(?:[-/.]\d+)*(?:[-/.]\d+|[-/.])$/u;

/**
 * The words of a search, folded, each to be found somewhere in the stored search text, in any
 * order: « testeur durand » finds « Durand-Testeur ». A name's hyphen or apostrophe separates
 * words; a date keeps its shape and is read as jj-mm-aaaa (« 3/12 » → « 03-12 », « 2026-12-03 » →
 * « 03-12-2026 »), the form the search texts store.
 */
export function searchWords(q: string): string[] {
  const words = normalizeSearchText(q)
    .split(" ")
    .flatMap((chunk) => (DATE_LIKE.test(chunk) ? [dateSearchWord(chunk)] : chunk.split(/['’-]+/u)))
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

function dateSearchWord(chunk: string): string {
  const isComplete = !/[-/.]$/u.test(chunk);
  const parts = chunk.split(/[-/.]/u).filter(Boolean);
  // A date typed year first (aaaa-mm-jj, aaaa-mm) reads in the French order.
  const ordered = parts[0].length === 4 && parts.length > 1 ? [...parts].reverse() : parts;
  // A one-digit day or month is padded once the user has moved past it: « 3-1 » may still become « 3-12 ».
  const word = ordered
    .map((part, index) => (part.length === 1 && (index < ordered.length - 1 || !isComplete || ordered.length === 3) ? `0${part}` : part))
    .join("-");
  // « 03- » is a day or a month, not any 03: keep the dash, unless a year was typed first.
  return isComplete || ordered[ordered.length - 1].length > 2 ? word : `${word}-`;
}

/** One LIKE pattern per search word (wildcards escaped), all of which must match; empty when nothing is left to search. */
export function searchLikePatterns(q: string): string[] {
  return searchWords(q).map((word) => `%${escapeLikePattern(word)}%`);
}

/** Escapes LIKE wildcards so that a user's "%" or "_" is searched literally. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
