import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";

// Our generated convention signed in its own empty fields by poppler and MuPDF (tests/fixtures/generated/README.md).
const dir = path.join(__dirname, "../../fixtures/generated");
const CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const read = (file: string) => new Uint8Array(readFileSync(path.join(dir, file)));

function storeOf(...originals: string[]) {
  const hashes = new Set(originals.map((file) => createHash("sha256").update(read(file)).digest("hex")));
  return { findOriginalBySha256: async (sha256: string) => (hashes.has(sha256) ? CONVENTION_ID : null) };
}

describe("real signers in the convention's existing fields", () => {
  it.each([
    ["poppler then poppler", "convention-sample-pdfsig-twice.pdf", "convention-sample.pdf", 2],
    ["MuPDF then poppler", "convention-sample-mutool-then-pdfsig.pdf", "convention-sample.pdf", 2],
    ["poppler on a linearized original", "convention-sample-linearized-pdfsig.pdf", "convention-sample-linearized.pdf", 1],
    ["poppler on an original with object streams", "convention-sample-objstm-pdfsig.pdf", "convention-sample-objstm.pdf", 1],
  ])("%s: signed and recognised automatically", async (_, file, original, count) => {
    const analysis = await analyzeConventionPdf(read(file), storeOf(original));
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).toBe("automatic");
    expect(analysis.idSource).toBe("original-hash");
    expect(analysis.conventionId).toBe(CONVENTION_ID);
    const approvals = analysis.signatures.filter((s) => !s.isTimestamp);
    expect(approvals).toHaveLength(count);
    expect(approvals.every((s) => s.integrity === "valid" && ["none", "signatures"].includes(s.modificationsAfter))).toBe(true);
    expect(approvals.map((s) => s.field).every((field) => ["Signature_Origine", "Signature_Accueil"].includes(field))).toBe(true);
  });

  it("places each signature on the page and in the rectangle of its field", async () => {
    const analysis = await analyzeConventionPdf(read("convention-sample-pdfsig-twice.pdf"), storeOf("convention-sample.pdf"));
    for (const signature of analysis.signatures) {
      expect(signature.widget?.page).toBe(2);
      const [x1, y1, x2, y2] = signature.widget?.rect ?? [0, 0, 0, 0];
      expect(x2 - x1).toBeGreaterThan(100);
      expect(y2 - y1).toBeGreaterThan(50);
    }
  });
});
