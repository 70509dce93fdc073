/** A rectangle on a page, as fractions (0..1) of the page's rendered width and height, from its top-left corner. */
export interface PageRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PageComparisonStatus = "identical" | "changed" | "scan";
export type VisualComparisonStatus = "identical" | "changed" | "scan" | "impossible";

export interface PageComparison {
  /** 0-based page index; people read `index + 1`. */
  index: number;
  status: PageComparisonStatus;
  /** Share (0..1) of the page's pixels that differ from the original. */
  changedShare: number;
  /** Where the deposit differs, merged into a few boxes. */
  regions: PageRegion[];
  /** Signed signature boxes left out of the comparison (their appearance legitimately changes). */
  ignoredRegions: PageRegion[];
  /** A short French sentence when the page differs as a whole (size, missing page). */
  note?: string;
}

/**
 * The deposited file rendered beside the stored original, as Chrome and Edge show them (PDFium).
 * Plain JSON: stored with the deposit's analysis.
 */
export interface VisualComparison {
  status: VisualComparisonStatus;
  pages: PageComparison[];
  originalPageCount: number;
  depositedPageCount: number;
  /** Only the first pages were compared ("comparaison limitée aux 20 premières pages"). */
  limitedTo20: boolean;
  /** French reason when `impossible`, or the limit sentence; null otherwise. */
  reason: string | null;
  dpi: number;
}

/** A PDF user-space rectangle [x1, y1, x2, y2] on a 0-based page. */
export interface PdfPageRect {
  page: number;
  rect: [number, number, number, number];
}

export const COMPARISON_DPI = 100;
export const MAX_COMPARED_PAGES = 20;
export const PAGE_LIMIT_SENTENCE = "Comparaison limitée aux 20 premières pages.";
