import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "@/lib/core/errors";
import type { AnalysisTask, LookupAnswer, WorkerMessage } from "./analysis-task-types";

/**
 * Hard wall-clock limits, counted from the moment a worker starts the task (not while it waits in
 * the queue). The analysis stops itself within its 2.5 s budget and the comparison within 8 s; the
 * kill is the second line, for a file that defeats those budgets.
 */
export const TASK_LIMITS_MS = { analyze: 6_000, compare: 12_000 } as const;
/** Tasks waiting for a worker beyond those running; past it a deposit is asked to come back later. */
const QUEUED_TASKS_PER_THREAD = 25;
/** A worker whose JavaScript heap passes this is stopped, like one past its time limit. */
const WORKER_HEAP_LIMIT_MB = 768;

type TaskKind = AnalysisTask["kind"];
type PoolState = { pool?: Piscina; limitOverrides?: Partial<Record<TaskKind, number>> };
type GlobalWithPool = typeof globalThis & { __conventionsAnalysisPool?: PoolState };
const state = ((globalThis as GlobalWithPool).__conventionsAnalysisPool ??= {});

/** Builds the worker file when a source is newer (loaded at run time: the builder is no part of the server bundle). */
function workerFile(): string {
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  const builder = requireFromRoot(path.join(process.cwd(), "scripts", "build-analysis-worker.cjs")) as { ensureAnalysisWorker: () => string };
  return builder.ensureAnalysisWorker();
}

/** The process's pool: one worker per core, kept warm, with a bounded queue. */
function analysisPool(): Piscina {
  if (state.pool) return state.pool;
  const threads = Math.max(1, availableParallelism());
  state.pool = new Piscina({
    filename: pathToFileURL(workerFile()).href,
    minThreads: threads,
    maxThreads: threads,
    maxQueue: threads * QUEUED_TASKS_PER_THREAD,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB },
  });
  // A worker that dies is replaced by piscina; the task it held is answered through its own promise.
  state.pool.on("error", (error: unknown) => console.error("Analysis worker failed", error));
  return state.pool;
}

/** Test hook: a per-kind hard limit instead of TASK_LIMITS_MS (undefined restores them). */
export function setTaskLimitsForTests(limits: Partial<Record<TaskKind, number>> | undefined): void {
  state.limitOverrides = limits;
}

function taskLimitMs(kind: TaskKind): number {
  return state.limitOverrides?.[kind] ?? TASK_LIMITS_MS[kind];
}

function isQueueFull(error: unknown): boolean {
  return error instanceof Error && /queue is at limit|no task queue available/i.test(error.message);
}

/**
 * Runs one task on a worker. The worker says when it starts, which arms the hard limit; past it the
 * worker is terminated (piscina starts a fresh one) and the caller gets ANALYSIS_INTERRUPTED. The
 * worker's original lookups are answered here, where the database is.
 */
export async function runAnalysisTask<Result>(
  task: DistributiveOmit<AnalysisTask, "port">,
  lookupOriginal?: (sha256: string) => Promise<string | null>,
): Promise<Result> {
  const pool = analysisPool();
  const { port1: port, port2: workerPort } = new MessageChannel();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isSettled = false;
  let isKilled = false;
  port.on("message", (message: WorkerMessage) => {
    if (message.type === "started" && !isSettled) {
      timer = setTimeout(() => {
        isKilled = true;
        controller.abort();
      }, taskLimitMs(task.kind));
    }
    if (message.type === "lookup") void answerLookup(port, message.requestId, message.sha256, lookupOriginal);
  });
  try {
    return (await pool.run({ ...task, port: workerPort }, { transferList: [workerPort], signal: controller.signal })) as Result;
  } catch (error) {
    if (isKilled) throw new AppError("ANALYSIS_INTERRUPTED", "Analyse interrompue : fichier trop complexe.");
    if (isQueueFull(error)) throw new AppError("SERVER_BUSY");
    // A worker that ran out of its memory dies with its task: that file is too complex as well.
    if (error instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|worker exited/i.test(`${(error as { code?: string }).code ?? ""} ${error.message}`)) {
      throw new AppError("ANALYSIS_INTERRUPTED", "Analyse interrompue : fichier trop complexe.");
    }
    throw error;
  } finally {
    isSettled = true;
    clearTimeout(timer);
    port.close();
  }
}

async function answerLookup(
  port: MessagePort, requestId: number, sha256: string, lookupOriginal: ((sha256: string) => Promise<string | null>) | undefined,
): Promise<void> {
  let answer: LookupAnswer;
  try {
    answer = { requestId, conventionId: lookupOriginal ? await lookupOriginal(sha256) : null, failed: false };
  } catch {
    // The analysis sees the same failure as in process: its lookup rejects.
    answer = { requestId, conventionId: null, failed: true };
  }
  try {
    port.postMessage(answer);
  } catch {
    // The task ended (or was killed) while the database answered.
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
