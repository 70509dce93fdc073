import { type PDFDocument, PDFHexString, type PDFPage, type PDFRef, PDFString } from "pdf-lib";

export type SignatureFieldSpec = {
  /** Fully qualified field name, e.g. "Signature_Accueil". */
  name: string;
  /** Tooltip a reader shows over the field (/TU), in French. */
  tooltip: string;
  page: PDFPage;
  rect: { x: number; y: number; width: number; height: number };
};

// Annotation flag 3 (Print): a signature applied later is printed with the page.
const printFlag = 4;

/**
 * Adds empty signature fields (merged field + widget dictionaries, /FT /Sig, no /V) placed on the
 * signature boxes, so that a reader offers "click to sign" in the right box and an appending signer
 * (pdfsig -sign, iText, PDFBox, MuPDF) can fill them in an incremental update.
 */
export function addSignatureFields(doc: PDFDocument, specs: SignatureFieldSpec[]): PDFRef[] {
  const context = doc.context;
  return specs.map((spec) => {
    const { x, y, width, height } = spec.rect;
    // An empty appearance keeps strict validators quiet; the signer replaces it.
    const appearance = context.register(
      context.stream("", { Type: "XObject", Subtype: "Form", BBox: [0, 0, width, height], Resources: {} }),
    );
    const widget = context.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Sig",
      T: PDFString.of(spec.name),
      TU: PDFHexString.fromText(spec.tooltip),
      Rect: [x, y, x + width, y + height],
      F: printFlag,
      P: spec.page.ref,
      AP: { N: appearance },
    });
    const widgetRef = context.register(widget);
    spec.page.node.addAnnot(widgetRef);
    return widgetRef;
  });
}
