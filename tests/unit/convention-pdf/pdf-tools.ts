import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";

export type ToolResult = { status: number | null; stdout: string; stderr: string };

/** Runs a command-line tool (poppler, qpdf) and returns its exit status and output, never throwing. */
export function runTool(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Renders every page to a grey PNG with pdftoppm; returns the files in page order. */
export function renderPagesGray(pdfPath: string, outDir: string, dpi: number): string[] {
  const prefix = path.join(outDir, `${path.basename(pdfPath, ".pdf")}-${dpi}`);
  const result = runTool("pdftoppm", ["-r", String(dpi), "-gray", "-png", pdfPath, prefix]);
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  const base = path.basename(prefix);
  return readdirSync(outDir)
    .filter((name) => name.startsWith(`${base}-`) && name.endsWith(".png"))
    .sort((a, b) => pageNumberOf(a) - pageNumberOf(b))
    .map((name) => path.join(outDir, name));
}

/** Decodes the QR code found in a rendered page, or null. */
export function decodeQrCode(pngPath: string): string | null {
  const png = PNG.sync.read(readFileSync(pngPath));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  return jsQR(pixels, png.width, png.height, { inversionAttempts: "dontInvert" })?.data ?? null;
}

function pageNumberOf(fileName: string): number {
  return Number(/-(\d+)\.png$/.exec(fileName)?.[1] ?? 0);
}
