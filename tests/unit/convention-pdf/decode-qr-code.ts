import { readFileSync } from "node:fs";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/** Decodes the QR code found in a rendered page (dark code on a light page), or null. */
export function decodeQrCode(pngPath: string): string | null {
  const png = PNG.sync.read(readFileSync(pngPath));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  return jsQR(pixels, png.width, png.height, { inversionAttempts: "dontInvert" })?.data ?? null;
}
