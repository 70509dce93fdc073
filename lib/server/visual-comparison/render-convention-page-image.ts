import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { DbOrTx } from "@/db/client";
import { findConventionFile } from "@/db/queries/convention-file";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { dataDir } from "@/lib/server/config/env";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { encodePng } from "./encode-png";
import { ComparisonImpossibleError, withPdfiumDocuments } from "./pdfium-document";
import { renderPdfPage } from "./render-pdf-page";
import { COMPARISON_DPI, MAX_COMPARED_PAGES } from "./visual-comparison-types";

export interface PageImageRequest {
  conventionId: string;
  version?: "original" | "current";
  depositId?: string;
  /** 1-based. */
  page: number;
  dpi?: number;
}

/** Page images are served at the comparison's resolution only: one cached file per (file, page). */
const ALLOWED_DPI = new Set([COMPARISON_DPI]);
const RENDER_TIME_BUDGET_MS = 5000;

function cachePathOf(sha256: string, page: number, dpi: number): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError("NOT_FOUND", "Fichier introuvable.");
  return path.join(dataDir(), "page-images", sha256.slice(0, 2), `${sha256}-p${page}-${dpi}dpi.png`);
}

async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, target);
}

/**
 * One page of a convention's file (the original, the current deposit or a given deposit) as a PNG
 * at 100 dpi, rendered by PDFium as in the comparison. Read through the actor's school like the
 * Conv. PDF (another school's convention is "not found"); cached by (file hash, page, dpi).
 */
export async function renderConventionPageImage(db: DbOrTx, actor: Actor, request: PageImageRequest): Promise<{ png: Uint8Array; etag: string }> {
  const dpi = request.dpi ?? COMPARISON_DPI;
  if (!Number.isInteger(request.page) || request.page < 1 || request.page > MAX_COMPARED_PAGES || !ALLOWED_DPI.has(dpi)) {
    throw new AppError("INVALID_INPUT", "Page ou résolution invalide.");
  }
  const file = await findConventionFile(db, actor, request.conventionId, { version: request.version, depositId: request.depositId });
  if (!file) throw new AppError("CONVENTION_NOT_FOUND");
  const cachePath = cachePathOf(file.sha256, request.page, dpi);
  const etag = `"${file.sha256}-p${request.page}-${dpi}"`;
  const cached = await readFile(cachePath).catch(() => null);
  if (cached) return { png: new Uint8Array(cached), etag };

  const bytes = await (await getFileStore()).get(file.fileKey).catch(() => null);
  if (!bytes) throw new AppError("NOT_FOUND", "Le fichier de cette convention est introuvable.");
  const deadline = performance.now() + RENDER_TIME_BUDGET_MS;
  let rendered;
  try {
    rendered = await withPdfiumDocuments([{ bytes, label: file.kind === "original" ? "d'origine" : "déposé" }], ([document]) => {
      if (request.page > document.pageCount) return null;
      return renderPdfPage(document, request.page - 1, dpi, deadline).page;
    });
  } catch (error) {
    if (error instanceof ComparisonImpossibleError) throw new AppError("PDF_UNREADABLE", `Affichage impossible : ${error.reason}.`);
    throw error;
  }
  if (!rendered) throw new AppError("NOT_FOUND", "Cette page n'existe pas dans ce fichier.");
  const png = await encodePng(rendered);
  await writeAtomically(cachePath, png).catch((error: unknown) => console.error("Page image cache write failed", error));
  return { png: new Uint8Array(png), etag };
}
