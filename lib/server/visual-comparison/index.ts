import { detectPageScan } from "./detect-scanned-page";
import { ComparisonImpossibleError, readPageSize, withPdfiumDocuments, type PdfiumDocument } from "./pdfium-document";
import { compareRenders } from "./compare-renders";
import { readSignatureWidgets, regionOfRect, type SignatureWidget } from "./read-signature-widgets";
import { renderPdfPageInPlace } from "./render-pdf-page";
import {
  COMPARISON_DPI, MAX_COMPARED_PAGES, PAGE_LIMIT_SENTENCE,
  type PageComparison, type PageRegion, type PdfPageRect, type VisualComparison,
} from "./visual-comparison-types";

export type { VisualComparison, PageComparison, PageRegion, PdfPageRect } from "./visual-comparison-types";

export interface CompareWithOriginalOptions {
  /** PDF user-space boxes of the signature widgets a signature fills; read from the files when absent. */
  ignoreRects?: PdfPageRect[];
  /** Wall-clock budget for rendering and comparing every page (default 8 s). */
  timeBudgetMs?: number;
}

const DEFAULT_TIME_BUDGET_MS = 8000;
/** Two pages whose sizes differ by more than this (in points) are different pages. */
const SIZE_TOLERANCE_PT = 1;
const RECT_TOLERANCE_PT = 1;
const WHOLE_PAGE: PageRegion = { x: 0, y: 0, width: 1, height: 1 };

function sameRect(a: SignatureWidget["rect"], b: SignatureWidget["rect"]): boolean {
  return a.every((value, index) => Math.abs(value - b[index]) <= RECT_TOLERANCE_PT);
}

/**
 * The signed widgets of our own signature fields: a signature in the deposit fills a field that the
 * original has, empty, at the same place. A signature drawn anywhere else is a visible change.
 */
function signedFieldsOfOriginal(originalWidgets: SignatureWidget[], depositedWidgets: SignatureWidget[]): PageRegion[] {
  return depositedWidgets
    .filter((widget) => widget.isSigned && originalWidgets.some((empty) =>
      !empty.isSigned && empty.fieldName === widget.fieldName && sameRect(empty.rect, widget.rect)))
    .map((widget) => widget.region);
}

function comparePage(original: PdfiumDocument, deposited: PdfiumDocument, index: number, deadline: number, ignoreRects: PdfPageRect[] | undefined): PageComparison {
  const originalSize = readPageSize(original, index);
  const depositedSize = readPageSize(deposited, index);
  const first = renderPdfPageInPlace(original, index, COMPARISON_DPI, deadline, (document, page, size) => readSignatureWidgets(document, page, size));
  let second: ReturnType<typeof renderDepositedPage> | undefined;
  try {
    second = renderDepositedPage(deposited, index, deadline, depositedSize, ignoreRects);
    const visited = second.visited!;
    const ignoredRegions = ignoreRects ? visited.callerRegions : signedFieldsOfOriginal(first.visited ?? [], visited.widgets);
    if (visited.isScan) return { index, status: "scan", changedShare: 0, regions: [], ignoredRegions: [] };
    const sameSize = Math.abs(originalSize.widthPt - depositedSize.widthPt) <= SIZE_TOLERANCE_PT
      && Math.abs(originalSize.heightPt - depositedSize.heightPt) <= SIZE_TOLERANCE_PT;
    if (!sameSize || first.page.width !== second.page.width || first.page.height !== second.page.height) {
      return { index, status: "changed", changedShare: 1, regions: [WHOLE_PAGE], ignoredRegions: [], note: "Format de page différent de l'original." };
    }
    // Both renders are compared where PDFium drew them: no PDFium call runs between reading and comparing.
    const result = compareRenders({ ...first.page, data: first.page.pixels() }, { ...second.page, data: second.page.pixels() }, ignoredRegions);
    return {
      index,
      status: result.changedPixels > 0 ? "changed" : "identical",
      changedShare: Math.round(result.changedShare * 1e6) / 1e6,
      regions: result.regions,
      ignoredRegions,
    };
  } finally {
    second?.page.release();
    first.page.release();
  }
}

