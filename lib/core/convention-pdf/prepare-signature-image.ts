import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { decode as decodeJpeg, encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import type { SignatureImage } from "./convention-pdf-input";

/** A signature image reduced and encoded once, ready to become image XObjects in any document. */
export type PreparedSignatureImage =
  | { kind: "jpeg"; width: number; height: number; jpeg: Uint8Array }
  | { kind: "flate"; width: number; height: number; rgb: Uint8Array; alpha: Uint8Array | null };

/** Larger images are scaled down: the signature box is about 150 × 80 pt, so this is over 250 dpi. */
export const maxStampWidth = 640;
export const maxStampHeight = 320;
// Uploads are limited to 6000 px a side by the options page; decoding stays bounded beyond that.
const maxSourcePixels = 40_000_000;
const cacheLimit = 32;
// A school's signature is stamped on every one of its conventions: decode and compress it once.
const preparedByDigest = new Map<string, PreparedSignatureImage>();

type Rgba = { width: number; height: number; data: Uint8Array };

/**
 * Decodes a PNG or JPEG signature image, scales it down to at most 640 × 320 px and encodes it for
 * PDF (PNG: RGB plus a soft mask when it has transparency; JPEG: baseline RGB JPEG). Throws on an
 * unreadable or gigantic image, so the options page can call it to validate an upload.
 */
export function prepareSignatureImage(image: SignatureImage): PreparedSignatureImage {
  const digest = `${image.type}:${createHash("sha256").update(image.bytes).digest("hex")}`;
  const cached = preparedByDigest.get(digest);
  if (cached) return cached;
  const prepared = image.type === "png" ? preparePng(image.bytes) : prepareJpeg(image.bytes);
  if (preparedByDigest.size >= cacheLimit) preparedByDigest.delete(preparedByDigest.keys().next().value!);
  preparedByDigest.set(digest, prepared);
  return prepared;
}

function preparePng(bytes: Uint8Array): PreparedSignatureImage {
  // Check the header before inflating: a tiny file can declare a huge image.
  if (bytes.length < 24) throw new Error("PNG image is truncated");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assertReasonableSize(view.getUint32(16), view.getUint32(20));
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width, height, data } = scaleDown({ width: png.width, height: png.height, data: png.data });
  const pixels = width * height;
  const rgb = new Uint8Array(pixels * 3);
  const alpha = new Uint8Array(pixels);
  let isOpaque = true;
  for (let pixel = 0; pixel < pixels; pixel++) {
    rgb[pixel * 3] = data[pixel * 4];
    rgb[pixel * 3 + 1] = data[pixel * 4 + 1];
    rgb[pixel * 3 + 2] = data[pixel * 4 + 2];
    alpha[pixel] = data[pixel * 4 + 3];
    if (alpha[pixel] !== 255) isOpaque = false;
  }
  return {
    kind: "flate",
    width,
    height,
    rgb: new Uint8Array(deflateSync(rgb)),
    alpha: isOpaque ? null : new Uint8Array(deflateSync(alpha)),
  };
}

function prepareJpeg(bytes: Uint8Array): PreparedSignatureImage {
  const decoded = decodeJpeg(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: maxSourcePixels / 1_000_000,
    maxMemoryUsageInMB: 512,
  });
  assertReasonableSize(decoded.width, decoded.height);
  const scaled = scaleDown({ width: decoded.width, height: decoded.height, data: decoded.data });
  // Re-encoding gives every reader a plain baseline RGB JPEG, whatever the upload was (CMYK, progressive…).
  const jpeg = encodeJpeg({ width: scaled.width, height: scaled.height, data: scaled.data }, 90).data;
  return { kind: "jpeg", width: scaled.width, height: scaled.height, jpeg: new Uint8Array(jpeg) };
}

function assertReasonableSize(width: number, height: number): void {
  if (width === 0 || height === 0 || width * height > maxSourcePixels) {
    throw new Error(`Signature image of ${width} × ${height} pixels is empty or too large`);
  }
}

/** Box-filter reduction (average of the covered source pixels), keeping the aspect ratio. */
function scaleDown(image: Rgba): Rgba {
  const ratio = Math.min(1, maxStampWidth / image.width, maxStampHeight / image.height);
  if (ratio === 1) return image;
  const width = Math.max(1, Math.round(image.width * ratio));
  const height = Math.max(1, Math.round(image.height * ratio));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sourceTop = Math.floor((y * image.height) / height);
    const sourceBottom = Math.max(sourceTop + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sourceLeft = Math.floor((x * image.width) / width);
      const sourceRight = Math.max(sourceLeft + 1, Math.floor(((x + 1) * image.width) / width));
      let red = 0;
      let green = 0;
      let blue = 0;
      let opacity = 0;
      for (let sy = sourceTop; sy < sourceBottom; sy++) {
        for (let source = (sy * image.width + sourceLeft) * 4, end = (sy * image.width + sourceRight) * 4; source < end; source += 4) {
          const alpha = image.data[source + 3];
          // Weight colours by opacity so that transparent pixels do not darken the ink's edges.
          red += image.data[source] * alpha;
          green += image.data[source + 1] * alpha;
          blue += image.data[source + 2] * alpha;
          opacity += alpha;
        }
      }
      const count = (sourceBottom - sourceTop) * (sourceRight - sourceLeft);
      const target = (y * width + x) * 4;
      data[target] = opacity === 0 ? 255 : Math.round(red / opacity);
      data[target + 1] = opacity === 0 ? 255 : Math.round(green / opacity);
      data[target + 2] = opacity === 0 ? 255 : Math.round(blue / opacity);
      data[target + 3] = Math.round(opacity / count);
    }
  }
  return { width, height, data };
}
