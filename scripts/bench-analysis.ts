import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { createHash, webcrypto } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import jpeg from "jpeg-js";
import * as pkijs from "pkijs";
import { analyzeConventionPdf } from "../lib/core/pdf-analysis/analyze-convention-pdf";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, and its measure. */
  anchor: string;
  ratio: number;
  /** Highest acceptable ratio; null where the issue sets none (the whole process of the small file). */
  target: number | null;
}

const ROOT = path.join(__dirname, "..");
const CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const CONTENTS_SIZE = 16384;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}


/** A noisy grey page, like a 200 dpi scan: JPEG barely compresses it, which is what makes scans heavy. */
function makeScanJpeg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let seed = 12345;
  for (let i = 0; i < width * height; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const value = 200 + ((seed >>> 16) % 56);
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = value;
    data[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 92).data;
}

/**
 * Builds a scanned convention of about `targetBytes` with an OCR-like text layer, then signs it the way
 * Acrobat or pdfsig would: an incremental update appended after the scan's bytes.
 */
export async function makeScannedSignedPdf(targetBytes: number): Promise<Uint8Array> {
  const [width, height] = [1654, 2339];
  const image = makeScanJpeg(width, height);
  const pageCount = Math.max(1, Math.floor((targetBytes - 64 * 1024) / (image.length + 1024)));
  const chunks: Buffer[] = [];
  let offsets = new Map<number, number>();
  let length = 0;
  const write = (part: string | Buffer) => {
    const buffer = typeof part === "string" ? Buffer.from(part, "latin1") : part;
    chunks.push(buffer);
    length += buffer.length;
  };
  const object = (num: number, body: string | Buffer[]) => {
    offsets.set(num, length);
    write(`${num} 0 obj\n`);
    if (typeof body === "string") write(body);
    else body.forEach(write);
    write("\nendobj\n");
  };
  const writeXref = (size: number, prev: number | null): number => {
    const start = length;
    let xref = "xref\n0 1\n0000000000 65535 f \n";
    for (const [num, offset] of [...offsets.entries()].sort((a, b) => a[0] - b[0])) {
      xref += `${num} 1\n${String(offset).padStart(10, "0")} 00000 n \n`;
    }
    write(`${xref}trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R${prev === null ? "" : ` /Prev ${prev}`} >>\nstartxref\n${start}\n%%EOF\n`);
    return start;
  };
  const pageNums = Array.from({ length: pageCount }, (_, i) => 10 + i * 3);
  const size = pageNums[pageNums.length - 1] + 3;
  const pageDict = (pageNum: number, extra: string) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${pageNum + 2} 0 R >> >> /Contents ${pageNum + 1} 0 R${extra} >>`;
  write("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  object(1, `<< /Type /Catalog /Pages 2 0 R >>`);
  object(2, `<< /Type /Pages /Count ${pageCount} /Kids [${pageNums.map((n) => `${n} 0 R`).join(" ")}] >>`);
  object(3, `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>`);
  object(4, `<< /Title (Convention de mini-stage) /ConventionId (${CONVENTION_ID}) /Producer (scanner) >>`);
  pageNums.forEach((pageNum, index) => {
    const text = `BT 3 Tr /F1 8 Tf 40 30 Td (Convention n\xb0 ${CONVENTION_ID} \x97 page ${index + 1}/${pageCount}) Tj ET\nq 595 0 0 842 0 0 cm /Im0 Do Q`;
    object(pageNum, pageDict(pageNum, ""));
    object(pageNum + 1, [Buffer.from(`<< /Length ${text.length} >>\nstream\n`, "latin1"), Buffer.from(text, "latin1"), Buffer.from("\nendstream", "latin1")]);
    object(pageNum + 2, [
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${image.length} >>\nstream\n`, "latin1"),
      image,
      Buffer.from("\nendstream", "latin1"),
    ]);
  });
  const firstXref = writeXref(size, null);

  offsets = new Map();
  object(1, `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>`);
  object(5, `<< /FT /Sig /T (Signature_Accueil) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${pageNums[0]} 0 R /V 6 0 R >>`);
  const byteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]";
  const sigDictStart = length;
  offsets.set(6, length);
  write(`6 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ${byteRangePlaceholder} /Contents `);
  const contentsStart = length;
  write(`<${"0".repeat(CONTENTS_SIZE * 2)}>`);
  const contentsEnd = length;
  write(` /M (D:20261129120000Z) >>\nendobj\n`);
  object(pageNums[0], pageDict(pageNums[0], " /Annots [5 0 R]"));
  writeXref(size, firstXref);

  const pdf = Buffer.concat(chunks);
  const byteRange = `/ByteRange [0 ${contentsStart} ${contentsEnd} ${pdf.length - contentsEnd}]`.padEnd(byteRangePlaceholder.length, " ");
  pdf.write(byteRange, pdf.indexOf(byteRangePlaceholder, sigDictStart, "latin1"), "latin1");
  const digest = createHash("sha256").update(pdf.subarray(0, contentsStart)).update(pdf.subarray(contentsEnd)).digest();
  const cms = await signDigest(digest);
  pdf.write(cms.toString("hex"), contentsStart + 1, "latin1");
  return new Uint8Array(pdf);
}

