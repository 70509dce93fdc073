import { heapOf } from "./load-pdfium";
import { ComparisonImpossibleError, readPageSize, withPdfiumPage, type PdfiumDocument } from "./pdfium-document";

export interface RenderedPage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row after row from the top. */
  data: Uint8Array;
  widthPt: number;
  heightPt: number;
}

const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;
const RENDER_TOBECONTINUED = 1;
const RENDER_DONE = 2;

/** What is done with a page while it is loaded, besides rendering it. */
export type PageVisitor<T> = (document: PdfiumDocument, page: number, size: { widthPx: number; heightPx: number }) => T;

/** The pause callback PDFium's progressive renderer asks "should I stop now?", one per instance. */
const pauseStructs = new WeakMap<object, { struct: number; setDeadline: (deadline: number) => void }>();

function pauseFor(document: PdfiumDocument, deadline: number): number {
  const { pdfium } = document;
  let entry = pauseStructs.get(pdfium);
  if (!entry) {
    let current = 0;
    const callback = pdfium.pdfium.addFunction(() => (performance.now() > current ? 1 : 0), "ii");
    // IFSDK_PAUSE { int version; NeedToPauseNow*; void* user; }
    const struct = pdfium.pdfium.wasmExports.malloc(12);
    pdfium.pdfium.setValue(struct, 1, "i32");
    pdfium.pdfium.setValue(struct + 4, callback, "i32");
    pdfium.pdfium.setValue(struct + 8, 0, "i32");
    entry = { struct, setDeadline: (value) => { current = value; } };
    pauseStructs.set(pdfium, entry);
  }
  entry.setDeadline(deadline);
  return entry.struct;
}

export function pixelSizeOf(widthPt: number, heightPt: number, dpi: number): { widthPx: number; heightPx: number } {
  return { widthPx: Math.max(1, Math.round((widthPt * dpi) / 72)), heightPx: Math.max(1, Math.round((heightPt * dpi) / 72)) };
}

/** A page rendered into a PDFium bitmap, read where it lies: no copy until one is asked for. */
export interface PdfiumBitmapPage {
  width: number;
  height: number;
  widthPt: number;
  heightPt: number;
  /**
   * The RGBA pixels, in place in PDFium's memory when rows are packed (a copy otherwise). Valid until
   * `release` or the next PDFium call that may grow its memory: read them, then release.
   */
  pixels: () => Uint8Array;
  release: () => void;
}

/**
 * Renders page `index` at `dpi` on white, with annotations and form fields as Chrome and Edge draw
 * them, into a bitmap the caller releases. PDFium's progressive renderer stops at `deadline`
 * (performance.now() time), so one page with a hostile content stream cannot hold the request.
 * `visit` runs while the page is loaded.
 */
export function renderPdfPageInPlace<T = undefined>(
  document: PdfiumDocument, index: number, dpi: number, deadline: number, visit?: PageVisitor<T>,
): { page: PdfiumBitmapPage; visited: T | undefined } {
  const { pdfium } = document;
  const { widthPt, heightPt } = readPageSize(document, index);
  const { widthPx, heightPx } = pixelSizeOf(widthPt, heightPt, dpi);
  return withPdfiumPage(document, index, (page) => {
    const bitmap = pdfium.FPDFBitmap_Create(widthPx, heightPx, 1);
    if (!bitmap) throw new ComparisonImpossibleError(`la page ${index + 1} du fichier ${document.label} demande trop de mémoire`);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      pdfium.FPDFBitmap_Destroy(bitmap);
    };
    try {
      pdfium.FPDFBitmap_FillRect(bitmap, 0, 0, widthPx, heightPx, 0xffffffff);
      const flags = FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER;
      const pause = pauseFor(document, deadline);
      let status = pdfium.FPDF_RenderPageBitmap_Start(bitmap, page, 0, 0, widthPx, heightPx, 0, flags, pause);
      while (status === RENDER_TOBECONTINUED && performance.now() <= deadline) status = pdfium.FPDF_RenderPage_Continue(page, pause);
      pdfium.FPDF_RenderPage_Close(page);
      if (status === RENDER_TOBECONTINUED) throw new ComparisonImpossibleError("l'affichage des pages a dépassé le temps imparti");
      if (status !== RENDER_DONE) throw new ComparisonImpossibleError(`la page ${index + 1} du fichier ${document.label} ne peut pas être affichée`);
      if (document.form) pdfium.FPDF_FFLDraw(document.form, bitmap, page, 0, 0, widthPx, heightPx, 0, flags & ~FPDF_ANNOT);
      const visited = visit ? visit(document, page, { widthPx, heightPx }) : undefined;
      const pixels = () => {
        if (isReleased) throw new Error("Bitmap already released");
        const buffer = pdfium.FPDFBitmap_GetBuffer(bitmap);
        const stride = pdfium.FPDFBitmap_GetStride(bitmap);
        const heap = heapOf(pdfium);
        const rowBytes = widthPx * 4;
        if (stride === rowBytes) return heap.subarray(buffer, buffer + rowBytes * heightPx);
        const data = new Uint8Array(rowBytes * heightPx);
        for (let row = 0; row < heightPx; row++) data.set(heap.subarray(buffer + row * stride, buffer + row * stride + rowBytes), row * rowBytes);
        return data;
      };
      return { page: { width: widthPx, height: heightPx, widthPt, heightPt, pixels, release }, visited };
    } catch (error) {
      release();
      throw error;
    }
  });
}

/** The same render, copied out of PDFium's memory (for a page image that outlives the document). */
export function renderPdfPage<T = undefined>(
  document: PdfiumDocument, index: number, dpi: number, deadline: number, visit?: PageVisitor<T>,
): { page: RenderedPage; visited: T | undefined } {
  const { page, visited } = renderPdfPageInPlace(document, index, dpi, deadline, visit);
  try {
    const { width, height, widthPt, heightPt } = page;
    return { page: { width, height, widthPt, heightPt, data: page.pixels().slice() }, visited };
  } finally {
    page.release();
  }
}
