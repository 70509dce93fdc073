import type { CompareWithOriginalOptions, VisualComparison } from "@/lib/server/visual-comparison";
import { runAnalysisTask } from "./analysis-pool";

/** `compareWithOriginal` (PDFium renders of both files, page by page) on a pool worker; past its hard limit it throws ANALYSIS_INTERRUPTED. */
export async function compareInPool(
  original: Uint8Array, deposited: Uint8Array, options: CompareWithOriginalOptions = {},
): Promise<VisualComparison> {
  return runAnalysisTask<VisualComparison>({ kind: "compare", original, deposited, options });
}
