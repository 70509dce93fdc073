/**
 * `npm run bench`: every performance figure of the project in one table, each beside the anchor
 * measured in the same run. Bounded: fixed counts, and each part stops by itself.
 *   - generation: documents per CPU-second and bytes per document;
 *   - analysis: a 20 MB scanned-and-signed file and a 3-signature file, beside pdfsig and one SHA-256 pass;
 *   - tabs: render time at 1 000 / 100 000 / 1 000 000 conventions on PostgreSQL (DATABASE_URL, or a
 *     database `conventions_bench` created on 127.0.0.1 when unset);
 *   - follow-up: export of a 100 000-row tab (CSV, XLSX: time, peak memory) and the daily reminders over 100 000 conventions;
 *   - visual: render + compare a two-page convention against its original (PDFium, 100 dpi), beside pdftoppm -r 100;
 *   - deposit: 20 concurrent uploads of 1 MB signed conventions to `next start` on loopback;
 *   - load: the same on PostgreSQL through the analysis pool, with hostile files in flight, and on two servers.
 * `--only generation,analysis` runs a subset.
 */
import { execFileSync } from "node:child_process";

// Measure what a production server runs: React and Next pick their builds from NODE_ENV.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
import { parseArgs } from "node:util";

type Row = { part: string; name: string; value: number | string; unit: string; anchor?: string; ratio?: number | string; target: string };

const { values } = parseArgs({ options: { only: { type: "string" } } });
const selected = values.only ? new Set(values.only.split(",")) : null;

function ensureBenchDatabase(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const url = "postgres://postgres@127.0.0.1:5432/conventions_bench";
  try {
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE conventions_bench"], { stdio: "pipe" });
  } catch {
    // Already there from an earlier run: the million rows are kept between runs on purpose.
  }
  return url;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const started = Date.now();
  const parts: Array<[string, () => Promise<Row[]>]> = [
    ["generation", async () => {
      const { benchGeneration } = await import("./bench-generation");
      return (await benchGeneration()).map((row) => ({ part: "génération", ...row }));
    }],
    ["analysis", async () => {
      const { runAnalysisBenchmark } = await import("./bench-analysis");
      return (await runAnalysisBenchmark()).map((row) => ({
        part: "analyse", name: row.name, value: row.value, unit: row.unit, anchor: row.anchor, ratio: row.ratio, target: row.target === null ? "" : `<= ${row.target}×`,
      }));
    }],
    ["tabs", async () => {
      const url = ensureBenchDatabase();
      const previous = process.env.DATABASE_URL;
      process.env.DATABASE_URL = url;
      try {
        const { benchTabs } = await import("./bench-tabs");
        return (await benchTabs()).map((row) => ({ part: "onglets", ...row }));
      } finally {
        if (previous === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previous;
      }
    }],
    ["follow-up", async () => {
      const url = ensureBenchDatabase();
      const previous = process.env.DATABASE_URL;
      process.env.DATABASE_URL = url;
      try {
        const { benchFollowUp } = await import("./bench-follow-up");
        return (await benchFollowUp()).map((row) => ({ part: "suivi", ...row }));
      } finally {
        if (previous === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previous;
      }
    }],
    ["visual", async () => {
      const { benchVisualComparison } = await import("./bench-visual-comparison");
      return (await benchVisualComparison()).map((row) => ({ part: "comparaison", ...row }));
    }],
    ["deposit", async () => {
      const { benchDeposit } = await import("./bench-deposit");
      return (await benchDeposit()).map((row) => ({ part: "dépôt", ...row }));
    }],
    ["load", async () => {
      const { benchDepositLoad } = await import("./bench-deposit-load");
      return (await benchDepositLoad()).map((row) => ({ part: "charge", ...row }));
    }],
  ];
  for (const [key, run] of parts) {
    if (selected && !selected.has(key)) continue;
    const partStarted = Date.now();
    try {
      rows.push(...(await run()));
    } catch (error) {
      rows.push({ part: key, name: "échec de la mesure", value: error instanceof Error ? error.message.split("\n")[0] : String(error), unit: "", target: "" });
    }
    console.error(`[bench] ${key} : ${((Date.now() - partStarted) / 1000).toFixed(0)} s`);
  }
  const date = new Date().toISOString().slice(0, 10);
  console.log(`\nMesures du ${date} (${Math.round((Date.now() - started) / 1000)} s au total)\n`);
  console.log("| partie | mesure | valeur | repère | rapport | cible |");
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) {
    const ratio = typeof row.ratio === "number" ? `${row.ratio.toFixed(2)}×` : row.ratio ?? "";
    console.log(`| ${row.part} | ${row.name} | ${row.value} ${row.unit} | ${row.anchor ?? ""} | ${ratio} | ${row.target} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
