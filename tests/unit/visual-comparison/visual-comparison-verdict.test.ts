import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { decideRecognition } from "@/lib/server/deposits/decide-recognition";
import { REWRITTEN_IDENTICAL_PROBLEM, visualComparisonProblems } from "@/lib/server/visual-comparison/describe-visual-comparison";
import type { PageComparison, VisualComparison } from "@/lib/server/visual-comparison/visual-comparison-types";

const A = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";

const signed = (overrides: Partial<PdfAnalysis> = {}): PdfAnalysis => ({
  bytes: 100, sha256: "0".repeat(64), verdict: "signed", conventionId: A, idSource: "original-hash", recognition: "automatic",
  signatures: [], problems: [], ...overrides,
});

const page = (index: number, status: PageComparison["status"]): PageComparison => ({
  index, status, changedShare: status === "changed" ? 0.01 : 0, regions: status === "changed" ? [{ x: 0.1, y: 0.5, width: 0.2, height: 0.02 }] : [], ignoredRegions: [],
});

const comparison = (status: VisualComparison["status"], pages: PageComparison[], counts: [number, number] = [2, 2]): VisualComparison => ({
  status, pages, originalPageCount: counts[0], depositedPageCount: counts[1], limitedTo20: false, reason: null, dpi: 100,
});

const identical = comparison("identical", [page(0, "identical"), page(1, "identical")]);
const changedFirst = comparison("changed", [page(0, "changed"), page(1, "identical")]);

describe("the visual comparison in the recognition of a deposit", () => {
  it("keeps an intact signature on the original's bytes automatic when the pages are identical", () => {
    expect(decideRecognition({ analysis: signed(), requestedConventionId: null, linkConventionId: null, visualComparison: identical }))
      .toEqual({ kind: "deposit", conventionId: A, recognition: "automatic", idFromFile: true });
  });

  it("asks to confirm an intact signature whose pages differ, and records the confirmation as suggested", () => {
    expect(decideRecognition({ analysis: signed(), requestedConventionId: null, linkConventionId: null, visualComparison: changedFirst }))
      .toEqual({ kind: "confirm", conventionId: A });
    expect(decideRecognition({ analysis: signed(), requestedConventionId: A, linkConventionId: null, visualComparison: changedFirst }))
      .toEqual({ kind: "deposit", conventionId: A, recognition: "suggested", idFromFile: false });
  });

  it("makes a rewritten signed file that looks identical suggested, not automatic", () => {
    const rewritten = signed({ idSource: "signed-revision" });
    expect(decideRecognition({ analysis: rewritten, requestedConventionId: null, linkConventionId: null, visualComparison: identical }))
      .toEqual({ kind: "confirm", conventionId: A });
    expect(visualComparisonProblems(identical, "signed-revision")).toEqual([REWRITTEN_IDENTICAL_PROBLEM]);
    expect(visualComparisonProblems(identical, "original-hash")).toEqual([]);
  });

  it("does not make automatic a comparison that could not be made or a scan", () => {
    for (const status of ["impossible", "scan"] as const) {
      expect(decideRecognition({ analysis: signed(), requestedConventionId: null, linkConventionId: null, visualComparison: comparison(status, []) }).kind)
        .toBe("confirm");
    }
  });

  it("still refuses a signed file for another pupil than the one chosen, even when its pages differ", () => {
    const other = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    expect(decideRecognition({ analysis: signed(), requestedConventionId: other, linkConventionId: null, visualComparison: changedFirst }))
      .toEqual({ kind: "refuse", reason: "signed-for-another-convention" });
  });

  it("lists the pages that differ and a different page count in French", () => {
    expect(visualComparisonProblems(changedFirst, "original-hash")).toEqual(["Différences visibles avec la convention d'origine : page 1."]);
    const three = comparison("changed", [page(0, "changed"), page(1, "changed"), page(2, "changed")], [2, 3]);
    expect(visualComparisonProblems(three, "original-hash")).toEqual([
      "Différences visibles avec la convention d'origine : pages 1, 2 et 3.",
      "Le fichier déposé a 3 pages, la convention d'origine 2.",
    ]);
    const impossible = { ...comparison("impossible", []), reason: "Comparaison impossible : le fichier déposé n'est pas un PDF." };
    expect(visualComparisonProblems(impossible, null)).toEqual(["Comparaison impossible : le fichier déposé n'est pas un PDF."]);
  });
});
