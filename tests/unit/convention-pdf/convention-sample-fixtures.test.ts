import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSampleConventionInput } from "@/lib/core/convention-pdf/build-sample-convention-input";
import { generateConventionPdf } from "@/lib/core/convention-pdf/generate-convention-pdf";
import { readConventionFonts } from "@/lib/server/conventions/read-convention-fonts";
import { runTool } from "./run-tool";

const sampleId = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const fixturesDir = path.join(process.cwd(), "tests", "fixtures", "generated");
const samplePath = path.join(fixturesDir, "convention-sample.pdf");
const signedPath = path.join(fixturesDir, "convention-sample-pdfsig.pdf");
const threeSignersPath = path.join(fixturesDir, "convention-sample-three-signers.pdf");
const tsxCli = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const sampleScript = path.join(process.cwd(), "scripts", "convention-sample.ts");
// Each CLI run starts tsx, which takes a few seconds on a busy machine.
const cliTimeout = 60_000;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "convention-sample-"));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("committed sample conventions", () => {
  it("matches what the generator produces today (regenerate every fixture of this folder when the layout changes)", async () => {
    const fresh = await generateConventionPdf(buildSampleConventionInput({ conventionId: sampleId }), readConventionFonts());
    expect(Buffer.compare(Buffer.from(fresh), readFileSync(samplePath))).toBe(0);
  });

  it("was signed by poppler incrementally: the signed file starts with exactly the original bytes", () => {
    const original = readFileSync(samplePath);
    const signed = readFileSync(signedPath);
    expect(signed.length).toBeGreaterThan(original.length);
    expect(Buffer.compare(signed.subarray(0, original.length), original)).toBe(0);
    expect(signed.toString("latin1").match(/%%EOF/g)).toHaveLength(2);
  });

  it("holds a valid poppler signature in Signature_Origine and leaves the two other fields empty", () => {
    const result = runTool("pdfsig", [signedPath]);
    expect(result.status).toBe(0);
    const blocks = result.stdout.split(/Signature #\d+:/).slice(1);
    const byField = new Map(blocks.map((block) => [/Signature Field Name: (\S+)/.exec(block)?.[1], block]));
    expect(byField.get("Signature_Origine")).toContain("Signature Validation: Signature is Valid.");
    expect(byField.get("Signature_Origine")).toContain("Total document signed");
    expect(byField.get("Signature_Accueil")).toContain("The signature form field is not signed.");
    expect(byField.get("Signature_Responsable")).toContain("The signature form field is not signed.");
    expect(runTool("qpdf", ["--check", signedPath]).status).toBe(0);
  });

  it("takes three signatures from three tools (iText, MuPDF, poppler) in its own fields, each appended", () => {
    const original = readFileSync(samplePath);
    const signed = readFileSync(threeSignersPath);
    expect(Buffer.compare(signed.subarray(0, original.length), original)).toBe(0);
    expect(signed.toString("latin1").match(/%%EOF/g)).toHaveLength(4);
    const result = runTool("pdfsig", [threeSignersPath]);
    for (const field of ["Signature_Accueil", "Signature_Origine", "Signature_Responsable"]) {
      const block = result.stdout.split(/Signature #\d+:/).find((text) => text.includes(`Signature Field Name: ${field}\n`));
      expect(block).toContain("Signature Validation: Signature is Valid.");
    }
    expect(result.stdout).not.toContain("not signed");
  });
});

describe("convention:sample CLI", () => {
  it("writes the sample convention for the given id", () => {
    const outPath = path.join(workDir, "cli.pdf");
    const result = runTool(process.execPath, [tsxCli, sampleScript, "--id", sampleId, "--out", outPath]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(Buffer.compare(readFileSync(outPath), readFileSync(samplePath))).toBe(0);
  }, cliTimeout);

  it("stamps fictitious signature images with --stamp", () => {
    const outPath = path.join(workDir, "cli-stamp.pdf");
    const result = runTool(process.execPath, [tsxCli, sampleScript, "--id", sampleId, "--out", outPath, "--stamp"]);
    expect(result.status).toBe(0);
    const text = readFileSync(outPath).toString("latin1");
    expect(text.match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(2);
  }, cliTimeout);

  it("exits with status 2 and the usage when the id is missing or invalid", () => {
    const missing = runTool(process.execPath, [tsxCli, sampleScript, "--out", path.join(workDir, "x.pdf")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Usage");
    const invalid = runTool(process.execPath, [tsxCli, sampleScript, "--id", "42", "--out", path.join(workDir, "y.pdf")]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("UUID");
  }, cliTimeout);
});
