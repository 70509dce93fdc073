import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";

const dir = path.join(__dirname, "../../fixtures/variants");
const CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
// The generated original, and the same convention as the store would hold it when generated with object streams or pre-made fields.
const originals = new Set(
  ["00-input.pdf", "00-input-objstm.pdf", "00-input-sigfields.pdf"].map((file) => createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex")),
);
const findOriginalBySha256 = async (sha256: string) => (originals.has(sha256) ? CONVENTION_ID : null);
/** Signers that rewrite the whole file: the original's bytes are gone, so the file is never recognised automatically. */
const REWRITTEN = new Set(["a04-libreoffice-export-signed.pdf", "a08-signpdf.pdf", "b02-signpdf-then-pdfbox.pdf"]);

const rows = readFileSync(path.join(dir, "MANIFEST.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const [file, expected, description] = line.split("\t");
    return { file, expected, description, family: file.slice(0, 1) };
  });

function analyze(file: string) {
  return analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, file))), { findOriginalBySha256 });
}

const SIGNED_CLASSES = new Set(["signed", "signed-untrusted", "signed-2", "signed-3"]);

describe("variants of the generated convention signed by independent tools", () => {
  it("covers every family a to g", () => {
    expect(new Set(rows.map((row) => row.family))).toEqual(new Set(["0", "a", "b", "c", "d", "e", "f", "g"]));
  });

  const signed = rows.filter((row) => (row.family === "a" || row.family === "b") && SIGNED_CLASSES.has(row.expected));
  it.each(signed.filter((row) => !REWRITTEN.has(row.file)))("$file is signed and recognised automatically", async ({ file }) => {
    const analysis = await analyze(file);
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).toBe("automatic");
    expect(analysis.conventionId).toBe(CONVENTION_ID);
    expect(analysis.idSource).toBe("original-hash");
    expect(analysis.signatures.every((s) => s.integrity === "valid" && s.coverage !== "nonstandard")).toBe(true);
  });

  it.each(signed.filter((row) => REWRITTEN.has(row.file)))("$file is signed but only suggested: the signer rewrote the file", async ({ file }) => {
    const analysis = await analyze(file);
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).toBe("suggested");
    expect(analysis.conventionId).toBe(CONVENTION_ID);
    expect(analysis.problems.join(" ")).toMatch(/réenregistré par un autre logiciel/);
  });

  it("recognises an incremental signature of the original by its hash", async () => {
    const analysis = await analyze("a01-pdfsig.pdf");
    expect(analysis.idSource).toBe("original-hash");
    expect(analysis.signatures[0].signer?.commonName).toBe("Principal, Collège Jean Moulin");
    expect(analysis.signatures[0].trust).toBe("untrusted");
  });

  it("reads the id from the signed revision when the signer rewrote the file", async () => {
    const analysis = await analyze("a04-libreoffice-export-signed.pdf");
    expect(analysis.idSource).toBe("signed-revision");
    expect(analysis.conventionId).toBe(CONVENTION_ID);
  });

  it("marks a signer that chains to a configured anchor as trusted", async () => {
    const root = readFileSync(path.join(dir, "REPORT.md"), "utf8").length > 0 ? extractRootFromSignature("a01-pdfsig.pdf") : null;
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, "a01-pdfsig.pdf"))), { trustAnchors: root ? [root] : [] });
    expect(analysis.signatures[0].trust).toBe("trusted");
  });

  it("keeps the signer-side bug of a14 invalid", async () => {
    const analysis = await analyze("a14-signpdf-selfsigned-accents-BROKEN.pdf");
    expect(analysis.verdict).toBe("invalid");
    expect(analysis.recognition).not.toBe("automatic");
  });

  it("reads a11 (LibreOffice's damaged xref stream) without claiming more than it can", async () => {
    const analysis = await analyze("a11-libreoffice-objstm-BROKEN.pdf");
    expect(["signed", "altered", "unreadable"]).toContain(analysis.verdict);
    expect(analysis.recognition).not.toBe("automatic");
  });

  const rejected = rows.filter((row) => row.family === "c" || row.family === "e" || row.family === "g");
  it.each(rejected)("$file ($expected) is never signed nor automatic", async ({ file }) => {
    const analysis = await analyze(file);
    expect(analysis.verdict).not.toBe("signed");
    expect(analysis.verdict).not.toBe("unsigned");
    expect(analysis.recognition).not.toBe("automatic");
    expect(analysis.problems.length).toBeGreaterThan(0);
  });

  it("never takes the spoofed id of a later revision", async () => {
    for (const file of ["e01-spoof-info.pdf", "e02-spoof-info-and-field.pdf"]) {
      const analysis = await analyze(file);
      expect(analysis.conventionId).toBe(CONVENTION_ID);
      expect(analysis.recognition).toBe("suggested");
    }
  });

  it("flags the annotation added after signing (d01) and does not recognise it automatically", async () => {
    const analysis = await analyze("d01-benign-annotation.pdf");
    expect(analysis.verdict).toBe("signed-then-modified");
    expect(analysis.recognition).not.toBe("automatic");
    expect(analysis.signatures[0].modificationsAfter).toBe("form-filling");
  });

  it.each(["f01-scanned.pdf", "f02-scanned-ocr.pdf"])("suggests the id of the scan %s from its QR code", async (file) => {
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, file))), { appUrl: "http://localhost:3000" });
    expect(analysis.verdict).toBe("unsigned");
    expect(analysis.recognition).toBe("suggested");
    expect(analysis.conventionId).toBe(CONVENTION_ID);
    expect(analysis.idSource).toBe("qr-code");
  });

  it("ignores a QR code pointing at another application", async () => {
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, "f01-scanned.pdf"))), { appUrl: "https://conventions.example.fr" });
    expect(analysis.conventionId).toBeNull();
    expect(analysis.recognition).toBe("manual");
  });

  it("suggests the id of the unsigned original, by hash or by its text", async () => {
    const byHash = await analyze("00-input.pdf");
    expect(byHash).toMatchObject({ verdict: "unsigned", recognition: "suggested", conventionId: CONVENTION_ID, idSource: "original-hash" });
    const byText = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, "00-input-objstm.pdf"))));
    expect(byText).toMatchObject({ verdict: "unsigned", recognition: "suggested", conventionId: CONVENTION_ID, idSource: "text" });
  });
});

/** The test PKI's root is not in the PDF; the intermediate is, so anchor on the last CA certificate the CMS carries. */
function extractRootFromSignature(file: string): Uint8Array {
  const text = readFileSync(path.join(dir, file)).toString("latin1");
  const contents = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text);
  if (!contents) throw new Error("no signature contents");
  const der = Buffer.from(contents[1], "hex");
  const certificates: Buffer[] = [];
  // Certificates are DER SEQUENCEs with a 2-byte length (30 82 xx xx) holding a TBSCertificate (30 82 …, then A0 03 02 01 02).
  for (let i = 0; i + 12 < der.length; i++) {
    if (der[i] === 0x30 && der[i + 1] === 0x82 && der[i + 4] === 0x30 && der[i + 5] === 0x82 && der[i + 8] === 0xa0 && der[i + 9] === 0x03) {
      certificates.push(der.subarray(i, i + 4 + der.readUInt16BE(i + 2)));
    }
  }
  return certificates[certificates.length - 1];
}
