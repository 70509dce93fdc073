import { createHash } from "node:crypto";

/** One stored file as the periodic clean-up sees it: when it was last written (or written again). */
export type StoredFile = { key: string; storedAt: Date };

/**
 * Where PDFs and signature images live. Keys are derived from content, never from user input, so
 * rows with the same bytes share one file: only the periodic clean-up deletes, never a request.
 */
export interface FileStore {
  /** Stores the bytes (or finds them already there, which counts as writing them again) and returns their key. */
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  list(): AsyncIterable<StoredFile>;
  delete(key: string): Promise<void>;
}

export const FILE_KEY_PATTERN = /^sha256-[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
