import type { PdfiumDocument } from "./pdfium-document";
import type { PageRegion } from "./visual-comparison-types";

export interface SignatureWidget {
  fieldName: string;
  /** PDF user space [x1, y1, x2, y2]. */
  rect: [number, number, number, number];
  /** The same box on the rendered page, as fractions of its size. */
  region: PageRegion;
  /** A signature value fills the field. */
  isSigned: boolean;
}

const FPDF_ANNOT_WIDGET = 20;
const FPDF_FORMFIELD_SIGNATURE = 7;
const MAX_ANNOTATIONS = 500;

function readFieldName(document: PdfiumDocument, annotation: number): string {
  const { pdfium } = document;
  const length = pdfium.FPDFAnnot_GetFormFieldName(document.form, annotation, 0, 0);
  if (length <= 2 || length > 4096) return "";
  const buffer = pdfium.pdfium.wasmExports.malloc(length);
  try {
    pdfium.FPDFAnnot_GetFormFieldName(document.form, annotation, buffer, length);
    return pdfium.pdfium.UTF16ToString(buffer);
  } finally {
    pdfium.pdfium.wasmExports.free(buffer);
  }
}

/** Maps a user-space rectangle to the rendered page (rotation and crop box applied by PDFium). */
export function regionOfRect(
  document: PdfiumDocument, page: number, size: { widthPx: number; heightPx: number }, rect: [number, number, number, number],
): PageRegion {
  const { pdfium } = document;
  const out = pdfium.pdfium.wasmExports.malloc(8);
  try {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [x, y] of [[rect[0], rect[1]], [rect[2], rect[3]]]) {
      pdfium.FPDF_PageToDevice(page, 0, 0, size.widthPx, size.heightPx, 0, x, y, out, out + 4);
      xs.push(pdfium.pdfium.getValue(out, "i32"));
      ys.push(pdfium.pdfium.getValue(out + 4, "i32"));
    }
    const clamp = (value: number) => Math.min(1, Math.max(0, value));
    const left = clamp(Math.min(...xs) / size.widthPx);
    const top = clamp(Math.min(...ys) / size.heightPx);
    return { x: left, y: top, width: clamp(Math.max(...xs) / size.widthPx) - left, height: clamp(Math.max(...ys) / size.heightPx) - top };
  } finally {
    pdfium.pdfium.wasmExports.free(out);
  }
}

/** The signature fields' widgets on a loaded page, with their boxes and whether a signature fills them. */
export function readSignatureWidgets(document: PdfiumDocument, page: number, size: { widthPx: number; heightPx: number }): SignatureWidget[] {
  const { pdfium } = document;
  if (!document.form) return [];
  const widgets: SignatureWidget[] = [];
  const count = Math.min(pdfium.FPDFPage_GetAnnotCount(page), MAX_ANNOTATIONS);
  const rectBuffer = pdfium.pdfium.wasmExports.malloc(16);
  try {
    for (let index = 0; index < count; index++) {
      const annotation = pdfium.FPDFPage_GetAnnot(page, index);
      if (!annotation) continue;
      try {
        if (pdfium.FPDFAnnot_GetSubtype(annotation) !== FPDF_ANNOT_WIDGET) continue;
        if (pdfium.FPDFAnnot_GetFormFieldType(document.form, annotation) !== FPDF_FORMFIELD_SIGNATURE) continue;
        if (!pdfium.FPDFAnnot_GetRect(annotation, rectBuffer)) continue;
        // FS_RECTF { left, top, right, bottom }
        const [left, top, right, bottom] = [0, 4, 8, 12].map((offset) => pdfium.pdfium.getValue(rectBuffer + offset, "float"));
        const rect: [number, number, number, number] = [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
        widgets.push({
          fieldName: readFieldName(document, annotation),
          rect,
          region: regionOfRect(document, page, size, rect),
          isSigned: pdfium.FPDFAnnot_HasKey(annotation, "V"),
        });
      } finally {
        pdfium.FPDFPage_CloseAnnot(annotation);
      }
    }
  } finally {
    pdfium.pdfium.wasmExports.free(rectBuffer);
  }
  return widgets;
}
