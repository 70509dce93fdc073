import { crc32, inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { sniffImageType } from "@/lib/core/convention-pdf/sniff-image-type";
import { AppError } from "@/lib/core/errors";

export const MAX_SIGNATURE_IMAGE_BYTES = 1024 * 1024;
const MAX_SIDE_PIXELS = 6000;

const damaged = () => new AppError("IMAGE_INVALID", "Cette image est endommagée ou illisible. Enregistrez-la de nouveau au format PNG ou JPEG.");
const tooManyPixels = () => new AppError("IMAGE_INVALID", `L'image est trop grande : ${MAX_SIDE_PIXELS} pixels de côté au plus.`);

const channelsByColorType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Walks every chunk (bounds and CRC), checks the header and inflates the pixels under a cap:
 * pdf-lib's PNG decoder loops forever on a truncated file and would inflate a bomb whole.
 */
function checkPng(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | null = null;
  const idat: Uint8Array[] = [];
  let hasEnd = false;
  while (offset + 12 <= bytes.length && !hasEnd) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const dataEnd = offset + 8 + length;
    if (length > bytes.length || dataEnd + 4 > bytes.length) throw damaged();
    if (crc32(bytes.subarray(offset + 4, dataEnd)) !== view.getUint32(dataEnd)) throw damaged();
    const data = bytes.subarray(offset + 8, dataEnd);
    if (!header && type !== "IHDR") throw damaged();
    if (type === "IHDR") {
      if (header || length !== 13) throw damaged();
      header = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") hasEnd = true;
    offset = dataEnd + 4;
  }
  if (!header || !hasEnd || idat.length === 0) throw damaged();
  const channels = channelsByColorType[header.colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(header.bitDepth) || header.width === 0 || header.height === 0) throw damaged();
  if (header.width > MAX_SIDE_PIXELS || header.height > MAX_SIDE_PIXELS) throw tooManyPixels();
  const rowBytes = Math.ceil((header.width * channels * header.bitDepth) / 8);
  const expected = header.height * (1 + rowBytes);
  let pixels: Buffer;
  try {
    // Interlaced images carry a few more filter bytes; the cap only has to stop a bomb.
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected * 2 + 1024 });
  } catch {
    throw damaged();
  }
  if (header.interlace === 0 ? pixels.length !== expected : pixels.length < expected) throw damaged();
}

/** Follows the marker segments to a frame header and a scan, and requires the end-of-image marker. */
function checkJpeg(bytes: Uint8Array): void {
  let offset = 2;
  let hasFrame = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw damaged();
    const marker = bytes[offset + 1];
    if (marker === 0xff) { offset += 1; continue; }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { offset += 2; continue; }
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (length < 2 || offset + 2 + length > bytes.length) throw damaged();
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (length < 8) throw damaged();
      const height = (bytes[offset + 5] << 8) | bytes[offset + 6];
      const width = (bytes[offset + 7] << 8) | bytes[offset + 8];
      if (width === 0 || height === 0) throw damaged();
      if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS) throw tooManyPixels();
      hasFrame = true;
    }
    if (marker === 0xda) {
      if (!hasFrame) throw damaged();
      const tail = bytes.subarray(Math.max(offset, bytes.length - 64));
      const hasEnd = tail.some((byte, index) => byte === 0xff && tail[index + 1] === 0xd9);
      if (!hasEnd) throw damaged();
      return;
    }
    offset += 2 + length;
  }
  throw damaged();
}

/**
 * Accepts only what stamps cleanly into a convention: a PNG or JPEG (by its bytes, never its name),
 * 1 MB at most, whole, of sensible dimensions, that pdf-lib can embed.
 */
export async function checkSignatureImage(bytes: Uint8Array): Promise<"png" | "jpeg"> {
  if (bytes.length === 0) throw new AppError("EMPTY_FILE", "Le fichier est vide : choisissez l'image de votre signature.");
  if (bytes.length > MAX_SIGNATURE_IMAGE_BYTES) {
    throw new AppError("FILE_TOO_LARGE", "L'image dépasse 1 Mo. Réduisez-la (par exemple à 600 × 200 pixels) puis recommencez.");
  }
  const type = sniffImageType(bytes);
  if (!type) {
    throw new AppError("IMAGE_INVALID", "Ce fichier n'est pas une image PNG ou JPEG, quel que soit son nom. Enregistrez la signature au format PNG ou JPEG puis recommencez.");
  }
  if (type === "png") checkPng(bytes);
  else checkJpeg(bytes);
  try {
    const probe = await PDFDocument.create();
    const image = type === "png" ? await probe.embedPng(bytes) : await probe.embedJpg(bytes);
    await probe.save();
    if (!image.width || !image.height) throw damaged();
  } catch {
    throw damaged();
  }
  return type;
}
