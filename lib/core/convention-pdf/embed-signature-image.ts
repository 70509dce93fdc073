import { type PDFDocument, type PDFRef } from "pdf-lib";
import type { SignatureImage } from "./convention-pdf-input";
import { prepareSignatureImage, type PreparedSignatureImage } from "./prepare-signature-image";

export type EmbeddedImage = { ref: PDFRef; width: number; height: number };

/**
 * Adds a school's signature image to the document as an image XObject (with a soft mask if
 * transparent), reduced and cached by prepareSignatureImage. An image that decoder cannot read
 * (a rare JPEG flavour) is embedded as uploaded by pdf-lib rather than failing the convention.
 */
export async function embedSignatureImage(doc: PDFDocument, image: SignatureImage): Promise<EmbeddedImage> {
  let prepared: PreparedSignatureImage;
  try {
    prepared = prepareSignatureImage(image);
  } catch {
    const embedded = image.type === "png" ? await doc.embedPng(image.bytes) : await doc.embedJpg(image.bytes);
    // pdf-lib registers its streams lazily; embed now so that the reference exists when drawing.
    await embedded.embed();
    return { ref: embedded.ref, width: embedded.width, height: embedded.height };
  }
  return embedPrepared(doc, prepared);
}

function embedPrepared(doc: PDFDocument, prepared: PreparedSignatureImage): EmbeddedImage {
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
