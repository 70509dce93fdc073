import { deflateSync } from "node:zlib";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import { formFanOutPdf, handMadePdf, stream } from "@/scripts/support/hostile-pdf";

describe("hostile files stop within the analysis budget", () => {
  it("a page calling a form that calls a form, four levels of 60 calls each", async () => {
    const bytes = formFanOutPdf("3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f");
    expect(bytes.length).toBeLessThan(5000);
    const analysis = await analyzeConventionPdf(bytes, { scanImagesForQrCode: false });
    expect(analysis.verdict).toBe("unreadable");
    expect(analysis.problems.join(" ")).toMatch(/trop de formulaires imbriqués|trop complexe/);
  });

  it("five content streams of 60 MB each once inflated", async () => {
    const huge = deflateSync(Buffer.alloc(60 * 1024 * 1024, "0 0 m\n"), { level: 9 });
    const contents = [5, 6, 7, 8, 9].map(() => stream(huge, "/Filter /FlateDecode"));
    const bytes = handMadePdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [5 0 R 6 0 R 7 0 R 8 0 R 9 0 R] >>",
      "<< /Producer (bombe) >>",
      ...contents,
    ]);
    const analysis = await analyzeConventionPdf(new Uint8Array(bytes), { scanImagesForQrCode: false });
    // The streams are refused by the inflate limits, so nothing of them is read: never a verdict built on them.
    expect(["unreadable", "unsigned"]).toContain(analysis.verdict);
    expect(analysis.recognition).toBe("manual");
  });

  it("a normal page interprets its forms once each", async () => {
    const bytes = handMadePdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> /Font << /F 6 0 R >> >> /Contents 4 0 R >>",
      stream(Buffer.from("q 1 0 0 1 0 0 cm /X Do Q\nBT /F 10 Tf 40 30 Td (Convention n\\260 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f) Tj ET")),
      stream(Buffer.from("BT /F 12 Tf 10 10 Td (Bonjour) Tj ET"), "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F 6 0 R >> >>"),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]);
    const analysis = await analyzeConventionPdf(new Uint8Array(bytes), { scanImagesForQrCode: false });
    expect(analysis.verdict).toBe("unsigned");
    expect(analysis.conventionId).toBe("3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f");
  });
});
