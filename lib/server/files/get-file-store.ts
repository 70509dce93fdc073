import path from "node:path";
import { dataDir, serverEnv } from "@/lib/server/config/env";
import type { FileStore } from "./file-store";
import { LocalFileStore } from "./local-file-store";

type GlobalWithStore = typeof globalThis & { __conventionsFileStore?: FileStore };
const globalForStore = globalThis as GlobalWithStore;

/** The file store chosen once from the environment: UploadThing when configured, a local folder otherwise. */
export async function getFileStore(): Promise<FileStore> {
  if (globalForStore.__conventionsFileStore) return globalForStore.__conventionsFileStore;
  let store: FileStore;
  const env = serverEnv();
  if (env.UPLOADTHING_TOKEN) {
    const { UploadThingFileStore } = await import("./uploadthing-file-store");
    store = new UploadThingFileStore(env.UPLOADTHING_TOKEN);
  } else {
    store = new LocalFileStore(env.FILES_DIR ?? path.join(dataDir(), "files"));
  }
  globalForStore.__conventionsFileStore = store;
  return store;
}

/** Test hook: use this store for the rest of the process. */
export function setFileStoreForTests(store: FileStore | undefined): void {
  globalForStore.__conventionsFileStore = store;
}
