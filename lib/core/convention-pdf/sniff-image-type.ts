import type { SignatureImageType } from "./convention-pdf-input";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Recognises a PNG or JPEG image by its magic bytes, whatever the file name or declared type says.
 * Returns null for anything else (GIF, WebP, SVG, PDF, truncated files…).
 */
export function sniffImageType(bytes: Uint8Array): SignatureImageType | null {
  // A PNG needs at least its signature and the IHDR chunk header.
  if (bytes.length >= 16 && pngSignature.every((byte, index) => bytes[index] === byte)) {
    const isIhdrFirst = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
    return isIhdrFirst ? "png" : null;
  }
  // JPEG: SOI marker followed by the start of another marker segment.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "jpeg";
  }
  return null;
}
