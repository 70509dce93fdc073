import { type PDFDocument, type PDFRef } from "pdf-lib";
import QRCode from "qrcode";

export type QrCodeXObject = {
  ref: PDFRef;
  /** Side of the code in modules, quiet zone included. */
  sizeInModules: number;
};

const quietZoneModules = 4;

/**
 * Draws `text` as a QR code in one vector form XObject spanning the unit square (quiet zone
 * included), so that every page can show it with a single `Do`. Dark modules of a row are merged
 * into runs.
 */
export function createQrCodeXObject(doc: PDFDocument, text: string): QrCodeXObject {
  // Level M survives a printed, scanned and slightly dirty page and keeps the code small.
  // One byte-mode segment: qrcode's segment optimiser (a shortest-path search) costs milliseconds.
  const { modules } = QRCode.create([{ data: new TextEncoder().encode(text), mode: "byte" }], { errorCorrectionLevel: "M" });
  const count = modules.size;
  const side = count + 2 * quietZoneModules;
  const commands: string[] = [`1 g 0 0 ${side} ${side} re f 0 g`];
  for (let row = 0; row < count; row++) {
    const y = side - quietZoneModules - row - 1;
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column++;
      commands.push(`${start + quietZoneModules} ${y} ${column - start} 1 re`);
    }
  }
  commands.push("f");
  const stream = doc.context.flateStream(commands.join("\n"), {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, side, side],
    // Maps the code onto the unit square, like an image: placing it is then `w 0 0 h x y cm /QR Do`.
    Matrix: [1 / side, 0, 0, 1 / side, 0, 0],
    Resources: {},
  });
  return { ref: doc.context.register(stream), sizeInModules: side };
}
