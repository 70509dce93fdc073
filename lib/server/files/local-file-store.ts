import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { sha256Hex, type FileStore } from "./file-store";

const KEY_PATTERN = /^sha256-[0-9a-f]{64}$/;

/** Content-addressed folder: the key is the SHA-256 of the bytes, so the same file is stored once. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new AppError("NOT_FOUND", "Fichier introuvable.");
    const hex = key.slice("sha256-".length);
    return path.join(this.root, hex.slice(0, 2), hex);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = `sha256-${sha256Hex(bytes)}`;
    const target = this.pathOf(key);
    const exists = await stat(target).then(() => true, () => false);
    if (exists) return key;
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

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
