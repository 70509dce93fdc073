import type { MessagePort } from "node:worker_threads";
import type { AnalyzeConventionPdfOptions } from "@/lib/core/pdf-analysis/analysis-types";
import type { CompareWithOriginalOptions } from "@/lib/server/visual-comparison";

/** The analysis options a worker receives: everything but the database callback, which stays on the request thread. */
export type WorkerAnalyzeOptions = Omit<AnalyzeConventionPdfOptions, "findOriginalBySha256"> & {
  /** True when the caller passed `findOriginalBySha256`: the worker then asks the request thread through its port. */
  hasOriginalLookup: boolean;
};

export type AnalysisTask =
  | { kind: "analyze"; bytes: Uint8Array; options: WorkerAnalyzeOptions; port: MessagePort }
  | { kind: "compare"; original: Uint8Array; deposited: Uint8Array; options: CompareWithOriginalOptions; port: MessagePort };

/** Worker → request thread. `started` arms the task's hard limit; `lookup` asks for a stored original by hash. */
export type WorkerMessage =
  | { type: "started" }
  | { type: "lookup"; requestId: number; sha256: string };

/** Request thread → worker: the answer to one lookup. */
export type LookupAnswer = { requestId: number; conventionId: string | null; failed: boolean };
