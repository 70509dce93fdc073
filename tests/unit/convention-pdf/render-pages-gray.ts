import { readdirSync } from "node:fs";
import path from "node:path";
import { runTool } from "./run-tool";

/** Renders every page to a grey PNG with pdftoppm; returns the files in page order. */
export function renderPagesGray(pdfPath: string, outDir: string, dpi: number): string[] {
  const prefix = path.join(outDir, `${path.basename(pdfPath, ".pdf")}-${dpi}`);
  const result = runTool("pdftoppm", ["-r", String(dpi), "-gray", "-png", pdfPath, prefix]);
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  const base = path.basename(prefix);
  const pageNumberOf = (fileName: string) => Number(/-(\d+)\.png$/.exec(fileName)?.[1] ?? 0);
  return readdirSync(outDir)
    .filter((name) => name.startsWith(`${base}-`) && name.endsWith(".png"))
    .sort((a, b) => pageNumberOf(a) - pageNumberOf(b))
    .map((name) => path.join(outDir, name));
}
