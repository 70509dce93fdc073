import { readFileSync } from "node:fs";
import path from "node:path";
import { compareWithOriginal } from "@/lib/server/visual-comparison";
import type { PageRegion } from "@/lib/server/visual-comparison/visual-comparison-types";

const fixtures = path.join(__dirname, "../../fixtures");
const read = (file: string) => new Uint8Array(readFileSync(path.join(fixtures, file)));
const original = read("generated/convention-sample.pdf");

/** Page 1's date row ("mardi 11-02-2025"), x 185–335 and y 398–414 in points, as fractions of an A4 page. */
const dateRow = { x: 185 / 595.28, y: (841.89 - 414) / 841.89, width: 150 / 595.28, height: 16 / 841.89 };

function overlaps(a: PageRegion, b: PageRegion): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("compareWithOriginal", () => {
  it("finds the original identical to itself", async () => {
    const result = await compareWithOriginal(original, original);
    expect(result).toMatchObject({ status: "identical", originalPageCount: 2, depositedPageCount: 2, limitedTo20: false, reason: null });
    expect(result.pages.map((page) => page.status)).toEqual(["identical", "identical"]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("reports a date painted over page 1 after the signature, with a region over that date only", async () => {
    const result = await compareWithOriginal(original, read("visual-comparison/signed-then-date-overlay.pdf"));
    expect(result.status).toBe("changed");
    const [first, second] = result.pages;
    expect(first.status).toBe("changed");
    expect(first.changedShare).toBeGreaterThan(0);
    expect(first.changedShare).toBeLessThan(0.01);
    expect(first.regions).toHaveLength(1);
    expect(overlaps(first.regions[0], dateRow)).toBe(true);
    expect(first.regions[0].height).toBeLessThan(0.05);
    expect(second.status).toBe("identical");
  });

  it("reports an edit made before signing in a rewritten file on page 1", async () => {
    const result = await compareWithOriginal(original, read("visual-comparison/edited-rewritten-then-signed.pdf"));
    expect(result.status).toBe("changed");
    expect(result.pages[0].status).toBe("changed");
    expect(result.pages[0].regions.some((region) => overlaps(region, dateRow))).toBe(true);
    expect(result.pages[1]).toMatchObject({ status: "identical", regions: [] });
    expect(result.pages[1].ignoredRegions).toHaveLength(1);
  });

  it("leaves out our three signature fields once visible signatures fill them, and nothing else", async () => {
    const result = await compareWithOriginal(original, read("generated/convention-sample-three-signers.pdf"));
    expect(result.status).toBe("identical");
    expect(result.pages[0].ignoredRegions).toEqual([]);
    expect(result.pages[1].ignoredRegions).toHaveLength(3);
    for (const region of result.pages[1].ignoredRegions) {
      expect(region.y).toBeGreaterThan(0.6);
      expect(region.width).toBeLessThan(0.3);
    }
  });

  it("does not leave out a visible signature in a new field drawn over the date", async () => {
    const result = await compareWithOriginal(original, read("visual-comparison/signed-in-new-field-over-date.pdf"));
    expect(result.status).toBe("changed");
    expect(result.pages[0].ignoredRegions).toEqual([]);
    expect(result.pages[0].regions.some((region) => overlaps(region, dateRow))).toBe(true);
  });

  it("leaves out exactly the rectangles the caller names", async () => {
    const deposited = read("visual-comparison/signed-in-new-field-over-date.pdf");
    const result = await compareWithOriginal(original, deposited, { ignoreRects: [{ page: 0, rect: [180, 390, 340, 425] }] });
    expect(result.status).toBe("identical");
    expect(result.pages[0].ignoredRegions).toHaveLength(1);
  });

  it("finds a qpdf rewrite with no change identical", async () => {
    const result = await compareWithOriginal(original, read("visual-comparison/rewritten-by-qpdf.pdf"));
    expect(result.status).toBe("identical");
  });

  it("does not diff a scan pixel by pixel", async () => {
    const result = await compareWithOriginal(original, read("deposits/sample-scanned.pdf"));
    expect(result.status).toBe("scan");
    expect(result.pages.map((page) => page.status)).toEqual(["scan", "scan"]);
    expect(result.pages[0].regions).toEqual([]);
    expect(result.depositedPageCount).toBe(1);
  });

  it("calls a file that is not a PDF impossible, with the reason", async () => {
    const result = await compareWithOriginal(original, new TextEncoder().encode("%PDF-1.7\nceci n'est pas un PDF\n"));
    expect(result.status).toBe("impossible");
    expect(result.reason).toMatch(/^Comparaison impossible : le fichier déposé/);
    expect(result.pages).toEqual([]);
  });

  it("refuses a page of hostile dimensions instead of allocating its bitmap", async () => {
    const hostile = buildPdf(["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200000 200000] >>"]);
    const result = await compareWithOriginal(original, hostile);
    expect(result.status).toBe("impossible");
    expect(result.reason).toContain("dimensions hors normes");
  });

  it("gives up when the time budget is spent", async () => {
    const result = await compareWithOriginal(original, original, { timeBudgetMs: 0 });
    expect(result.status).toBe("impossible");
    expect(result.reason).toContain("temps imparti");
  });

  it("compares at most 20 pages and reports extra pages as changes", async () => {
    const pages = Array.from({ length: 23 }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >>");
    const result = await compareWithOriginal(original, buildPdf(pages));
    expect(result).toMatchObject({ status: "changed", depositedPageCount: 23, limitedTo20: true, reason: "Comparaison limitée aux 20 premières pages." });
    expect(result.pages).toHaveLength(20);
    expect(result.pages[5]).toMatchObject({ status: "changed", changedShare: 1 });
  });
});

/** A minimal PDF with these page dictionaries (objects 3…), with a correct cross-reference table. */
function buildPdf(pages: string[]): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, index) => `${index + 3} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    ...pages,
  ];
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
