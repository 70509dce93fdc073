import type jpegJs from "jpeg-js";
import type jsQrFunction from "jsqr";
import { PdfUnreadableError, type AnalysisBudget } from "./analysis-budget";
import type { PdfDocument } from "./pdf-document";
import { integerValue, isArray, isName, isStream, nameValue, type PdfDict, type PdfObject, type PdfStream } from "./pdf-objects";
import { decodeCcittFax } from "./ccitt-fax-decoder";
import { listPages } from "./page-text";

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
/** jsQR finds a printed QR code well below this size and gets slow above it. */
const SCAN_LONG_SIDE = 1000;
/** Page corners first (the generator prints the code in a corner), each much cheaper than the whole page. */
const REGIONS: Array<[number, number, number, number]> = [
  [0.45, 0.65, 1, 1],
  [0, 0.65, 0.55, 1],
  [0.45, 0, 1, 0.35],
  [0, 0, 0.55, 0.35],
  [0, 0, 1, 1],
];

interface GrayImage {
  width: number;
  height: number;
  gray: Uint8Array;
}

interface ImageCodecs {
  jpeg: typeof jpegJs;
  jsQR: typeof jsQrFunction;
}

let codecs: Promise<ImageCodecs> | null = null;

/** The JPEG and QR decoders, loaded the first time a scan is searched: most analyses never need them. */
function loadCodecs(): Promise<ImageCodecs> {
  codecs ??= Promise.all([import("jpeg-js"), import("jsqr")]).then(([jpegModule, qrModule]) => {
    const jpeg = ((jpegModule as { default?: typeof jpegJs }).default ?? jpegModule) as typeof jpegJs;
    // CommonJS modules reach here as `default` (Node, bundlers) or with a nested `default` (interop helpers).
    let jsQR: unknown = (qrModule as { default?: unknown }).default ?? qrModule;
    if (typeof jsQR !== "function") jsQR = (jsQR as { default: unknown }).default;
    return { jpeg, jsQR: jsQR as typeof jsQrFunction };
  });
  return codecs;
}

/** Convention ids read from QR codes in the page images of a revision (a scanned convention). */
export async function findConventionIdsInQrCodes(doc: PdfDocument, revision: number, appUrl: string | undefined, maxPages = 4): Promise<string[]> {
  const pages = listPages(doc, revision, maxPages);
  let loaded: ImageCodecs | null = null;
  const pattern = new RegExp(`${appUrl ? escapeRegExp(appUrl.replace(/\/+$/, "")) : "[^\\s]*"}/conventions/(${UUID})(?:[/?#]|$)`, "i");
  const found = new Set<string>();
  let deadline = Date.now() + doc.budget.limits.qrScanTimeMs;
  for (const { resources } of pages) {
    let hasQrCode = false;
    for (const image of collectImages(doc, revision, resources, 0)) {
      // A QR code only ever yields a suggestion: past its own time, the scan stops without failing the analysis.
      if (Date.now() > deadline) return [...found];
      if (!loaded) {
        loaded = await loadCodecs();
        // The scan time excludes loading the decoders, as when they were loaded with the module.
        deadline = Date.now() + doc.budget.limits.qrScanTimeMs;
      }
      const gray = decodeImage(doc, revision, image, loaded.jpeg);
      if (!gray) continue;
      const text = scanGrayImage(gray, doc.budget, deadline, loaded.jsQR);
      const match = text ? pattern.exec(text) : null;
      hasQrCode ||= text !== null;
      if (match) found.add(match[1].toLowerCase());
    }
    // Every page of a convention carries the same code: one readable page is enough.
    if (hasQrCode) break;
  }
  return [...found];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function collectImages(doc: PdfDocument, revision: number, resources: PdfDict | null, depth: number): PdfStream[] {
  const out: PdfStream[] = [];
  const xobjects = doc.resolveDict(resources?.entries.get("XObject"), revision);
  if (!xobjects || depth > 3) return out;
  for (const value of xobjects.entries.values()) {
    const xobject = doc.resolve(value, revision);
    if (!isStream(xobject)) continue;
    const subtype = nameValue(xobject.dict.entries.get("Subtype"));
    if (subtype === "Image") out.push(xobject);
    else if (subtype === "Form") out.push(...collectImages(doc, revision, doc.resolveDict(xobject.dict.entries.get("Resources"), revision), depth + 1));
  }
  return out;
}

function componentsOf(doc: PdfDocument, revision: number, colorSpace: PdfObject | undefined): { count: number; indexed: { base: number; lookup: Uint8Array } | null } {
  const space = doc.resolve(colorSpace, revision);
  const name = isName(space) ? space.value : isArray(space) ? nameValue(space.items[0]) : null;
  if (name === "DeviceGray" || name === "CalGray" || name === "G") return { count: 1, indexed: null };
  if (name === "DeviceRGB" || name === "CalRGB" || name === "RGB") return { count: 3, indexed: null };
  if (name === "DeviceCMYK" || name === "CMYK") return { count: 4, indexed: null };
  if (name === "ICCBased" && isArray(space)) {
    const profile = doc.resolve(space.items[1], revision);
    const n = isStream(profile) ? integerValue(profile.dict.entries.get("N")) : null;
    return { count: n === 1 || n === 3 || n === 4 ? n : 3, indexed: null };
  }
  if ((name === "Indexed" || name === "I") && isArray(space)) {
    const base = componentsOf(doc, revision, space.items[1]);
    const lookupObject = doc.resolve(space.items[3], revision);
    const lookup = isStream(lookupObject)
      ? doc.tryDecodeStream(lookupObject, revision)
      : lookupObject && typeof lookupObject === "object" && lookupObject.kind === "string"
        ? lookupObject.bytes
        : null;
    if (lookup) return { count: 1, indexed: { base: base.count, lookup } };
  }
  return { count: 1, indexed: null };
}

function decodeImage(doc: PdfDocument, revision: number, image: PdfStream, jpeg: typeof jpegJs): GrayImage | null {
  const width = integerValue(image.dict.entries.get("Width")) ?? 0;
  const height = integerValue(image.dict.entries.get("Height")) ?? 0;
  if (width < 21 || height < 21 || width * height > doc.budget.limits.maxQrImagePixels) return null;
  try {
    const decoded = doc.decodeStream(image, revision);
    const pending = decoded.pendingImageFilter;
    if (pending && (pending.name === "DCTDecode" || pending.name === "DCT")) {
      const maxMegapixels = doc.budget.limits.maxQrImagePixels / 1_000_000;
      const rgba = jpeg.decode(decoded.data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 1024 });
      const gray = new Uint8Array(rgba.width * rgba.height);
      for (let i = 0, j = 0; i < gray.length; i++, j += 4) gray[i] = (rgba.data[j] * 77 + rgba.data[j + 1] * 150 + rgba.data[j + 2] * 29) >> 8;
      return { width: rgba.width, height: rgba.height, gray };
    }
    const isMask = image.dict.entries.get("ImageMask") === true;
    let data = decoded.data;
    let bpc = isMask ? 1 : (integerValue(image.dict.entries.get("BitsPerComponent")) ?? 8);
    let components = isMask ? { count: 1, indexed: null } : componentsOf(doc, revision, image.dict.entries.get("ColorSpace"));
    if (pending && (pending.name === "CCITTFaxDecode" || pending.name === "CCF")) {
      data = decodeCcittFax(data, pending.params, width, height, doc.budget);
      bpc = 1;
      components = { count: 1, indexed: null };
    } else if (pending) return null;
    return toGray(data, width, height, bpc, components, isMask);
  } catch (error) {
    if (error instanceof PdfUnreadableError && doc.budget.isExpired()) throw error;
    return null;
  }
}

