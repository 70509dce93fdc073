import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";

export type DepositStatusTone = "ok" | "warning" | "danger" | "neutral";

/** Between a message a person acts on and the technical detail the page folds away below it. */
export const TECHNICAL_DETAIL_SEPARATOR = "\nDétail technique : ";

/** One status of a deposited file, worded for a person: the same sentence for the depositor and the host. */
export type DepositStatus = {
  tone: DepositStatusTone;
  title: string;
  /** The analysis's French lines that explain the title. */
  details: string[];
};

/** Another convention the file names, recorded when the depositor filed it under a different pupil knowingly. */
export type IdentityMismatch = {
  namedConventionIds: string[];
  /** French name of the channel that named it ("QR code lu sur le scan"…). */
  source: string;
};

/** The parts of a stored deposit analysis the status reads (older analyses lack the optional ones). */
export type DepositStatusInput = Pick<PdfAnalysis, "verdict" | "problems" | "conventionId"> & {
  signatures?: PdfAnalysis["signatures"];
  visualComparison?: { status: string; pages: { index: number; status: string }[] } | null;
  identityMismatch?: IdentityMismatch | null;
};

const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The conventions other than `conventionId` that the file names: its recognised id, the ids its
 * disagreeing channels list, or the mismatch recorded at deposit time.
 */
export function otherConventionIdsNamed(analysis: DepositStatusInput, conventionId: string): string[] {
  const own = conventionId.toLowerCase();
  const named = new Set<string>();
  if (analysis.conventionId) named.add(analysis.conventionId.toLowerCase());
  for (const id of analysis.identityMismatch?.namedConventionIds ?? []) named.add(id.toLowerCase());
  for (const problem of analysis.problems) {
    if (!problem.includes("numéros de convention")) continue;
    for (const match of problem.match(UUID_PATTERN) ?? []) named.add(match.toLowerCase());
  }
  named.delete(own);
  return [...named];
}

function changedPages(analysis: DepositStatusInput): number[] {
  return (analysis.visualComparison?.pages ?? []).filter((page) => page.status === "changed").map((page) => page.index + 1);
}

function pagesLabel(pages: number[]): string {
  if (pages.length === 0) return "";
  return pages.length === 1 ? ` (page ${pages[0]})` : ` (pages ${pages.join(", ")})`;
}

/**
 * The one status of a deposit: the most serious thing a secretary must know first, then the lines
 * that explain it. `conventionId` is the convention the file was filed under (null before it is chosen).
 */
export function describeDepositStatus(analysis: DepositStatusInput, conventionId: string | null): DepositStatus {
  const details = analysis.problems;
  const others = conventionId ? otherConventionIdsNamed(analysis, conventionId) : [];
  if (others.length > 0) {
    return {
      tone: "danger",
      title: "Attention : ce fichier désigne une autre convention que celle-ci (autre stagiaire). Vérifiez qu'il s'agit bien du bon document avant de valider.",
      details,
    };
  }
  const pages = changedPages(analysis);
  const differs = analysis.visualComparison?.status === "changed";
  switch (analysis.verdict) {
    case "unreadable":
      return { tone: "danger", title: "Document illisible : il ne peut pas être vérifié.", details };
    case "invalid":
      return { tone: "danger", title: "Attention : une signature électronique n'est pas valide. Ne validez pas sans le document signé d'origine.", details };
    case "altered":
      return {
        tone: "danger",
        title: `Attention : le document a été modifié après sa signature${pagesLabel(pages)}. Le contenu signé n'est plus garanti ; demandez le document signé d'origine.`,
        details,
      };
    case "signed-then-modified":
      return {
        tone: "warning",
        title: `Signé, puis complété après la signature (champs remplis ou annotations)${pagesLabel(pages)} : vérifiez ces ajouts avant de valider.`,
        details,
      };
    default:
      break;
  }
  if (differs) {
    return {
      tone: "danger",
      title: `Attention : ce document diffère de la convention d'origine${pagesLabel(pages)}. Comparez-le avec l'original avant de valider.`,
      details,
    };
  }
  if (analysis.verdict === "signed") {
    return { tone: "ok", title: "Signé électroniquement ; aucune modification depuis la signature.", details };
  }
  return {
    tone: "neutral",
    title: "Aucune signature électronique (document scanné ou non signé) : vérifiez les signatures manuscrites à l'œil.",
    details,
  };
}
