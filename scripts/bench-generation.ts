import { cpus, loadavg } from "node:os";
import { buildSampleConventionInput } from "../lib/core/convention-pdf/build-sample-convention-input";
import { generateConventionPdf } from "../lib/core/convention-pdf/generate-convention-pdf";
import { readConventionFonts } from "../lib/server/conventions/read-convention-fonts";

export type BenchRow = { name: string; value: number; unit: string; target: string };

type Scenario = { label: string; withStamps: boolean };

const scenarios: Scenario[] = [
  { label: "sans signature apposée", withStamps: false },
  { label: "avec les deux signatures apposées", withStamps: true },
];

/**
 * Convention generation throughput on one core and size per document, with and without stamped
 * signature images. Documents are generated one after the other on this process's single JS thread;
 * throughput is counted per second of CPU time (user + system), which a busy machine inflates less
 * than wall-clock time.
 */
export async function benchGeneration(options: { documents?: number } = {}): Promise<BenchRow[]> {
  const documents = options.documents ?? 400;
  const rows: BenchRow[] = [];
  for (const scenario of scenarios) {
    // Warm-up: font parsing, JIT, caches; excluded from the measure.
    for (let index = 0; index < 20; index++) await generateConventionPdf(inputFor(index, scenario), readConventionFonts());
    let totalBytes = 0;
    const cpuStart = process.cpuUsage();
    for (let index = 0; index < documents; index++) {
      totalBytes += (await generateConventionPdf(inputFor(index, scenario), readConventionFonts())).length;
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    rows.push(
      {
        name: `Génération de conventions, ${scenario.label}`,
        value: round(documents / cpuSeconds),
        unit: "documents/s (1 cœur)",
        target: ">= 100",
      },
      {
        name: `Taille d'une convention, ${scenario.label}`,
        value: Math.round(totalBytes / documents),
        unit: "octets",
        target: "<= 81920",
      },
    );
  }
  return rows;
}

function inputFor(index: number, scenario: Scenario) {
  // A different id per document, as in production (the QR code and footers change with it).
  const suffix = index.toString(16).padStart(12, "0");
  return buildSampleConventionInput({ conventionId: `7c9e6679-7425-40de-944b-${suffix}`, withStamps: scenario.withStamps });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (require.main === module) {
  benchGeneration().then(
    (rows) => {
      console.table(rows);
      console.log(`Charge moyenne de la machine pendant la mesure : ${loadavg()[0].toFixed(1)} (${cpus().length} cœurs)`);
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
