import type { PdfDocument } from "./pdf-document";
import { isArray, isName, isRef, isStream, isString, latin1, type PdfDict, type PdfObject } from "./pdf-objects";
import { PdfParser } from "./pdf-parser";

type CodeDecoder = (bytes: Uint8Array) => string;

/** Ordered page dictionaries of a revision, with inherited resources. */
export function listPages(doc: PdfDocument, revision: number, maxPages: number): { page: PdfDict; resources: PdfDict | null }[] {
  const out: { page: PdfDict; resources: PdfDict | null }[] = [];
  const catalog = doc.catalog(revision);
  const seen = new Set<number>();
  const walk = (node: PdfObject | undefined, inherited: PdfDict | null, depth: number) => {
    if (depth > 32 || out.length >= maxPages) return;
    if (isRef(node)) {
      if (seen.has(node.num)) return;
      seen.add(node.num);
    }
    const dict = doc.resolveDict(node, revision);
    if (!dict) return;
    const resources = doc.resolveDict(dict.entries.get("Resources"), revision) ?? inherited;
    const kids = doc.resolve(dict.entries.get("Kids"), revision);
    if (isArray(kids)) for (const kid of kids.items) walk(kid, resources, depth + 1);
    else out.push({ page: dict, resources });
  };
  walk(catalog?.entries.get("Pages"), null, 0);
  return out;
}

function parseToUnicode(data: Uint8Array): { map: Map<number, string>; codeLength: number } {
  const text = latin1(data);
  const map = new Map<number, string>();
  let codeLength = 1;
  const hexToString = (hex: string) => {
    let out = "";
    for (let i = 0; i + 3 < hex.length + 3 && i < hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4).padEnd(4, "0"), 16));
    return out;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      codeLength = Math.max(codeLength, Math.ceil(pair[1].length / 2));
      map.set(parseInt(pair[1], 16), hexToString(pair[2]));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      codeLength = Math.max(codeLength, Math.ceil(range[1].length / 2));
      const low = parseInt(range[1], 16);
      const high = Math.min(parseInt(range[2], 16), low + 65535);
      if (range[3].startsWith("[")) {
        const items = [...range[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => hexToString(m[1]));
        for (let code = low; code <= high && code - low < items.length; code++) map.set(code, items[code - low]);
      } else {
        const base = range[3].slice(1, -1);
        const start = parseInt(base.slice(-4) || "0", 16);
        const prefix = hexToString(base.slice(0, -4));
        for (let code = low; code <= high; code++) map.set(code, prefix + String.fromCharCode(start + code - low));
      }
    }
  }
  return { map, codeLength };
}

function fontDecoder(doc: PdfDocument, revision: number, font: PdfDict | null): CodeDecoder {
  const isComposite = isName(font?.entries.get("Subtype"), "Type0");
  const toUnicode = doc.resolve(font?.entries.get("ToUnicode"), revision);
  const data = isStream(toUnicode) ? doc.tryDecodeStream(toUnicode, revision) : null;
  const cmap = data ? parseToUnicode(data) : null;
  const codeLength = isComposite ? 2 : 1;
  return (bytes) => {
    let out = "";
    for (let i = 0; i + codeLength <= bytes.length; i += codeLength) {
      const code = codeLength === 2 ? (bytes[i] << 8) | bytes[i + 1] : bytes[i];
      const mapped = cmap?.map.get(code);
      if (mapped !== undefined) out += mapped;
      else if (!isComposite) out += String.fromCharCode(code);
    }
    return out;
  };
}

/** Extracts the visible text of content streams, enough to find printed identifiers. */
export function extractPageTexts(doc: PdfDocument, revision: number, maxPages = 30): string[] {
  const texts: string[] = [];
  for (const { page, resources } of listPages(doc, revision, maxPages)) {
    doc.budget.checkTime();
    const contents = doc.resolve(page.entries.get("Contents"), revision);
    const streams = isArray(contents) ? contents.items.map((item) => doc.resolve(item, revision)) : [contents];
    const chunks: Uint8Array[] = [];
    for (const stream of streams) {
      if (!isStream(stream)) continue;
      const data = doc.tryDecodeStream(stream, revision);
      if (data) chunks.push(data, Uint8Array.of(10));
    }
    const parts: string[] = [];
    runContent(doc, revision, Buffer.concat(chunks), resources, parts, 0);
    texts.push(parts.join(""));
  }
  return texts;
}

function runContent(doc: PdfDocument, revision: number, content: Uint8Array, resources: PdfDict | null, out: string[], depth: number): void {
  if (depth > 4) return;
  const fonts = doc.resolveDict(resources?.entries.get("Font"), revision);
  const xobjects = doc.resolveDict(resources?.entries.get("XObject"), revision);
  const decoders = new Map<string, CodeDecoder>();
  let decoder: CodeDecoder = (bytes) => latin1(bytes);
  const parser = new PdfParser(content);
  const operands: PdfObject[] = [];
  const b = content;
  while (parser.pos < b.length) {
    parser.skipWhitespaceAndComments();
    if (parser.pos >= b.length) break;
    const c = b[parser.pos];
    const startsOperator = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 34 || c === 42;
    if (!startsOperator) {
      try {
        operands.push(parser.parseObject(0));
      } catch {
        parser.pos++;
      }
      if (operands.length > 64) operands.shift();
      continue;
    }
    const op = parser.readToken() || String.fromCharCode(b[parser.pos++]);
    if (op === "Tf" && isName(operands[0])) {
      const name = operands[0].value;
      if (!decoders.has(name)) decoders.set(name, fontDecoder(doc, revision, doc.resolveDict(fonts?.entries.get(name), revision)));
      decoder = decoders.get(name) as CodeDecoder;
    } else if (op === "Tj" || op === "'" || op === '"') {
      const text = operands[operands.length - 1];
      if (isString(text)) out.push(decoder(text.bytes));
    } else if (op === "TJ") {
      const array = operands[0];
      if (isArray(array)) for (const item of array.items) if (isString(item)) out.push(decoder(item.bytes));
    } else if (op === "ET") out.push("\n");
    else if (op === "Do" && isName(operands[0])) {
      const xobject = doc.resolve(xobjects?.entries.get(operands[0].value), revision);
      if (isStream(xobject) && isName(xobject.dict.entries.get("Subtype"), "Form")) {
        const data = doc.tryDecodeStream(xobject, revision);
        const formResources = doc.resolveDict(xobject.dict.entries.get("Resources"), revision) ?? resources;
        if (data) runContent(doc, revision, data, formResources, out, depth + 1);
      }
    } else if (op === "ID") {
      const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf("EI", parser.pos, "latin1");
      parser.pos = end < 0 ? b.length : end + 2;
    }
    operands.length = 0;
  }
}
