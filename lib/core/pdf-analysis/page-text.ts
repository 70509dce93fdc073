import type { PdfDocument } from "./pdf-document";
import { PdfUnreadableError } from "./analysis-budget";
import { isArray, isName, isRef, isStream, isString, latin1, numberValue, type PdfDict, type PdfObject } from "./pdf-objects";
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
  const work: ContentWork = { operators: 0, formInvocations: 0, characters: 0, formTexts: new Map() };
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
    const box = doc.resolve(page.entries.get("MediaBox"), revision);
    const mediaBox = isArray(box) && box.items.length === 4 ? (box.items.map((v) => numberValue(v) ?? 0) as Box) : null;
    const state: GraphicsState = { ctm: IDENTITY, renderMode: 0, fontSize: 1, clip: mediaBox ? normalizeBox(mediaBox) : null };
    runContent(doc, revision, Buffer.concat(chunks), resources, parts, 0, state, work);
    texts.push(parts.join(""));
  }
  return texts;
}

type Matrix = readonly [number, number, number, number, number, number];
type Box = [number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** Text smaller than this (in points, after every transformation) cannot be read on a page. */
const MIN_VISIBLE_SIZE = 1;

interface GraphicsState {
  ctm: Matrix;
  renderMode: number;
  fontSize: number;
  /** Visible area in page space: the page box intersected with rectangular clips. */
  clip: Box | null;
}

interface ContentWork {
  operators: number;
  formInvocations: number;
  /** Characters of text produced so far, repeated forms included. */
  characters: number;
  /** Text of a form XObject per object and drawing state, computed once. */
  formTexts: Map<string, string>;
}

/** More text than any convention holds: past it, the content is built to be expensive. */
const MAX_TEXT_CHARACTERS = 4_000_000;

function chargeText(work: ContentWork, characters: number): void {
  work.characters += characters;
  if (work.characters > MAX_TEXT_CHARACTERS) throw new PdfUnreadableError("Le contenu des pages est trop complexe pour être analysé.");
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function normalizeBox([x1, y1, x2, y2]: Box): Box {
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function intersect(a: Box | null, b: Box): Box {
  if (!a) return b;
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}

function matrixOf(values: PdfObject[]): Matrix | null {
  if (values.length < 6) return null;
  const numbers = values.slice(-6).map((v) => numberValue(v ?? undefined));
  return numbers.every((v): v is number => v !== null) ? (numbers as unknown as Matrix) : null;
}

/** Whether a string drawn now can be seen: not invisible by render mode, size, clip or position. */
function isVisible(state: GraphicsState, textMatrix: Matrix): boolean {
  if (state.renderMode === 3 || state.renderMode === 7) return false;
  const m = multiply(textMatrix, state.ctm);
  const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
  if (Math.abs(state.fontSize) * scale < MIN_VISIBLE_SIZE) return false;
  const [x, y] = apply(m, 0, 0);
  const clip = state.clip;
  if (clip && (clip[2] <= clip[0] || clip[3] <= clip[1])) return false;
  return !clip || (x >= clip[0] - 1 && x <= clip[2] + 1 && y >= clip[1] - 1 && y <= clip[3] + 1);
}

function runContent(
  doc: PdfDocument,
  revision: number,
  content: Uint8Array,
  resources: PdfDict | null,
  out: string[],
  depth: number,
  initial: GraphicsState,
  work: ContentWork,
): void {
  if (depth > 8) return;
  const limits = doc.budget.limits;
  const fonts = doc.resolveDict(resources?.entries.get("Font"), revision);
  const xobjects = doc.resolveDict(resources?.entries.get("XObject"), revision);
  const decoders = new Map<string, CodeDecoder>();
  let decoder: CodeDecoder = (bytes) => latin1(bytes);
  const parser = new PdfParser(content);
  const operands: PdfObject[] = [];
  const b = content;
  let state: GraphicsState = { ...initial };
  const stack: GraphicsState[] = [];
  let textMatrix: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  let leading = 0;
  let pendingClip: Box | null = null;
  let lastRect: Box | null = null;
  const nextLine = (tx: number, ty: number) => {
    lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix);
    textMatrix = lineMatrix;
  };
  const show = (strings: Uint8Array[]) => {
    if (!isVisible(state, textMatrix)) return;
    for (const bytes of strings) {
      const text = decoder(bytes);
      chargeText(work, text.length);
      out.push(text);
    }
  };
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
    if (++work.operators > limits.maxContentOperators) {
      throw new PdfUnreadableError("Le contenu des pages est trop complexe pour être analysé.");
    }
    if ((work.operators & 4095) === 0) doc.budget.checkTime();
    const op = parser.readToken() || String.fromCharCode(b[parser.pos++]);
    const n = (i: number) => numberValue(operands[i] ?? undefined) ?? 0;
    switch (op) {
      case "q":
        if (stack.length < 256) stack.push(state);
        state = { ...state };
        break;
      case "Q":
        state = stack.pop() ?? state;
        break;
      case "cm": {
        const m = matrixOf(operands);
        if (m) state = { ...state, ctm: multiply(m, state.ctm) };
        break;
      }
      case "re": {
        const [x, y, w, h] = [n(0), n(1), n(2), n(3)];
        const corners = [apply(state.ctm, x, y), apply(state.ctm, x + w, y + h), apply(state.ctm, x + w, y), apply(state.ctm, x, y + h)];
        const xs = corners.map((p) => p[0]);
        const ys = corners.map((p) => p[1]);
        lastRect = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
        break;
      }
      case "W":
      case "W*":
        pendingClip = lastRect;
        break;
      case "n":
      case "f":
      case "F":
      case "f*":
      case "S":
      case "s":
      case "B":
      case "B*":
      case "b":
      case "b*":
        if (pendingClip) state = { ...state, clip: intersect(state.clip, pendingClip) };
        pendingClip = null;
        lastRect = null;
        break;
      case "BT":
        textMatrix = IDENTITY;
        lineMatrix = IDENTITY;
        break;
      case "ET":
        out.push("\n");
        break;
      case "Tr":
        state = { ...state, renderMode: n(0) };
        break;
      case "TL":
        leading = n(0);
        break;
      case "Td":
        nextLine(n(0), n(1));
        break;
      case "TD":
        leading = -n(1);
        nextLine(n(0), n(1));
        break;
      case "Tm": {
        const m = matrixOf(operands);
        if (m) {
          lineMatrix = m;
          textMatrix = m;
        }
        break;
      }
      case "T*":
        nextLine(0, -leading);
        break;
      case "Tf":
        if (isName(operands[0])) {
          const name = operands[0].value;
          if (!decoders.has(name)) decoders.set(name, fontDecoder(doc, revision, doc.resolveDict(fonts?.entries.get(name), revision)));
          decoder = decoders.get(name) as CodeDecoder;
        }
        state = { ...state, fontSize: n(1) };
        break;
      case "Tj":
      case "'":
      case '"': {
        if (op !== "Tj") nextLine(0, -leading);
        const text = operands[operands.length - 1];
        if (isString(text)) show([text.bytes]);
        break;
      }
      case "TJ": {
        const array = operands[0];
        if (isArray(array)) show(array.items.filter(isString).map((item) => item.bytes));
        break;
      }
      case "Do":
        if (isName(operands[0])) runForm(doc, revision, xobjects?.entries.get(operands[0].value), resources, out, depth, state, work);
        break;
      case "ID": {
        const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf("EI", parser.pos, "latin1");
        parser.pos = end < 0 ? b.length : end + 2;
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
}

function runForm(
  doc: PdfDocument,
  revision: number,
  reference: PdfObject | undefined,
  resources: PdfDict | null,
  out: string[],
  depth: number,
  state: GraphicsState,
  work: ContentWork,
): void {
  if (++work.formInvocations > doc.budget.limits.maxFormInvocations) {
    throw new PdfUnreadableError("Le contenu des pages appelle trop de formulaires imbriqués pour être analysé.");
  }
  const xobject = doc.resolve(reference, revision);
  if (!isStream(xobject) || !isName(xobject.dict.entries.get("Subtype"), "Form")) return;
  const matrix = matrixOf((doc.resolve(xobject.dict.entries.get("Matrix"), revision) as { items?: PdfObject[] } | undefined)?.items ?? []);
  const inner: GraphicsState = { ...state, ctm: matrix ? multiply(matrix, state.ctm) : state.ctm };
  const key = isRef(reference) ? `${reference.num}|${inner.ctm.join(",")}|${inner.renderMode}|${inner.fontSize}|${inner.clip?.join(",") ?? ""}` : null;
  const cached = key ? work.formTexts.get(key) : undefined;
  if (cached !== undefined) {
    chargeText(work, cached.length);
    out.push(cached);
    return;
  }
  const data = doc.tryDecodeStream(xobject, revision);
  if (!data) return;
  const formResources = doc.resolveDict(xobject.dict.entries.get("Resources"), revision) ?? resources;
  const parts: string[] = [];
  runContent(doc, revision, data, formResources, parts, depth + 1, inner, work);
  const text = parts.join("");
  if (key) work.formTexts.set(key, text);
  out.push(text);
}
