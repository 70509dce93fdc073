import type { PdfiumDocument } from "./pdfium-document";

const FPDF_PAGEOBJ_TEXT = 1;
const FPDF_PAGEOBJ_IMAGE = 3;
const FPDF_PAGEOBJ_FORM = 5;
const TEXT_RENDER_INVISIBLE = 3;
/** Past this many objects a page is drawn, not scanned. */
const MAX_OBJECTS = 5000;

interface PageContents {
  visibleText: number;
  imageArea: number;
  objects: number;
}

function tally(document: PdfiumDocument, objects: number[], contents: PageContents, depth: number, bounds: number): void {
  const { pdfium } = document;
  for (const object of objects) {
    if (contents.objects++ > MAX_OBJECTS) return;
    const type = pdfium.FPDFPageObj_GetType(object);
    if (type === FPDF_PAGEOBJ_TEXT) {
      // An OCR layer is invisible text over the picture: the page is still a scan.
      if (pdfium.FPDFTextObj_GetTextRenderMode(object) !== TEXT_RENDER_INVISIBLE) contents.visibleText++;
    } else if (type === FPDF_PAGEOBJ_IMAGE) {
      if (pdfium.FPDFPageObj_GetBounds(object, bounds, bounds + 4, bounds + 8, bounds + 12)) {
        const [left, bottom, right, top] = [0, 4, 8, 12].map((offset) => pdfium.pdfium.getValue(bounds + offset, "float"));
        contents.imageArea += Math.abs(right - left) * Math.abs(top - bottom);
      }
    } else if (type === FPDF_PAGEOBJ_FORM && depth < 3) {
      const count = Math.min(pdfium.FPDFFormObj_CountObjects(object), MAX_OBJECTS);
      const children: number[] = [];
      for (let index = 0; index < count; index++) children.push(pdfium.FPDFFormObj_GetObject(object, index));
      tally(document, children, contents, depth + 1, bounds);
    }
  }
}

/**
 * A scanned page: no visible text, and pictures covering at least half of it. Such pages are
 * shown side by side but never compared pixel by pixel (a scan never matches a render).
 */
export function detectPageScan(document: PdfiumDocument, page: number, pageAreaPt: number): boolean {
  const { pdfium } = document;
  const count = pdfium.FPDFPage_CountObjects(page);
  if (count <= 0 || count > MAX_OBJECTS) return false;
  const objects: number[] = [];
  for (let index = 0; index < count; index++) objects.push(pdfium.FPDFPage_GetObject(page, index));
  const contents: PageContents = { visibleText: 0, imageArea: 0, objects: 0 };
  const bounds = pdfium.pdfium.wasmExports.malloc(16);
  try {
    tally(document, objects, contents, 0, bounds);
  } finally {
    pdfium.pdfium.wasmExports.free(bounds);
  }
  return contents.objects <= MAX_OBJECTS && contents.visibleText === 0 && contents.imageArea >= 0.5 * pageAreaPt;
}
