import type { AnalyzeConventionPdfOptions, PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { runAnalysisTask } from "./analysis-pool";

/**
 * `analyzeConventionPdf` on a pool worker, with the same options and result. `findOriginalBySha256`
 * keeps running here, on the thread that holds the database: the worker asks for each prefix hash in
 * turn, as the analysis does in process. Past its hard limit it throws ANALYSIS_INTERRUPTED.
 */
export async function analyzeInPool(bytes: Uint8Array, options: AnalyzeConventionPdfOptions = {}): Promise<PdfAnalysis> {
  const { findOriginalBySha256, ...rest } = options;
  return runAnalysisTask<PdfAnalysis>(
    { kind: "analyze", bytes, options: { ...rest, hasOriginalLookup: Boolean(findOriginalBySha256) } },
    findOriginalBySha256,
  );
}
