/**
 * The code a pool worker thread runs: the PDF analysis and the visual comparison, away from the
 * thread that answers requests. Compiled to one plain file by scripts/build-analysis-worker.cjs.
 */
import { setPriority } from "node:os";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { compareWithOriginal, type VisualComparison } from "@/lib/server/visual-comparison";
import { loadPdfium } from "@/lib/server/visual-comparison/load-pdfium";
import type { AnalysisTask, LookupAnswer, WorkerMessage } from "./analysis-task-types";

/**
 * Nice value of a worker thread: analyses and comparisons yield the processor to the request thread,
 * so pages stay fast while deposits queue. Only on Linux, where it applies to the calling thread alone
 * (and the threads it starts); elsewhere it would slow the whole server.
 */
const WORKER_NICENESS = 10;

if (process.platform === "linux") {
  try {
    setPriority(0, WORKER_NICENESS);
  } catch {
    // Not permitted here: the worker keeps the normal priority.
  }
}

// PDFium takes about 100 ms to start: a fresh worker pays it before its first task, not during it.
void loadPdfium().catch(() => {});

function post(port: AnalysisTask["port"], message: WorkerMessage): void {
  port.postMessage(message);
}

/** Asks the request thread, which holds the database, for the convention whose original has this SHA-256. */
function originalLookupThrough(port: AnalysisTask["port"]): (sha256: string) => Promise<string | null> {
  const waiting = new Map<number, { resolve: (id: string | null) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  port.on("message", (answer: LookupAnswer) => {
    const pending = waiting.get(answer.requestId);
    if (!pending) return;
    waiting.delete(answer.requestId);
    if (answer.failed) pending.reject(new Error("original lookup failed"));
    else pending.resolve(answer.conventionId);
  });
  return (sha256) => new Promise((resolve, reject) => {
    const requestId = nextId++;
    waiting.set(requestId, { resolve, reject });
    post(port, { type: "lookup", requestId, sha256 });
  });
}

export default async function runAnalysisTask(task: AnalysisTask): Promise<PdfAnalysis | VisualComparison> {
  const { port } = task;
  post(port, { type: "started" });
  try {
    if (task.kind === "analyze") {
      const { hasOriginalLookup, ...options } = task.options;
      return await analyzeConventionPdf(task.bytes, {
        ...options,
        ...(hasOriginalLookup ? { findOriginalBySha256: originalLookupThrough(port) } : {}),
      });
    }
    return await compareWithOriginal(task.original, task.deposited, task.options);
  } finally {
    port.close();
  }
}