function renderDepositedPage(
  deposited: PdfiumDocument, index: number, deadline: number, size: { widthPt: number; heightPt: number }, ignoreRects: PdfPageRect[] | undefined,
) {
  return renderPdfPageInPlace(deposited, index, COMPARISON_DPI, deadline, (document, page, pixelSize) => ({
    widgets: readSignatureWidgets(document, page, pixelSize),
    isScan: detectPageScan(document, page, size.widthPt * size.heightPt),
    callerRegions: (ignoreRects ?? []).filter((entry) => entry.page === index).map((entry) => regionOfRect(document, page, pixelSize, entry.rect)),
  }));
}

function extraPage(index: number, isInDeposit: boolean): PageComparison {
  return {
    index,
    status: "changed",
    changedShare: 1,
    regions: [WHOLE_PAGE],
    ignoredRegions: [],
    note: isInDeposit ? "Page absente de la convention d'origine." : "Page de la convention d'origine absente du dépôt.",
  };
}

function impossible(reason: string): VisualComparison {
  return { status: "impossible", pages: [], originalPageCount: 0, depositedPageCount: 0, limitedTo20: false, reason, dpi: COMPARISON_DPI };
}

/**
 * Renders the stored original and the deposited file (its final state) with PDFium, as Chrome
 * and Edge show them, and compares them page by page at 100 dpi. Signature boxes a signature
 * fills are left out; nothing else is. At most 20 pages, within a time budget and PDFium's memory
 * cap; a file that cannot be rendered gives `impossible` with a French reason, never a throw.
 */
export async function compareWithOriginal(
  original: Uint8Array, deposited: Uint8Array, options: CompareWithOriginalOptions = {},
): Promise<VisualComparison> {
  const deadline = performance.now() + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  try {
    return await withPdfiumDocuments(
      [{ bytes: original, label: "d'origine" }, { bytes: deposited, label: "déposé" }],
      ([first, second]) => {
        const originalPageCount = first.pageCount;
        const depositedPageCount = second.pageCount;
        if (depositedPageCount <= 0) throw new ComparisonImpossibleError("le fichier déposé ne contient aucune page");
        const limitedTo20 = Math.max(originalPageCount, depositedPageCount) > MAX_COMPARED_PAGES;
        const pages: PageComparison[] = [];
        const compared = Math.min(originalPageCount, depositedPageCount, MAX_COMPARED_PAGES);
        for (let index = 0; index < compared; index++) {
          if (performance.now() > deadline) throw new ComparisonImpossibleError("l'affichage des pages a dépassé le temps imparti");
          pages.push(comparePage(first, second, index, deadline, options.ignoreRects));
        }
        for (let index = compared; index < Math.min(Math.max(originalPageCount, depositedPageCount), MAX_COMPARED_PAGES); index++) {
          pages.push(extraPage(index, index < depositedPageCount));
        }
        // A scan never matches a render: its pages get no verdict, whatever the page count.
        const hasScan = pages.some((page) => page.status === "scan");
        const hasRenderedChange = pages.slice(0, compared).some((page) => page.status === "changed");
        const status = hasScan && !hasRenderedChange ? "scan"
          : hasRenderedChange || originalPageCount !== depositedPageCount ? "changed" : "identical";
        if (status === "scan") for (const page of pages.slice(compared)) page.status = "scan";
        return { status, pages, originalPageCount, depositedPageCount, limitedTo20, reason: limitedTo20 ? PAGE_LIMIT_SENTENCE : null, dpi: COMPARISON_DPI };
      },
    );
  } catch (error) {
    if (error instanceof ComparisonImpossibleError) return impossible(`Comparaison impossible : ${error.reason}.`);
    console.error("Visual comparison failed", error);
    return impossible("Comparaison impossible : le fichier n'a pas pu être affiché.");
  }
}
