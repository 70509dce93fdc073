import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";

const DPI = 150;

/**
 * What a photocopier gives back for a printed convention: every page rasterised in grey at 150 dpi
 * and wrapped as JPEG images in a new PDF, with no text layer and none of the original objects.
 */
export async function scanPdf(pdf: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-scan-"));
  try {
    writeFileSync(path.join(dir, "in.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(DPI), "-gray", "-jpeg", "in.pdf", "page"], { cwd: dir, stdio: "pipe" });
    const pages = readdirSync(dir).filter((name) => name.startsWith("page") && name.endsWith(".jpg")).sort();
    if (pages.length === 0) throw new Error("pdftoppm n'a produit aucune page.");
    const scan = await PDFDocument.create();
    for (const name of pages) {
      const image = await scan.embedJpg(readFileSync(path.join(dir, name)));
      const width = (image.width * 72) / DPI;
      const height = (image.height * 72) / DPI;
      scan.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
    }
    return await scan.save();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
