import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { analyzeConventionPdf } from "../lib/core/pdf-analysis/analyze-convention-pdf";

const VERDICTS = new Set(["signed", "signed-then-modified", "altered", "invalid", "unsigned", "unreadable"]);
/** The reason the analysis gives when its own time budget ran out (AnalysisBudget.checkTime). */
const BUDGET_TIME_OUT = /trop de temps/;

export interface FuzzOptions {
  iterations: number;
  seed: number;
  /** Stopwatch limit per file; null leaves time to the analysis budget's own verdict only. */
  maxRunMs: number | null;
  maxRssBytes: number;
  fixtureDirs: string[];
  /** Fixture file names to leave out (e.g. the scans, whose JPEG decoding dominates a short run). */
  exclude?: RegExp;
  onProgress?: (done: number) => void;
}

export interface FuzzFailure {
  iteration: number;
  source: string;
  mutation: string;
  reason: string;
}

export interface FuzzReport {
  iterations: number;
  failures: FuzzFailure[];
  slowestMs: number;
  slowest: string;
  /** Peak resident memory of this whole process (the analysis's own when run alone, as `npm run fuzz` does). */
  peakRssBytes: number;
  verdicts: Record<string, number>;
}

/** Small deterministic PRNG (mulberry32) so a failing iteration can be replayed with the same seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ["obj", "endobj", "stream", "endstream", "xref", "trailer", "startxref", "%%EOF", "<<", ">>", "[", "]", "R", "/Prev", "/Length", "/ByteRange", "/Contents", "/Filter /FlateDecode", "/Type /XRef", "/W [1 4 2]", "9999999999", "-1", "0 0 R", "(", ")", "<", ">"];

function mutate(source: Uint8Array, random: () => number): { bytes: Uint8Array; mutation: string } {
  const pick = (n: number) => Math.floor(random() * n);
  const position = () => pick(source.length);
  const kind = pick(8);
  const copy = Uint8Array.from(source);
  switch (kind) {
    case 0: {
      const count = 1 + pick(16);
      for (let i = 0; i < count; i++) copy[position()] = pick(256);
      return { bytes: copy, mutation: `flip ${count} bytes` };
    }
    case 1: {
      const at = position();
      return { bytes: source.subarray(0, at), mutation: `truncate at ${at}` };
    }
    case 2: {
      const at = position();
      const token = Buffer.from(` ${TOKENS[pick(TOKENS.length)]} `, "latin1");
      return { bytes: new Uint8Array(Buffer.concat([source.subarray(0, at), token, source.subarray(at)])), mutation: `insert token at ${at}` };
    }
    case 3: {
      const at = position();
      const length = pick(4096);
      return { bytes: new Uint8Array(Buffer.concat([source.subarray(0, at), source.subarray(Math.min(source.length, at + length))])), mutation: `delete ${length} at ${at}` };
    }
    case 4: {
      const text = Buffer.from(source).toString("latin1");
      const digits = [...text.matchAll(/\d+/g)];
      if (digits.length === 0) return { bytes: copy, mutation: "none" };
      const match = digits[pick(digits.length)];
      const replacement = String([0, 1, 2 ** 31, 10 ** 12, Number(match[0]) + 1, Number(match[0]) * 1000][pick(6)]);
      const bytes = Buffer.concat([Buffer.from(source.subarray(0, match.index)), Buffer.from(replacement), Buffer.from(source.subarray((match.index ?? 0) + match[0].length))]);
      return { bytes: new Uint8Array(bytes), mutation: `number ${match[0]} -> ${replacement}` };
    }
    case 5: {
      const from = position();
      const length = pick(2048);
      const at = position();
      const chunk = source.subarray(from, Math.min(source.length, from + length));
      return { bytes: new Uint8Array(Buffer.concat([source.subarray(0, at), chunk, source.subarray(at)])), mutation: `duplicate ${length} from ${from} at ${at}` };
    }
    case 6: {
      const at = position();
      const length = pick(512);
      copy.fill(pick(2) ? 0 : 0x20, at, Math.min(copy.length, at + length));
      return { bytes: copy, mutation: `blank ${length} at ${at}` };
    }
    default: {
      const depth = 200 + pick(5000);
      const nested = "[".repeat(depth) + "<<".repeat(depth);
      const at = position();
      return { bytes: new Uint8Array(Buffer.concat([source.subarray(0, at), Buffer.from(nested), source.subarray(at)])), mutation: `nesting ${depth} at ${at}` };
    }
  }
}

function listFixtures(dirs: string[]): string[] {
  return dirs.flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((file) => file.endsWith(".pdf"))
        .map((file) => path.join(dir, file));
    } catch {
      return [];
    }
  });
}

/**
 * Mutates fixture PDFs and checks the analysis never throws, never gives up on time (its budget's
 * verdict, plus an optional stopwatch) and keeps memory bounded.
 */
