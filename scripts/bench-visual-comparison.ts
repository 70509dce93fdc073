import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareWithOriginal } from "../lib/server/visual-comparison";
import { heapOf, loadPdfium } from "../lib/server/visual-comparison/load-pdfium";

export interface VisualBenchRow {
  name: string;
  value: number | string;
  unit: string;
  anchor?: string;
  ratio?: number;
  target: string;
}

const ROOT = path.join(__dirname, "..");
const ORIGINAL = path.join(ROOT, "tests/fixtures/generated/convention-sample.pdf");
/** The signed two-page convention with a date painted over page 1 after signing. */
const DEPOSITED = path.join(ROOT, "tests/fixtures/visual-comparison/signed-then-date-overlay.pdf");
const RUNS = 15;
const POPPLER_RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** `pdftoppm -r 100` on both files, whole processes, as a person would run it. */
function measurePdftoppm(): number | null {
  const out = mkdtempSync(path.join(os.tmpdir(), "bench-pdftoppm-"));
  try {
    const times: number[] = [];
    for (let run = 0; run < POPPLER_RUNS; run++) {
      const started = performance.now();
      for (const [file, prefix] of [[ORIGINAL, "o"], [DEPOSITED, "d"]]) {
        const result = spawnSync("pdftoppm", ["-r", "100", file, path.join(out, prefix)], { stdio: "ignore" });
        if (result.error || result.status !== 0) return null;
      }
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Render + compare of a two-page convention against its original in process (PDFium already
 * loaded, as in a running server), beside pdftoppm rendering the same two files at 100 dpi.
 */
export async function benchVisualComparison(): Promise<VisualBenchRow[]> {
  const original = new Uint8Array(readFileSync(ORIGINAL));
  const deposited = new Uint8Array(readFileSync(DEPOSITED));
  const rssBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  await loadPdfium();
  const loadMs = performance.now() - loadStarted;
  const first = await compareWithOriginal(original, deposited);
  if (first.status !== "changed") throw new Error(`comparaison inattendue : ${first.status} ${first.reason ?? ""}`);
  const times: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await compareWithOriginal(original, deposited);
    times.push(performance.now() - started);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const ours = median(times);
  const poppler = measurePdftoppm();
  const wasmHeap = heapOf(await loadPdfium()).length;
  return [
    {
      name: "comparaison visuelle en processus, convention de 2 pages contre l'original (rendu PDFium 100 dpi + pixelmatch)",
      value: Number(ours.toFixed(1)),
      unit: "ms",
      anchor: poppler === null ? "pdftoppm absent" : `pdftoppm -r 100 sur les deux fichiers : ${poppler.toFixed(1)} ms`,
      ratio: poppler === null ? undefined : ours / poppler,
      target: "<= 300 ms",
    },
    {
      name: "chargement de PDFium (WebAssembly), une fois par processus",
      value: Number(loadMs.toFixed(0)),
      unit: "ms",
      target: "",
    },
    {
      name: "mémoire de pointe pendant les comparaisons",
      value: megabytes(peakRss),
      unit: "Mo (RSS du processus)",
      anchor: `avant PDFium : ${megabytes(rssBefore)} Mo ; tas WebAssembly de PDFium : ${megabytes(wasmHeap)} Mo (plafond 384 Mo)`,
      target: "",
    },
  ];
}
