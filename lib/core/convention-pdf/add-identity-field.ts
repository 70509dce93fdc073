import { type PDFDocument, PDFHexString, type PDFPage, type PDFRef, PDFString } from "pdf-lib";

export type IdentityFieldSpec = {
  conventionId: string;
  page: PDFPage;
  rect: { x: number; y: number; width: number; height: number };
  /** Font resource used by the field's appearance, and its name in /DA. */
  font: { name: string; ref: PDFRef };
  /** The UUID already encoded as glyph codes of that font (hex). */
  encodedText: string;
};

// Annotation flag 2 (Hidden): never shown nor printed. Field flag 1 (ReadOnly).
const hiddenFlag = 2;
const readOnlyFlag = 1;

/**
 * Adds the hidden read-only text field `convention_id` whose value is the UUID: the channel that
 * form-aware tools (Acrobat, qpdf --json, pdf.js) read without parsing the page text.
 */
export function addIdentityField(doc: PDFDocument, spec: IdentityFieldSpec): PDFRef {
  const context = doc.context;
  const { x, y, width, height } = spec.rect;
  const fontSize = 8;
  const appearance = context.register(
    context.stream(
      `/Tx BMC q BT /${spec.font.name} ${fontSize} Tf 0 g 2 ${(height - fontSize) / 2 + 1.5} Td <${spec.encodedText}> Tj ET Q EMC`,
      {
        Type: "XObject",
        Subtype: "Form",
        BBox: [0, 0, width, height],
        Resources: { Font: { [spec.font.name]: spec.font.ref } },
      },
    ),
  );
  const field = context.register(
    context.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Tx",
      T: PDFString.of("convention_id"),
      TU: PDFHexString.fromText("Identifiant de la convention"),
      V: PDFString.of(spec.conventionId),
      Ff: readOnlyFlag,
      F: hiddenFlag,
      Rect: [x, y, x + width, y + height],
      P: spec.page.ref,
      DA: PDFString.of(`/${spec.font.name} ${fontSize} Tf 0 g`),
      AP: { N: appearance },
    }),
  );
  spec.page.node.addAnnot(field);
  return field;
}
