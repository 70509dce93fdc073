import { PDFDocument, PDFRef } from "pdf-lib";
import type { SignatureImage } from "./convention-pdf-input";
import { prepareSignatureImage } from "./prepare-signature-image";

export type EmbeddedImage = { ref: PDFRef; width: number; height: number };

/** Adds a school's signature image to the document as an image XObject (with a soft mask if transparent). */
export function embedSignatureImage(doc: PDFDocument, image: SignatureImage): EmbeddedImage {
  const prepared = prepareSignatureImage(image);
  const context = doc.context;
  const { width, height } = prepared;
  const base = { Type: "XObject", Subtype: "Image", Width: width, Height: height, BitsPerComponent: 8 };
  if (prepared.kind === "jpeg") {
    const ref = context.register(context.stream(prepared.jpeg, { ...base, ColorSpace: "DeviceRGB", Filter: "DCTDecode" }));
    return { ref, width, height };
  }
  const softMask = prepared.alpha
    ? { SMask: context.register(context.stream(prepared.alpha, { ...base, ColorSpace: "DeviceGray", Filter: "FlateDecode" })) }
    : {};
  const ref = context.register(
    context.stream(prepared.rgb, { ...base, ColorSpace: "DeviceRGB", Filter: "FlateDecode", ...softMask }),
  );
  return { ref, width, height };
}