export async function runFuzzCampaign(options: FuzzOptions): Promise<FuzzReport> {
  const random = createRandom(options.seed);
  const files = listFixtures(options.fixtureDirs).filter(
    (file) => readFileSync(file).length <= 2 * 1024 * 1024 && !options.exclude?.test(path.basename(file)),
  );
  if (files.length === 0) throw new Error("no fixture PDF found");
  const sources = files.map((file) => ({ name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }));
  // One untimed run first: module loading and JIT warm-up are not what the time limit is about.
  await analyzeConventionPdf(sources[0].bytes);
  const report: FuzzReport = { iterations: 0, failures: [], slowestMs: 0, slowest: "", peakRssBytes: 0, verdicts: {} };
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const source = sources[Math.floor(random() * sources.length)];
    const { bytes, mutation } = mutate(source.bytes, random);
    const started = performance.now();
    const fail = (reason: string) => report.failures.push({ iteration, source: source.name, mutation, reason });
    try {
      const analysis = await analyzeConventionPdf(bytes);
      if (!VERDICTS.has(analysis.verdict)) fail(`unknown verdict ${analysis.verdict}`);
      if (analysis.verdict === "unreadable" && analysis.problems.length === 0) fail("unreadable without a reason");
      if (analysis.verdict === "unreadable" && analysis.problems.some((problem) => BUDGET_TIME_OUT.test(problem))) {
        fail("the analysis budget ran out of time");
      }
      JSON.stringify(analysis);
      report.verdicts[analysis.verdict] = (report.verdicts[analysis.verdict] ?? 0) + 1;
    } catch (error) {
      fail(`threw: ${(error as Error).stack ?? String(error)}`);
    }
    const elapsed = performance.now() - started;
    if (elapsed > report.slowestMs) {
      report.slowestMs = elapsed;
      report.slowest = `#${iteration} ${source.name}: ${mutation}`;
    }
    if (options.maxRunMs !== null && elapsed > options.maxRunMs) fail(`took ${Math.round(elapsed)} ms`);
    const rss = process.resourceUsage().maxRSS * 1024;
    report.peakRssBytes = Math.max(report.peakRssBytes, rss);
    if (rss > options.maxRssBytes) fail(`RSS ${Math.round(rss / 1048576)} MB`);
    report.iterations++;
    if (iteration % 500 === 499) options.onProgress?.(iteration + 1);
  }
  return report;
}

export const DEFAULT_FIXTURE_DIRS = ["tests/fixtures/third-party", "tests/fixtures/variants", "tests/fixtures/generated"];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      iterations: { type: "string", default: "1000" },
      seed: { type: "string", default: String(Date.now() % 1_000_000) },
      "max-ms": { type: "string", default: "2000" },
      "max-rss-mb": { type: "string", default: "1024" },
      // Leaves time to the analysis budget's own verdict: the result does not depend on the machine's speed.
      "no-stopwatch": { type: "boolean", default: false },
      exclude: { type: "string" },
    },
    strict: true,
  });
  const options: FuzzOptions = {
    iterations: Number(values.iterations),
    seed: Number(values.seed),
    maxRunMs: values["no-stopwatch"] ? null : Number(values["max-ms"]),
    maxRssBytes: Number(values["max-rss-mb"]) * 1024 * 1024,
    fixtureDirs: DEFAULT_FIXTURE_DIRS.map((dir) => path.join(__dirname, "..", dir)),
    ...(values.exclude ? { exclude: new RegExp(values.exclude) } : {}),
    onProgress: (done) => console.error(`… ${done} itérations`),
  };
  console.error(`Fuzz : ${options.iterations} itérations, graine ${options.seed}`);
  const report = await runFuzzCampaign(options);
  console.log(
    JSON.stringify(
      { ...report, failures: report.failures.slice(0, 20), failureCount: report.failures.length, peakRssMb: Math.round(report.peakRssBytes / 1048576), slowestMs: Math.round(report.slowestMs) },
      null,
      2,
    ),
  );
  return report.failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith("fuzz")) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
