import type { Db } from "@/db/client";
import { countFileKeyReferences } from "@/db/queries/deposits";
import { lockFileKeyForRemoval } from "@/db/queries/file-key-locks";
import type { FileStore } from "./file-store";

/** A file no row points at is kept this long: time for the request that stored it to commit its row. */
export const UNREFERENCED_FILE_GRACE_MS = 24 * 60 * 60_000;

export type CleanupReport = { checked: number; removed: number };

/**
 * The one place stored files are deleted. A file goes when no row points at it and it was last
 * written more than 24 h ago; the check and the deletion hold the file's lock, so a deposit
 * recording a row for the same bytes waits, then finds the file gone and stores it again.
 */
export async function removeUnreferencedFiles(
  db: Db,
  { store, now = new Date(), graceMs = UNREFERENCED_FILE_GRACE_MS }: { store: FileStore; now?: Date; graceMs?: number },
): Promise<CleanupReport> {
  const report: CleanupReport = { checked: 0, removed: 0 };
  const cutoff = now.getTime() - graceMs;
  for await (const file of store.list()) {
    if (file.storedAt.getTime() > cutoff) continue;
    report.checked += 1;
    const isRemoved = await db.transaction(async (tx) => {
      await lockFileKeyForRemoval(tx, file.key);
      if ((await countFileKeyReferences(tx, file.key)) > 0) return false;
      await store.delete(file.key);
      return true;
    });
    if (isRemoved) report.removed += 1;
  }
  return report;
}
