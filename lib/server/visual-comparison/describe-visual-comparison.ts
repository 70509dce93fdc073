import type { ConventionIdSource } from "@/lib/core/pdf-analysis/analysis-types";
import type { VisualComparison } from "./visual-comparison-types";

export const REWRITTEN_IDENTICAL_PROBLEM = "Fichier réenregistré par un autre logiciel ; contenu identique à la convention d'origine";

function listInFrench(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

/** The 1-based numbers of the pages that differ from the original. */
export function changedPageNumbers(comparison: VisualComparison): number[] {
  return comparison.pages.filter((page) => page.status === "changed").map((page) => page.index + 1);
}

/** "Différences visibles avec la convention d'origine : pages 1 et 2." */
export function describeChangedPages(comparison: VisualComparison): string {
  const numbers = changedPageNumbers(comparison);
  const pages = numbers.length === 1 ? `page ${numbers[0]}` : `pages ${listInFrench(numbers.map(String))}`;
  return `Différences visibles avec la convention d'origine : ${pages}.`;
}

/**
 * The French lines a deposit's problems gain from its comparison with the original. `idSource`
 * says whether the file extends the original's bytes ("original-hash") or was saved anew.
 */
export function visualComparisonProblems(comparison: VisualComparison, idSource: ConventionIdSource | null): string[] {
  const lines: string[] = [];
  if (comparison.status === "impossible") return [comparison.reason ?? "Comparaison impossible avec la convention d'origine."];
  if (comparison.status === "changed") {
    if (changedPageNumbers(comparison).length > 0) lines.push(describeChangedPages(comparison));
    if (comparison.originalPageCount !== comparison.depositedPageCount) {
      lines.push(`Le fichier déposé a ${comparison.depositedPageCount} page${comparison.depositedPageCount > 1 ? "s" : ""}, la convention d'origine ${comparison.originalPageCount}.`);
    }
  }
  if (comparison.status === "identical" && idSource !== "original-hash") lines.push(REWRITTEN_IDENTICAL_PROBLEM);
  if (comparison.limitedTo20 && comparison.reason) lines.push(comparison.reason);
  return lines;
}

/** Whether the comparison lets an intact signed file be recognised automatically: identical outside signed fields, and the original's own bytes extended. */
export function allowsAutomaticRecognition(comparison: VisualComparison, idSource: ConventionIdSource | null): boolean {
  return comparison.status === "identical" && !comparison.limitedTo20 && idSource === "original-hash";
}
