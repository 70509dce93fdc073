import type { DbOrTx } from "@/db/client";
import { countFileKeyReferences } from "@/db/queries/deposits";
import type { FileStore } from "./file-store";
import { getFileStore } from "./get-file-store";

/**
 * Stored files are keyed by their content hash and shared by every row with the same bytes (an
 * original, a deposit, a school's signature image): one is deleted only once no row points at it.
 * A clean-up that fails is logged, never thrown over the error or result of what called it.
 */
export async function deleteFileIfUnreferenced(db: DbOrTx, fileKey: string, store?: FileStore): Promise<void> {
  try {
    if ((await countFileKeyReferences(db, fileKey)) === 0) await (store ?? (await getFileStore())).delete(fileKey);
  } catch (error) {
    console.error("Could not remove an unreferenced stored file", { fileKey }, error);
  }
}