function toGray(
  data: Uint8Array,
  width: number,
  height: number,
  bpc: number,
  components: { count: number; indexed: { base: number; lookup: Uint8Array } | null },
  isMask: boolean,
): GrayImage | null {
  if (![1, 2, 4, 8, 16].includes(bpc)) return null;
  const rowBytes = Math.ceil((width * components.count * bpc) / 8);
  if (data.length < rowBytes * height) return null;
  const gray = new Uint8Array(width * height);
  const maxValue = (1 << Math.min(bpc, 8)) - 1;
  const sample = (row: number, index: number): number => {
    if (bpc === 8) return data[row * rowBytes + index];
    if (bpc === 16) return data[row * rowBytes + index * 2];
    const bit = index * bpc;
    const byte = data[row * rowBytes + (bit >> 3)];
    return (byte >> (8 - bpc - (bit & 7))) & maxValue;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value: number;
      if (components.indexed) {
        const entry = sample(y, x) * components.indexed.base;
        const lookup = components.indexed.lookup;
        value = components.indexed.base >= 3 ? (lookup[entry] * 77 + lookup[entry + 1] * 150 + lookup[entry + 2] * 29) >> 8 : lookup[entry];
      } else if (components.count === 1) {
        value = bpc === 8 || bpc === 16 ? sample(y, x) : Math.round((sample(y, x) * 255) / maxValue);
        if (isMask) value = value ? 255 : 0;
      } else if (components.count === 3) {
        value = (sample(y, 3 * x) * 77 + sample(y, 3 * x + 1) * 150 + sample(y, 3 * x + 2) * 29) >> 8;
        if (bpc < 8) value = Math.round((value * 255) / maxValue);
      } else {
        const k = sample(y, 4 * x + 3);
        value = 255 - Math.min(255, (sample(y, 4 * x) * 77 + sample(y, 4 * x + 1) * 150 + sample(y, 4 * x + 2) * 29) / 256 + k);
      }
      gray[y * width + x] = value;
    }
  }
  return { width, height, gray };
}

function scanGrayImage(image: GrayImage, budget: AnalysisBudget, deadline: number, jsQR: typeof jsQrFunction): string | null {
  for (const [fx0, fy0, fx1, fy1] of REGIONS) {
    if (Date.now() > deadline) return null;
    const x0 = Math.floor(image.width * fx0);
    const y0 = Math.floor(image.height * fy0);
    const regionWidth = Math.floor(image.width * fx1) - x0;
    const regionHeight = Math.floor(image.height * fy1) - y0;
    const factor = Math.max(1, Math.ceil(Math.max(regionWidth, regionHeight) / SCAN_LONG_SIDE));
    const width = Math.floor(regionWidth / factor);
    const height = Math.floor(regionHeight / factor);
    if (width < 21 || height < 21) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          const row = (y0 + y * factor + dy) * image.width + x0 + x * factor;
          for (let dx = 0; dx < factor; dx++) sum += image.gray[row + dx];
        }
        const value = sum / (factor * factor);
        const o = (y * width + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = value;
        rgba[o + 3] = 255;
      }
    }
    const code = jsQR(rgba, width, height, { inversionAttempts: "dontInvert" });
    if (code?.data) return code.data;
  }
  return null;
}
