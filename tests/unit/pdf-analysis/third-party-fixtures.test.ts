import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";

const dir = path.join(__dirname, "../../fixtures/third-party");
const rows = readFileSync(path.join(dir, "expected.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const [file, expected, , note] = line.split("\t");
    return { file, expected, note };
  });

describe("third-party signed PDFs (expected.tsv)", () => {
  it("lists the 30 files", () => {
    expect(rows).toHaveLength(30);
  });

  it.each(rows)("$file → $expected ($note)", async ({ file, expected }) => {
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(dir, file))));
    switch (expected) {
      case "accept":
        expect(analysis.verdict).toBe("signed");
        expect(analysis.signatures.every((s) => s.integrity === "valid")).toBe(true);
        break;
      case "reject":
        expect(analysis.verdict).not.toBe("signed");
        expect(analysis.verdict).not.toBe("unsigned");
        expect(analysis.problems.length).toBeGreaterThan(0);
        break;
      case "none":
        expect(analysis.verdict).toBe("unsigned");
        break;
      case "either":
        expect(["signed", "unreadable"]).toContain(analysis.verdict);
        break;
      default:
        throw new Error(`unknown expectation ${expected}`);
    }
    expect(analysis.recognition).not.toBe("automatic");
  });
});
