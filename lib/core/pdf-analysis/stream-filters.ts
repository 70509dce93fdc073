import { constants, inflateSync } from "node:zlib";
import { type AnalysisBudget, PdfUnreadableError } from "./analysis-budget";
import { integerValue, isArray, isDict, isName, type PdfDict, type PdfObject } from "./pdf-objects";

/** Image codecs the analysis does not decode here; the data is returned still encoded with that filter. */
const IMAGE_FILTERS = new Set(["DCTDecode", "DCT", "CCITTFaxDecode", "CCF", "JBIG2Decode", "JPXDecode"]);

export interface DecodedStream {
  data: Uint8Array;
  /** Set when decoding stopped at an image codec: the filter name and its parameters. */
  pendingImageFilter: { name: string; params: PdfDict | null } | null;
}

function listOf(value: PdfObject | undefined): PdfObject[] {
  if (value === undefined || value === null) return [];
  return isArray(value) ? value.items : [value];
}

export function decodeStreamData(
  raw: Uint8Array,
  dict: PdfDict,
  budget: AnalysisBudget,
  resolve: (value: PdfObject | undefined) => PdfObject | undefined = (v) => v,
): DecodedStream {
  const filters = listOf(resolve(dict.entries.get("Filter") ?? dict.entries.get("F")));
  const params = listOf(resolve(dict.entries.get("DecodeParms") ?? dict.entries.get("DP")));
  if (filters.length > 8) throw new PdfUnreadableError("Flux PDF avec trop de filtres.");
  let data = raw;
  for (let i = 0; i < filters.length; i++) {
    const filter = resolve(filters[i]);
    if (!isName(filter)) throw new PdfUnreadableError("Filtre de flux invalide.");
    const rawParam = resolve(params[i]);
    const param = isDict(rawParam) ? rawParam : null;
    const name = filter.value;
    if (IMAGE_FILTERS.has(name)) return { data, pendingImageFilter: { name, params: param } };
    budget.checkTime();
    switch (name) {
      case "FlateDecode":
      case "Fl":
        data = applyPredictor(inflateBounded(data, budget), param, budget);
        break;
      case "LZWDecode":
      case "LZW":
        data = applyPredictor(decodeLzw(data, param, budget), param, budget);
        break;
      case "ASCIIHexDecode":
      case "AHx":
        data = decodeAsciiHex(data);
        break;
      case "ASCII85Decode":
      case "A85":
        data = decodeAscii85(data);
        break;
      case "RunLengthDecode":
      case "RL":
        data = decodeRunLength(data, budget);
        break;
      case "Crypt":
        break;
      default:
        throw new PdfUnreadableError(`Filtre de flux non pris en charge (${name.slice(0, 30)}).`);
    }
  }
  return { data, pendingImageFilter: null };
}

function inflateBounded(data: Uint8Array, budget: AnalysisBudget): Uint8Array {
  const allowance = budget.remainingInflateAllowance();
  let out: Buffer;
  try {
    out = inflateSync(data, { maxOutputLength: Math.max(1, allowance), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PdfUnreadableError("Le fichier contient des données compressées trop volumineuses.");
    }
    throw new PdfUnreadableError("Données compressées endommagées dans le fichier.");
  }
  budget.chargeInflated(data.length, out.length);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function applyPredictor(data: Uint8Array, params: PdfDict | null, budget: AnalysisBudget): Uint8Array {
  const predictor = integerValue(params?.entries.get("Predictor")) ?? 1;
  if (predictor <= 1) return data;
  const colors = Math.max(1, Math.min(integerValue(params?.entries.get("Colors")) ?? 1, 32));
  const bpc = Math.max(1, Math.min(integerValue(params?.entries.get("BitsPerComponent")) ?? 8, 16));
  const columns = Math.max(1, Math.min(integerValue(params?.entries.get("Columns")) ?? 1, 1 << 20));
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) return data;
    const out = Uint8Array.from(data);
    for (let row = 0; row * rowBytes < out.length; row++) {
      const base = row * rowBytes;
      for (let i = bytesPerPixel; i < rowBytes && base + i < out.length; i++) out[base + i] = (out[base + i] + out[base + i - bytesPerPixel]) & 0xff;
    }
    return out;
  }
  if (predictor < 10) throw new PdfUnreadableError("Prédicteur de flux non pris en charge.");
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  budget.checkTime();
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)];
    const src = row * (rowBytes + 1) + 1;
    const dst = row * rowBytes;
    const prev = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i];
      const left = i >= bytesPerPixel ? out[dst + i - bytesPerPixel] : 0;
      const up = row > 0 ? out[prev + i] : 0;
      const upLeft = row > 0 && i >= bytesPerPixel ? out[prev + i - bytesPerPixel] : 0;
      let value: number;
      switch (type) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new PdfUnreadableError("Données de prédicteur PNG invalides.");
      }
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

function decodeAsciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let high = -1;
  for (const c of data) {
    if (c === 62) break;
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out.push(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high * 16);
  return Uint8Array.from(out);
}

function decodeAscii85(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  let i = 0;
  if (data[0] === 60 && data[1] === 126) i = 2;
  for (; i < data.length; i++) {
    const c = data[i];
    if (c === 126) break;
    if (c <= 32) continue;
    if (c === 122 && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 33 || c > 117) throw new PdfUnreadableError("Données ASCII85 invalides.");
    group.push(c - 33);
    if (group.length === 5) {
      let value = 0;
      for (const d of group) value = value * 85 + d;
      out.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const d of group) value = value * 85 + d;
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}

function decodeRunLength(data: Uint8Array, budget: AnalysisBudget): Uint8Array {
  const chunks: number[] = [];
  let i = 0;
  while (i < data.length) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) chunks.push(data[i++]);
    } else {
      const value = data[i++];
      for (let k = 0; k < 257 - n; k++) chunks.push(value);
    }
    if (chunks.length > budget.remainingInflateAllowance()) throw new PdfUnreadableError("Flux RunLength trop volumineux.");
  }
  budget.chargeInflated(data.length, chunks.length);
  return Uint8Array.from(chunks);
}

function decodeLzw(data: Uint8Array, params: PdfDict | null, budget: AnalysisBudget): Uint8Array {
  const earlyChange = integerValue(params?.entries.get("EarlyChange")) ?? 1;
  const limit = budget.remainingInflateAllowance();
  const out: number[] = [];
  let dictionary: number[][] = [];
  const reset = () => {
    dictionary = [];
    for (let i = 0; i < 256; i++) dictionary.push([i]);
    dictionary.push([], []);
  };
  reset();
  let codeLength = 9;
  let bitBuffer = 0;
  let bitCount = 0;
  let previous: number[] | null = null;
  for (let i = 0; i < data.length; i++) {
    bitBuffer = ((bitBuffer << 8) | data[i]) & 0xffffff;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bitBuffer >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      if (code === 256) {
        reset();
        codeLength = 9;
        previous = null;
        continue;
      }
      if (code === 257) {
        budget.chargeInflated(data.length, out.length);
        return Uint8Array.from(out);
      }
      let entry: number[];
      if (code < dictionary.length) entry = dictionary[code];
      else if (previous && code === dictionary.length) entry = [...previous, previous[0]];
      else throw new PdfUnreadableError("Données LZW invalides.");
      for (const v of entry) out.push(v);
      if (out.length > limit) throw new PdfUnreadableError("Flux LZW trop volumineux.");
      if (previous && dictionary.length < 4096) dictionary.push([...previous, entry[0]]);
      previous = entry;
      const next = dictionary.length + earlyChange;
      if (next >= 2048) codeLength = 12;
      else if (next >= 1024) codeLength = 11;
      else if (next >= 512) codeLength = 10;
    }
  }
  budget.chargeInflated(data.length, out.length);
  return Uint8Array.from(out);
}
