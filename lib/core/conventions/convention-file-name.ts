/** What a downloaded or attached convention file is: the original, the current deposit, or an older deposit. */
export type ConventionFileKind = { kind: "original" } | { kind: "deposit" } | { kind: "older-deposit"; depositId: string };

/** Letters without accents, every other run of characters as one dash: safe in any header, mail client and file system. */
function foldForFileName(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * The one naming rule of convention files, for downloads and mail attachments alike:
 * « convention-DURAND-Elodie-2026-12-03.pdf » for the original, « …-signee.pdf » for the deposited
 * document, « …-signee-1a2b3c4d.pdf » for an older deposit kept in the history.
 */
export function conventionFileName(student: { lastName: string; firstName: string }, internshipDate: string, file: ConventionFileKind): string {
  const base = `convention-${foldForFileName(student.lastName).toUpperCase()}-${foldForFileName(student.firstName)}-${internshipDate}`;
  if (file.kind === "original") return `${base}.pdf`;
  if (file.kind === "deposit") return `${base}-signee.pdf`;
  return `${base}-signee-${file.depositId.slice(0, 8)}.pdf`;
}
