import { discardPdfium, heapOf, loadPdfium, type Pdfium } from "./load-pdfium";

/** Why a comparison could not be made, in French: shown to the host as "comparaison impossible : …". */
export class ComparisonImpossibleError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ComparisonImpossibleError";
  }
}

/** The largest page we render, in points (1 m): past it a page is a hostile bitmap request, not a convention. */
const MAX_PAGE_SIDE_POINTS = 2835;

const loadErrors: Record<number, (label: string) => string> = {
  2: (label) => `le fichier ${label} est endommagé ou n'est pas un PDF`,
  3: (label) => `le fichier ${label} n'est pas un PDF`,
  4: (label) => `le fichier ${label} est protégé par un mot de passe`,
  5: (label) => `le fichier ${label} utilise une protection non prise en charge`,
  6: (label) => `une page du fichier ${label} est endommagée`,
};

export interface PdfiumDocument {
  pdfium: Pdfium;
  handle: number;
  form: number;
  pageCount: number;
  label: string;
}

export interface PageSize {
  widthPt: number;
  heightPt: number;
}

function openDocument(pdfium: Pdfium, bytes: Uint8Array, label: string, opened: Array<() => void>): PdfiumDocument {
  const buffer = pdfium.pdfium.wasmExports.malloc(bytes.length);
  if (!buffer) throw new ComparisonImpossibleError(`le fichier ${label} est trop volumineux pour être affiché`);
  opened.push(() => pdfium.pdfium.wasmExports.free(buffer));
  heapOf(pdfium).set(bytes, buffer);
  const handle = pdfium.FPDF_LoadMemDocument(buffer, bytes.length, "");
  if (!handle) {
    const code = pdfium.FPDF_GetLastError();
    throw new ComparisonImpossibleError((loadErrors[code] ?? ((name: string) => `le fichier ${name} ne peut pas être ouvert`))(label));
  }
  opened.push(() => pdfium.FPDF_CloseDocument(handle));
  const formInfo = pdfium.PDFiumExt_OpenFormFillInfo();
  let form = 0;
  if (formInfo) {
    opened.push(() => pdfium.PDFiumExt_CloseFormFillInfo(formInfo));
    form = pdfium.PDFiumExt_InitFormFillEnvironment(handle, formInfo);
    if (form) opened.push(() => pdfium.PDFiumExt_ExitFormFillEnvironment(form));
  }
  return { pdfium, handle, form, pageCount: pdfium.FPDF_GetPageCount(handle), label };
}

/**
 * Opens each file with PDFium and hands the documents to `work`, closing them whatever happens.
 * `work` is synchronous, so no other request uses the PDFium instance meanwhile. A
 * WebAssembly trap discards the instance and becomes an impossible comparison, never a crash.
 */
export async function withPdfiumDocuments<T>(
  files: ReadonlyArray<{ bytes: Uint8Array; label: string }>, work: (documents: PdfiumDocument[]) => T,
): Promise<T> {
  const pdfium = await loadPdfium();
  const opened: Array<() => void> = [];
  try {
    return work(files.map(({ bytes, label }) => openDocument(pdfium, bytes, label, opened)));
  } catch (error) {
    if (error instanceof ComparisonImpossibleError) throw error;
    discardPdfium();
    throw new ComparisonImpossibleError("l'afficheur PDF a rencontré une erreur dans ce fichier");
  } finally {
    try {
      for (const close of opened.reverse()) close();
    } catch {
      discardPdfium();
    }
  }
}

/** The page's size as displayed (rotation applied), checked against the render limits. */
export function readPageSize(document: PdfiumDocument, index: number): PageSize {
  const { pdfium } = document;
  const out = pdfium.pdfium.wasmExports.malloc(8);
  try {
    if (!pdfium.FPDF_GetPageSizeByIndexF(document.handle, index, out)) {
      throw new ComparisonImpossibleError(`la page ${index + 1} du fichier ${document.label} est illisible`);
    }
    const widthPt = pdfium.pdfium.getValue(out, "float");
    const heightPt = pdfium.pdfium.getValue(out + 4, "float");
    if (!(widthPt >= 1 && heightPt >= 1 && widthPt <= MAX_PAGE_SIDE_POINTS && heightPt <= MAX_PAGE_SIDE_POINTS)) {
      throw new ComparisonImpossibleError(`la page ${index + 1} du fichier ${document.label} a des dimensions hors normes`);
    }
    return { widthPt, heightPt };
  } finally {
    pdfium.pdfium.wasmExports.free(out);
  }
}

/** Loads one page (with its form fields, as a browser shows them) for `work`, then closes it. */
export function withPdfiumPage<T>(document: PdfiumDocument, index: number, work: (page: number) => T): T {
  const { pdfium } = document;
  const page = pdfium.FPDF_LoadPage(document.handle, index);
  if (!page) throw new ComparisonImpossibleError(`la page ${index + 1} du fichier ${document.label} est illisible`);
  if (document.form) pdfium.FORM_OnAfterLoadPage(page, document.form);
  try {
    return work(page);
  } finally {
    if (document.form) pdfium.FORM_OnBeforeClosePage(page, document.form);
    pdfium.FPDF_ClosePage(page);
  }
}
