import { createHash } from "node:crypto";

/** Where PDFs and signature images live. Keys are derived from content, never from user input. */
export interface FileStore {
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  get(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