async function signDigest(digest: Buffer): Promise<Buffer> {
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  pkijs.setEngine("bench", new pkijs.CryptoEngine({ name: "bench", crypto }));
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Secrétariat du lycée (banc d'essai)",
    notBefore: new Date("2026-01-01"),
    notAfter: new Date("2028-01-01"),
    keys,
    signingAlgorithm: algorithm,
  });
  const pkiCertificate = pkijs.Certificate.fromBER(certificate.rawData);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: pkiCertificate.issuer, serialNumber: pkiCertificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
            new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [pkiCertificate],
  });
  await signedData.sign(keys.privateKey, 0, "SHA-256");
  const contentInfo = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}

/** Wall time each measured series may take: keeps the whole benchmark bounded on a loaded machine. */
const SERIES_BUDGET_MS = 8000;

interface Series {
  median: number;
  best: number;
  rounds: number;
}

/**
 * Runs the given measures in turn, `repeat` rounds (fewer once the time budget is spent, at least
 * `minimum`), so that every measure sees the same machine load; returns each measure's median and best.
 */
async function interleaved(measures: Array<() => Promise<number> | number>, repeat: number, minimum = 3): Promise<Series[]> {
  const times: number[][] = measures.map(() => []);
  const started = performance.now();
  for (let round = 0; round < repeat; round++) {
    if (round >= minimum && performance.now() - started > SERIES_BUDGET_MS) break;
    for (let i = 0; i < measures.length; i++) times[i].push(await measures[i]());
  }
  return times.map((series) => ({ median: median(series), best: Math.min(...series), rounds: series.length }));
}

/** The median is the value; the best round (least disturbed by other processes) is given alongside. */
function describe(anchorName: string, anchor: Series, measured: Series): string {
  return `${anchorName}, mêmes ${anchor.rounds} tours : médiane ${round(anchor.median)} ms (meilleurs tours : ${round(measured.best)} / ${round(anchor.best)} ms = ${round(measured.best / anchor.best)})`;
}

function timedProcess(command: string, args: string[], env?: NodeJS.ProcessEnv): () => number {
  return () => {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: "pipe", maxBuffer: 64 * 1024 * 1024, env: env ?? process.env });
    const elapsed = performance.now() - started;
    if (result.error || (result.status !== 0 && command !== "pdfsig")) throw new Error(`${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr.toString().slice(0, 300)}`);
    return elapsed;
  };
}

const CLI = path.join(ROOT, "scripts/analyze.cjs");
/** Reports the peak RSS of the process it is loaded into, on stderr, at exit. */
const REPORT_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\npeak-rss="+process.resourceUsage().maxRSS*1024+"\\n"))`;

