import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { FILE_KEY_PATTERN, sha256Hex, type FileStore, type StoredFile } from "./file-store";

/** Content-addressed folder: the key is the SHA-256 of the bytes, so the same file is stored once. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!FILE_KEY_PATTERN.test(key)) throw new AppError("NOT_FOUND", "Fichier introuvable.");
    const hex = key.slice("sha256-".length);
    return path.join(this.root, hex.slice(0, 2), hex);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = `sha256-${sha256Hex(bytes)}`;
    const target = this.pathOf(key);
    const exists = await stat(target).then(() => true, () => false);
    if (exists) {
      // Written again: the clean-up counts a file's age from its last write, so a file in use again is never "old".
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      if (await this.has(key)) return key;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
    return key;
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("NOT_FOUND", "Fichier introuvable.");
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then((info) => info.isFile(), () => false);
  }

  async *list(): AsyncIterable<StoredFile> {
    const folders = await readdir(this.root).catch(() => [] as string[]);
    for (const folder of folders) {
      if (!/^[0-9a-f]{2}$/.test(folder)) continue;
      const names = await readdir(path.join(this.root, folder)).catch(() => [] as string[]);
      for (const name of names) {
        const key = `sha256-${name}`;
        if (!FILE_KEY_PATTERN.test(key) || !name.startsWith(folder)) continue;
        const info = await stat(path.join(this.root, folder, name)).catch(() => null);
        if (info?.isFile()) yield { key, storedAt: info.mtime };
      }
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
