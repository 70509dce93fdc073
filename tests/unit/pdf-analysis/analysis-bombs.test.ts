import { deflateSync } from "node:zlib";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";

/** A small PDF written by hand: numbered objects, one page whose resources and content are given. */
function handMadePdf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    length += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, "0")} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

function stream(data: Buffer, entries = ""): Buffer {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} ${entries} >>\nstream\n`), data, Buffer.from("\nendstream")]);
}

describe("hostile files stop within the analysis budget", () => {
  it("a page calling a form that calls a form, four levels of 60 calls each", async () => {
    // Objects: 1 catalog, 2 pages, 3 page, 4 page content, 5..8 forms (8 draws text).
    const calls = (name: string) => Buffer.from(Array.from({ length: 60 }, () => `/${name} Do`).join("\n"));
    const form = (content: Buffer, child: number | null) =>
      stream(content, `/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << ${child ? `/XObject << /X ${child} 0 R >>` : ""} /Font << /F 9 0 R >> >>`);
    const bytes = handMadePdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
      stream(calls("X")),
      form(calls("X"), 6),
      form(calls("X"), 7),
      form(calls("X"), 8),
      form(Buffer.from("BT /F 12 Tf 10 10 Td (Convention) Tj ET"), null),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]);
    expect(bytes.length).toBeLessThan(5000);
    const analysis = await analyzeConventionPdf(new Uint8Array(bytes), { scanImagesForQrCode: false });
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
