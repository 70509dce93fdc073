import { UTApi, UTFile } from "uploadthing/server";
import { AppError } from "@/lib/core/errors";
import { FILE_KEY_PATTERN, sha256Hex, type FileStore, type StoredFile } from "./file-store";

/**
 * UploadThing behind the same interface: the SHA-256 key is the file's customId, so keys stay
 * content-derived and a second upload of the same bytes is recognised instead of duplicated.
 */
export class UploadThingFileStore implements FileStore {
  private readonly api: UTApi;

  constructor(token: string) {
    this.api = new UTApi({ token });
  }

  async put(bytes: Uint8Array, contentType: string): Promise<string> {
    const key = `sha256-${sha256Hex(bytes)}`;
    const existing = await this.api.getFileUrls(key, { keyType: "customId" }).catch(() => null);
    if (existing && existing.data.length > 0) return key;
    const file = new UTFile([bytes as BlobPart], `${key}.${contentType === "application/pdf" ? "pdf" : "bin"}`, {
      type: contentType,
      customId: key,
    });
    const result = await this.api.uploadFiles(file, { acl: "private" });
    if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
    return key;
  }

  async get(key: string): Promise<Uint8Array> {
    const { ufsUrl } = await this.api.getSignedURL(key, { keyType: "customId", expiresIn: 60 });
    const response = await fetch(ufsUrl);
    if (!response.ok) throw new AppError("NOT_FOUND", "Fichier introuvable.");
    return new Uint8Array(await response.arrayBuffer());
  }

  async has(key: string): Promise<boolean> {
    const found = await this.api.getFileUrls(key, { keyType: "customId" });
    return found.data.length > 0;
  }

  async *list(): AsyncIterable<StoredFile> {
    const pageSize = 500;
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.api.listFiles({ limit: pageSize, offset });
      for (const file of page.files) {
        if (file.customId && FILE_KEY_PATTERN.test(file.customId) && file.status === "Uploaded") {
          yield { key: file.customId, storedAt: new Date(file.uploadedAt) };
        }
      }
      if (!page.hasMore) return;
    }
  }

  async delete(key: string): Promise<void> {
    await this.api.deleteFiles(key, { keyType: "customId" });
  }
}