/** Peak RSS (bytes) of the CLI process analysing the file, exactly as `node scripts/analyze.cjs FILE` runs. */
function peakRss(file: string): number {
  const result = spawnSync(process.execPath, ["--import", REPORT_RSS, CLI, file], { cwd: ROOT, stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
  const match = /peak-rss=(\d+)/.exec(result.stderr.toString());
  return match ? Number(match[1]) : Number.NaN;
}

/** The command `npm run analyze` runs, as package.json declares it (without npm's own start-up). */
function configuredAnalyzeCommand(file: string): { label: string; command: string; args: string[] } | null {
  const script: string | undefined = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts?.analyze;
  if (!script) return null;
  const [runner, ...rest] = script.split(/\s+/);
  const bin = runner === "node" ? process.execPath : path.join(ROOT, "node_modules/.bin", runner);
  if (runner !== "node" && !existsSync(bin)) return null;
  return { label: script, command: bin, args: [...rest, file] };
}

async function benchFile(label: string, bytes: Uint8Array, file: string, repeat: number, options: { processTargets: boolean }): Promise<BenchRow[]> {
  const processTarget = options.processTargets ? 1.0 : null;
  const rows: BenchRow[] = [];
  await analyzeConventionPdf(bytes);
  const [sha, inProcess] = await interleaved(
    [
      () => {
        const started = performance.now();
        createHash("sha256").update(bytes).digest();
        return performance.now() - started;
      },
      async () => {
        const started = performance.now();
        await analyzeConventionPdf(bytes);
        return performance.now() - started;
      },
    ],
    repeat * 2,
    5,
  );
  rows.push({ name: `analyse en processus, ${label}`, value: round(inProcess.median), unit: "ms", anchor: describe("une passe SHA-256", sha, inProcess), ratio: round(inProcess.median / sha.median), target: options.processTargets ? 1.5 : null });

  const hasPdfsig = spawnSync("pdfsig", ["-v"], { stdio: "pipe" }).error === undefined;
  const fileArg = JSON.stringify(file);
  const measures = [
    timedProcess(process.execPath, [CLI, file]),
    // What no Node program can go below: start Node, read the file, hash it once.
    timedProcess(process.execPath, ["-e", `require("crypto").createHash("sha256").update(require("fs").readFileSync(${fileArg})).digest()`]),
    // Node starting and stopping with nothing to do: the part of any Node process no code can shorten.
    timedProcess(process.execPath, ["-e", ""]),
    ...(hasPdfsig ? [timedProcess("pdfsig", ["-nocert", file])] : []),
  ];
  const absent: Series = { median: Number.NaN, best: Number.NaN, rounds: 0 };
  const [cli, floor, emptyNode, pdfsig = absent] = await interleaved(measures, repeat);
  const against = (measured: Series) => (hasPdfsig ? describe("pdfsig", pdfsig, measured) : "pdfsig absent");
  rows.push({ name: `processus complet, node scripts/analyze.cjs (CLI compilé), ${label}`, value: round(cli.median), unit: "ms", anchor: against(cli), ratio: round(cli.median / pdfsig.median), target: processTarget });
  rows.push({
    name: `plancher Node : démarrer, lire le fichier, une passe SHA-256, ${label}`,
    value: round(floor.median),
    unit: "ms",
    anchor: against(floor),
    ratio: round(floor.median / pdfsig.median),
    target: processTarget,
  });

  rows.push({
    name: `Node seul : démarrer et s'arrêter sans rien faire (node -e ""), mesuré avec le fichier ${label}`,
    value: round(emptyNode.median),
    unit: "ms",
    anchor: against(emptyNode),
    ratio: round(emptyNode.median / pdfsig.median),
    target: null,
  });

  rows.push({
    name: `CLI au-delà du démarrage de Node (CLI compilé − node -e ""), ${label}`,
    value: round(cli.median - emptyNode.median),
    unit: "ms",
    anchor: against(cli),
    ratio: round((cli.median - emptyNode.median) / pdfsig.median),
    target: processTarget,
  });

  const configured = configuredAnalyzeCommand(file);
  if (configured && !(configured.command === process.execPath && configured.args[0]?.endsWith("analyze.cjs"))) {
    // The command package.json declares today, if it is not the compiled CLI: slow (tsx), so measured briefly.
    const [configuredRun] = await interleaved([timedProcess(configured.command, configured.args)], 2, 1);
    rows.push({
      name: `processus complet, npm run analyze tel que déclaré (${configured.label}), ${label}`,
      value: round(configuredRun.median),
      unit: "ms",
      anchor: hasPdfsig ? `pdfsig (tours précédents) : médiane ${round(pdfsig.median)} ms` : "pdfsig absent",
      ratio: round(configuredRun.median / pdfsig.median),
      target: processTarget,
    });
  }

  const rss = peakRss(file);
  const budget = 2 * bytes.length + 100 * 1024 * 1024;
  rows.push({ name: `mémoire de pointe, processus CLI compilé, ${label}`, value: round(rss / 1048576), unit: "Mo", anchor: `2 × taille + 100 Mo : ${round(budget / 1048576)} Mo`, ratio: round(rss / budget), target: 1.0 });
  return rows;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The generated scan is slow to make (JPEG encoding, RSA key): kept between runs, checked on every use. */
const SCAN_CACHE = path.join(ROOT, "node_modules/.cache/conventions-analyze/bench-scan-signe-20mo.pdf");

async function scannedSignedFile(): Promise<{ bytes: Uint8Array; file: string }> {
  if (existsSync(SCAN_CACHE)) {
    const bytes = new Uint8Array(readFileSync(SCAN_CACHE));
    if ((await analyzeConventionPdf(bytes)).verdict === "signed") return { bytes, file: SCAN_CACHE };
  }
  const bytes = await makeScannedSignedPdf(20 * 1024 * 1024);
  const analysis = await analyzeConventionPdf(bytes);
  if (analysis.verdict !== "signed") throw new Error(`the generated scan should be signed, got ${analysis.verdict}: ${analysis.problems.join(" ")}`);
  mkdirSync(path.dirname(SCAN_CACHE), { recursive: true });
  const temporary = `${SCAN_CACHE}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, SCAN_CACHE);
  return { bytes, file: SCAN_CACHE };
}

/**
 * A generated convention signed in its own fields, analysed on the road to automatic recognition
 * (its original known to the store), against a fixed target in milliseconds.
 */
async function benchAutomaticRoad(label: string, file: string, targetMs: number, repeat: number): Promise<BenchRow> {
  const bytes = new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/generated", file)));
  const original = createHash("sha256").update(readFileSync(path.join(ROOT, "tests/fixtures/generated/convention-sample.pdf"))).digest("hex");
  const options = { findOriginalBySha256: async (sha256: string) => (sha256 === original ? CONVENTION_ID : null) };
  const first = await analyzeConventionPdf(bytes, options);
  if (first.recognition !== "automatic") throw new Error(`${file} should be recognised automatically, got ${first.recognition}`);
  const [sha, inProcess] = await interleaved(
    [
      () => {
        const started = performance.now();
        createHash("sha256").update(bytes).digest();
        return performance.now() - started;
      },
      async () => {
        const started = performance.now();
        await analyzeConventionPdf(bytes, options);
        return performance.now() - started;
      },
    ],
    repeat * 4,
    10,
  );
  return {
    name: `analyse en processus, reconnaissance automatique, ${label}`,
    value: round(inProcess.median),
    unit: "ms",
    anchor: `objectif ${targetMs} ms (meilleur tour ${round(inProcess.best)} ms ; une passe SHA-256 : ${round(sha.median)} ms)`,
    ratio: round(inProcess.median / targetMs),
    target: 1.0,
  };
}

/** Speed of the analysis: conventions signed in their fields, a 20 MB scanned-and-signed file and a small file with 3 signatures. */
export async function runAnalysisBenchmark(options: { repeat?: number } = {}): Promise<BenchRow[]> {
  const repeat = options.repeat ?? 7;
  const automatic = [
    await benchAutomaticRoad("convention, 1 signature (pdfsig)", "convention-sample-pdfsig.pdf", 5, repeat),
    await benchAutomaticRoad("convention, 3 signatures (iText, MuPDF, pdfsig)", "convention-sample-three-signers.pdf", 8, repeat),
  ];
  // The CLI is plain CommonJS found at run time; it compiles itself on first use.
  const { ensureBundle } = createRequire(__filename)(CLI) as { ensureBundle: () => boolean };
  if (!ensureBundle()) throw new Error("esbuild is needed to compile the analysis CLI");
  const scanned = await scannedSignedFile();
  const rows = await benchFile(`scan signé ${round(scanned.bytes.length / 1048576)} Mo`, scanned.bytes, scanned.file, repeat, { processTargets: true });
  const threeSignatures = path.join(ROOT, "tests/fixtures/variants/b05-three-parties.pdf");
  if (existsSync(threeSignatures)) {
    const small = new Uint8Array(readFileSync(threeSignatures));
    rows.push(...(await benchFile(`3 signatures ${round(small.length / 1024)} Ko`, small, threeSignatures, repeat, { processTargets: false })));
  }
  return [...automatic, ...rows];
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith("bench-analysis")) {
  void runAnalysisBenchmark().then((rows) => {
    console.table(rows);
  });
}
