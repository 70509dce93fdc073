export interface PdfName {
  kind: "name";
  value: string;
}

export interface PdfString {
  kind: "string";
  bytes: Uint8Array;
  isHex: boolean;
  /** Offset of the opening delimiter in the buffer it was parsed from. */
  start: number;
  /** Offset just after the closing delimiter. */
  end: number;
}

export interface PdfRef {
  kind: "ref";
  num: number;
  gen: number;
}

export interface PdfArray {
  kind: "array";
  items: PdfObject[];
}

export interface PdfDict {
  kind: "dict";
  entries: Map<string, PdfObject>;
}

export interface PdfStream {
  kind: "stream";
  dict: PdfDict;
  /** Raw (still encoded) data, a view into the file or into a decoded object stream. */
  raw: Uint8Array;
  /** Object number and generation, needed to decrypt the data. */
  owner: { num: number; gen: number } | null;
}

export type PdfObject = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict | PdfStream;

export function isDict(value: PdfObject | undefined): value is PdfDict {
  return typeof value === "object" && value !== null && value.kind === "dict";
}

export function isStream(value: PdfObject | undefined): value is PdfStream {
  return typeof value === "object" && value !== null && value.kind === "stream";
}

export function isRef(value: PdfObject | undefined): value is PdfRef {
  return typeof value === "object" && value !== null && value.kind === "ref";
}

export function isArray(value: PdfObject | undefined): value is PdfArray {
  return typeof value === "object" && value !== null && value.kind === "array";
}

export function isName(value: PdfObject | undefined, expected?: string): value is PdfName {
  return (
    typeof value === "object" &&
    value !== null &&
    value.kind === "name" &&
    (expected === undefined || value.value === expected)
  );
}

export function isString(value: PdfObject | undefined): value is PdfString {
  return typeof value === "object" && value !== null && value.kind === "string";
}

export function dictOf(value: PdfObject | undefined): PdfDict | null {
  if (isDict(value)) return value;
  if (isStream(value)) return value.dict;
  return null;
}

export function nameValue(value: PdfObject | undefined): string | null {
  return isName(value) ? value.value : null;
}

export function numberValue(value: PdfObject | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function integerValue(value: PdfObject | undefined): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
}

export function refKey(ref: PdfRef): string {
  return `${ref.num} ${ref.gen}`;
}

/** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding ~ Latin-1). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = "";
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 4096)));
  }
  return out;
}

/**
 * Structural equality; references compare by number and generation, streams by raw bytes. Numbers
 * may differ by `tolerance` (writers round coordinates differently).
 */
export function objectsEqual(a: PdfObject | undefined, b: PdfObject | undefined, tolerance = 0, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tolerance;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "name":
      return a.value === (b as PdfName).value;
    case "string":
      return bytesEqual(a.bytes, (b as PdfString).bytes);
    case "ref":
      return a.num === (b as PdfRef).num && a.gen === (b as PdfRef).gen;
    case "array": {
      const other = b as PdfArray;
      if (a.items.length !== other.items.length) return false;
      return a.items.every((item, i) => objectsEqual(item, other.items[i], tolerance, depth + 1));
    }
    case "dict": {
      const other = b as PdfDict;
      if (a.entries.size !== other.entries.size) return false;
      for (const [key, value] of a.entries) {
        if (!other.entries.has(key) || !objectsEqual(value, other.entries.get(key), tolerance, depth + 1)) return false;
      }
      return true;
    }
    case "stream": {
      const other = b as PdfStream;
      return objectsEqual(a.dict, other.dict, tolerance, depth + 1) && bytesEqual(a.raw, other.raw);
    }
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
