import { PdfUnreadableError } from "./analysis-budget";
import type { PdfArray, PdfDict, PdfObject, PdfStream, PdfString } from "./pdf-objects";

const WHITESPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIMITER[c.charCodeAt(0)] = 1;

export function isPdfWhitespace(byte: number): boolean {
  return WHITESPACE[byte] === 1;
}

function isRegular(byte: number): boolean {
  return WHITESPACE[byte] === 0 && DELIMITER[byte] === 0;
}

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 65 && byte <= 70) return byte - 55;
  if (byte >= 97 && byte <= 102) return byte - 87;
  return -1;
}

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfObject;
  /** Offset of the object header ("n g obj"). */
  start: number;
  /** Offset just after "endobj" (or after the value when the keyword is missing). */
  end: number;
  hasEndobj: boolean;
}

export type LengthResolver = (length: PdfObject | undefined) => number | null;

/** A small recursive-descent reader for PDF syntax over a byte buffer. */
export class PdfParser {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    private readonly maxDepth = 64,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new PdfUnreadableError(`Structure PDF invalide (${what} à l'octet ${this.pos}).`);
  }

  skipWhitespaceAndComments(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (WHITESPACE[c]) this.pos++;
      else if (c === 37) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** Reads a bare keyword or number token without interpreting it. */
  readToken(): string {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    while (this.pos < this.bytes.length && isRegular(this.bytes[this.pos])) this.pos++;
    let out = "";
    for (let i = start; i < this.pos && i < start + 64; i++) out += String.fromCharCode(this.bytes[i]);
    return out;
  }

  peekKeyword(keyword: string): boolean {
    this.skipWhitespaceAndComments();
    for (let i = 0; i < keyword.length; i++) {
      if (this.bytes[this.pos + i] !== keyword.charCodeAt(i)) return false;
    }
    const after = this.bytes[this.pos + keyword.length];
    return after === undefined || !isRegular(after);
  }

  readUnsignedInteger(): number | null {
    this.skipWhitespaceAndComments();
    const b = this.bytes;
    const start = this.pos;
    let value = 0;
    while (this.pos < b.length && b[this.pos] >= 48 && b[this.pos] <= 57 && this.pos - start < 16) {
      value = value * 10 + (b[this.pos] - 48);
      this.pos++;
    }
    if (this.pos === start || (this.pos < b.length && isRegular(b[this.pos]))) {
      this.pos = start;
      return null;
    }
    return value;
  }

  parseObject(depth = 0): PdfObject {
    if (depth > this.maxDepth) this.fail("imbrication trop profonde");
    this.skipWhitespaceAndComments();
    const b = this.bytes;
    if (this.pos >= b.length) this.fail("fin de fichier inattendue");
    const c = b[this.pos];
    if (c === 47) return this.parseName();
    if (c === 40) return this.parseLiteralString();
    if (c === 60) {
      if (b[this.pos + 1] === 60) return this.parseDict(depth);
      return this.parseHexString();
    }
    if (c === 91) return this.parseArray(depth);
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return this.parseNumberOrRef();
    const token = this.readToken();
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    this.fail(token ? `mot-clé inattendu « ${token.slice(0, 20)} »` : "caractère inattendu");
  }

  private parseName(): PdfObject {
    const b = this.bytes;
    this.pos++;
    let out = "";
    while (this.pos < b.length && isRegular(b[this.pos])) {
      const c = b[this.pos];
      if (c === 35 && hexValue(b[this.pos + 1]) >= 0 && hexValue(b[this.pos + 2]) >= 0) {
        out += String.fromCharCode(hexValue(b[this.pos + 1]) * 16 + hexValue(b[this.pos + 2]));
        this.pos += 3;
      } else {
        out += String.fromCharCode(c);
        this.pos++;
      }
      if (out.length > 512) this.fail("nom trop long");
    }
    return { kind: "name", value: out };
  }

  private parseLiteralString(): PdfString {
    const b = this.bytes;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let nesting = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++];
      if (c === 92) {
        const e = b[this.pos++];
        if (e === undefined) break;
        if (e === 110) out.push(10);
        else if (e === 114) out.push(13);
        else if (e === 116) out.push(9);
        else if (e === 98) out.push(8);
        else if (e === 102) out.push(12);
        else if (e === 13) {
          if (b[this.pos] === 10) this.pos++;
        } else if (e === 10) {
          // line continuation
        } else if (e >= 48 && e <= 55) {
          let code = e - 48;
          for (let i = 0; i < 2 && b[this.pos] >= 48 && b[this.pos] <= 55; i++) code = code * 8 + (b[this.pos++] - 48);
          out.push(code & 0xff);
        } else out.push(e);
      } else if (c === 40) {
        nesting++;
        out.push(c);
      } else if (c === 41) {
        nesting--;
        if (nesting === 0) return { kind: "string", bytes: Uint8Array.from(out), isHex: false, start, end: this.pos };
        out.push(c);
      } else out.push(c);
    }
    this.fail("chaîne non terminée");
  }

  private parseHexString(): PdfString {
    const b = this.bytes;
    const start = this.pos;
    this.pos++;
    const end = b.indexOf(62, this.pos);
    if (end < 0) this.fail("chaîne hexadécimale non terminée");
    const out = new Uint8Array(Math.ceil((end - this.pos) / 2));
    let n = 0;
    let high = -1;
    for (; this.pos < end; this.pos++) {
      const c = b[this.pos];
      const v = hexValue(c);
      if (v < 0) {
        if (WHITESPACE[c]) continue;
        this.fail("caractère non hexadécimal dans une chaîne");
      }
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    this.pos = end + 1;
    return { kind: "string", bytes: out.subarray(0, n), isHex: true, start, end: this.pos };
  }

  private parseArray(depth: number): PdfArray {
    this.pos++;
    const items: PdfObject[] = [];
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.pos >= this.bytes.length) this.fail("tableau non terminé");
      if (this.bytes[this.pos] === 93) {
        this.pos++;
        return { kind: "array", items };
      }
      items.push(this.parseObject(depth + 1));
    }
  }

  private parseDict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfObject>();
    for (;;) {
      this.skipWhitespaceAndComments();
      const b = this.bytes;
      if (this.pos >= b.length) this.fail("dictionnaire non terminé");
      if (b[this.pos] === 62 && b[this.pos + 1] === 62) {
        this.pos += 2;
        return { kind: "dict", entries };
      }
      if (b[this.pos] !== 47) this.fail("clé de dictionnaire attendue");
      const key = this.parseName() as { value: string };
      const value = this.parseObject(depth + 1);
      // A null value means the key is absent (ISO 32000-1 7.3.7).
      if (value !== null) entries.set(key.value, value);
      else entries.delete(key.value);
    }
  }

  private parseNumberOrRef(): PdfObject {
    const b = this.bytes;
    const start = this.pos;
    const num = this.readUnsignedInteger();
    if (num !== null) {
      const afterNum = this.pos;
      const gen = this.readUnsignedInteger();
      if (gen !== null) {
        this.skipWhitespaceAndComments();
        if (b[this.pos] === 82 && (this.pos + 1 >= b.length || !isRegular(b[this.pos + 1]))) {
          this.pos++;
          return { kind: "ref", num, gen };
        }
      }
      this.pos = afterNum;
      if (b[this.pos] !== 46) return num;
      this.pos = start;
    }
    let text = "";
    while (this.pos < b.length && isRegular(b[this.pos]) && text.length < 40) text += String.fromCharCode(b[this.pos++]);
    const value = Number(text.replace(/^([+-])[+-]+/, "$1"));
    return Number.isFinite(value) ? value : 0;
  }

  /** Parses "num gen obj … endobj" at the current position; a dictionary followed by "stream" becomes a stream. */
  parseIndirectObject(resolveLength: LengthResolver): IndirectObject {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    const num = this.readUnsignedInteger();
    const gen = this.readUnsignedInteger();
    if (num === null || gen === null || !this.peekKeyword("obj")) this.fail("en-tête d'objet attendu");
    this.pos += 3;
    let value = this.parseObject(0);
    if (value !== null && typeof value === "object" && value.kind === "dict" && this.peekKeyword("stream")) {
      value = this.parseStreamBody(value, resolveLength, { num, gen });
    }
    let hasEndobj = false;
    if (this.peekKeyword("endobj")) {
      this.pos += 6;
      hasEndobj = true;
    }
    return { num, gen, value, start, end: this.pos, hasEndobj };
  }

  private parseStreamBody(dict: PdfDict, resolveLength: LengthResolver, owner: { num: number; gen: number }): PdfStream {
    const b = this.bytes;
    this.pos += 6;
    if (b[this.pos] === 13) this.pos++;
    if (b[this.pos] === 10) this.pos++;
    const dataStart = this.pos;
    const declared = resolveLength(dict.entries.get("Length"));
    let dataEnd = -1;
    if (declared !== null && declared >= 0 && dataStart + declared <= b.length) {
      const probe = new PdfParser(b, dataStart + declared);
      if (probe.peekKeyword("endstream")) dataEnd = dataStart + declared;
    }
    if (dataEnd < 0) {
      const found = indexOfAscii(b, "endstream", dataStart);
      if (found < 0) this.fail("fin de flux introuvable");
      dataEnd = found;
      if (b[dataEnd - 1] === 10) dataEnd--;
      if (b[dataEnd - 1] === 13) dataEnd--;
    }
    this.pos = dataEnd;
    this.skipWhitespaceAndComments();
    if (!this.peekKeyword("endstream")) this.fail("mot-clé endstream attendu");
    this.pos += 9;
    return { kind: "stream", dict, raw: b.subarray(dataStart, dataEnd), owner };
  }
}

export function indexOfAscii(bytes: Uint8Array, needle: string, from = 0): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.indexOf(needle, from, "latin1");
}

export function lastIndexOfAscii(bytes: Uint8Array, needle: string, from?: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.lastIndexOf(needle, from ?? bytes.length, "latin1");
}
