import { getDb } from "@/db/client";
import { isJobLeader } from "@/lib/server/jobs/is-job-leader";
import { getFileStore } from "./get-file-store";
import { removeUnreferencedFiles } from "./remove-unreferenced-files";

export const FILE_CLEANUP_INTERVAL_MS = 60 * 60_000;

type GlobalWithCleanup = typeof globalThis & { __conventionsFileCleanupTimer?: ReturnType<typeof setInterval>; __conventionsFileCleanupRunning?: boolean };
const globalForCleanup = globalThis as GlobalWithCleanup;

/** Runs the clean-up once, on the one server leading the job; never throws (a failure is logged and the next hour tries again). */
export async function runFileCleanup(): Promise<void> {
  if (globalForCleanup.__conventionsFileCleanupRunning) return;
  globalForCleanup.__conventionsFileCleanupRunning = true;
  try {
    const db = await getDb();
    if (!(await isJobLeader(db, "file-cleanup"))) return;
    const report = await removeUnreferencedFiles(db, { store: await getFileStore() });
    if (report.removed > 0) console.info(`Fichiers : ${report.removed} fichier(s) sans référence supprimé(s).`);
  } catch (error) {
    console.error("Stored file clean-up failed", error);
  } finally {
    globalForCleanup.__conventionsFileCleanupRunning = false;
  }
}

/**
 * Every hour, files no row points at for 24 h go. One server of N runs it (isJobLeader); even run
 * twice, each file's check-and-delete holds that file's database lock, so nothing more is deleted.
 */
export function startFileCleanupInterval(intervalMs = FILE_CLEANUP_INTERVAL_MS): void {
  if (globalForCleanup.__conventionsFileCleanupTimer) return;
  globalForCleanup.__conventionsFileCleanupTimer = setInterval(() => void runFileCleanup(), intervalMs);
  globalForCleanup.__conventionsFileCleanupTimer.unref?.();
}
