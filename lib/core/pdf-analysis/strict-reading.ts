import { PdfUnreadableError } from "./analysis-budget";
import { readXrefStream, type PdfDocument, type XrefEntry } from "./pdf-document";
import { isDict, isName, isRef, isStream, nameValue, type PdfStream } from "./pdf-objects";
import { isPdfWhitespace, lastIndexOfAscii } from "./pdf-parser";

/** Whitespace tolerated after the last %%EOF (end-of-line conventions, a trailing newline or two). */
const MAX_BYTES_AFTER_EOF = 16;

export interface ReadingAmbiguity {
  /** Short English note for tests and logs. */
  reason: string;
  /** What a secretary is told. */
  problem: string;
}

const PROBLEM = {
  tail: "La fin du fichier est écrite de façon inhabituelle : un autre lecteur de PDF pourrait afficher un autre contenu.",
  hidden: "Le fichier contient des objets qu'aucune table ne déclare : un autre lecteur de PDF pourrait afficher un contenu caché.",
  twice: "Un même objet est défini deux fois dans une version du fichier : un autre lecteur de PDF pourrait afficher un autre contenu.",
  xref: "Les tables internes du fichier se contredisent : un autre lecteur de PDF pourrait afficher un autre contenu.",
  fakeType: "Un élément du fichier se fait passer pour une table interne : un autre lecteur de PDF pourrait afficher un autre contenu.",
  trailer: "Les références principales du fichier (catalogue, propriétés) désignent des objets d'une autre nature.",
};

/**
 * What another PDF reader could read differently from this parser (DESIGN.md §4, strict reading):
 * any of these forbids the `signed` verdict.
 */
export function findReadingAmbiguities(doc: PdfDocument): ReadingAmbiguity[] {
  const out: ReadingAmbiguity[] = [];
  const add = (reason: string, problem: string) => {
    if (out.length < 20) out.push({ reason, problem });
  };
  checkTail(doc, add);
  for (const conflict of doc.xrefConflicts) add(conflict, PROBLEM.xref);
  checkObjectHeaders(doc, add);
  checkTrailers(doc, add);
  return out;
}

type Add = (reason: string, problem: string) => void;

function checkTail(doc: PdfDocument, add: Add): void {
  const bytes = doc.bytes;
  const startxref = lastIndexOfAscii(bytes, "startxref");
  const eof = lastIndexOfAscii(bytes, "%%EOF");
  if (startxref < 0 || eof < startxref) return add("no %%EOF after startxref", PROBLEM.tail);
  let pos = startxref + 9;
  let digits = 0;
  while (pos < eof && isPdfWhitespace(bytes[pos])) pos++;
  while (pos < eof && bytes[pos] >= 48 && bytes[pos] <= 57) {
    pos++;
    digits++;
  }
  while (pos < eof && isPdfWhitespace(bytes[pos])) pos++;
  if (digits === 0 || pos !== eof) add("startxref offset is not a bare number", PROBLEM.tail);
  const after = bytes.length - (eof + 5);
  if (after > MAX_BYTES_AFTER_EOF) add(`${after} bytes after the last %%EOF`, PROBLEM.tail);
}

/**
 * Every "N G obj" of the file must be an object some xref section designates, and each
 * object stream must list only objects its own revision takes from it.
 */
function checkObjectHeaders(doc: PdfDocument, add: Add): void {
  const spans: Array<[number, number]> = [];
  const xrefStarts = new Set<number>();
  for (const revision of doc.revisions) {
    for (const span of revision.xrefSpans) {
      spans.push(span);
      xrefStarts.add(span[0]);
    }
  }
  const containers = new Set<number>();
  for (const revision of doc.revisions) {
    for (const [num, entry] of revision.entries) {
      if (entry.type === "compressed") containers.add(entry.streamNum);
      if (entry.type !== "offset") continue;
      const object = doc.getObject(num, revision.index);
      if (!object || object.location.type !== "offset") continue;
      spans.push([object.location.start, object.location.end]);
      const value = object.value;
      if (!isStream(value)) continue;
      const type = nameValue(value.dict.entries.get("Type"));
      if (type === "XRef" && !xrefStarts.has(object.location.start)) checkSpareXrefStream(doc, value, revision.index, num, add);
      if (type === "ObjStm") checkObjectStream(doc, num, revision.index, add);
    }
  }
  for (const revision of doc.revisions) {
    for (const [num, entry] of revision.entries) {
      if (entry.type !== "offset") continue;
      const object = doc.getObject(num, revision.index);
      if (object && isStream(object.value) && isName(object.value.dict.entries.get("Type"), "ObjStm") && !containers.has(num)) {
        add(`object ${num} claims /Type /ObjStm but no entry uses it`, PROBLEM.fakeType);
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const text = Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength);
  let cursor = 0;
  const scanGap = (from: number, to: number) => {
    if (to - from < 7) return;
    const gap = text.toString("latin1", from, to);
    const header = /(\d+)\s+(\d+)\s+obj\b/.exec(gap);
    if (header) add(`object header "${header[1]} ${header[2]} obj" at ${from + header.index} is in no xref section`, PROBLEM.hidden);
  };
  for (const [start, end] of spans) {
    if (start > cursor) scanGap(cursor, start);
    cursor = Math.max(cursor, end);
  }
  scanGap(cursor, doc.bytes.length);
}

/** A cross-reference stream no chain reads: harmless only if it is one and says what the revision says. */
function checkSpareXrefStream(doc: PdfDocument, stream: PdfStream, revision: number, num: number, add: Add): void {
  let entries: Map<number, XrefEntry>;
  try {
    entries = readXrefStream(stream, doc.budget).entries;
  } catch (error) {
    if (!(error instanceof PdfUnreadableError)) throw error;
    return add(`object ${num} claims /Type /XRef`, PROBLEM.fakeType);
  }
  for (const [listed, entry] of entries) {
    if (entry.type === "free") continue;
    const actual = doc.findEntry(listed, revision)?.entry;
    const same =
      actual !== undefined &&
      ((entry.type === "offset" && actual.type === "offset" && entry.offset === actual.offset) ||
        (entry.type === "compressed" && actual.type === "compressed" && entry.streamNum === actual.streamNum && entry.index === actual.index));
    if (!same) return add(`spare xref stream ${num} disagrees on object ${listed}`, PROBLEM.xref);
  }
}

function checkObjectStream(doc: PdfDocument, num: number, revision: number, add: Add): void {
  const listing = doc.objectStreamListing(num, revision);
  if (!listing) return add(`object stream ${num} cannot be read`, PROBLEM.fakeType);
  const entries = doc.revisions[revision].entries;
  for (const listed of listing) {
    const entry = entries.get(listed);
    if (!entry || entry.type !== "compressed" || entry.streamNum !== num) {
      if (entry && entry.type !== "free") add(`object ${listed} defined twice in revision ${revision}`, PROBLEM.twice);
      else add(`object ${listed} hidden in object stream ${num}`, PROBLEM.hidden);
    }
  }
}

function checkTrailers(doc: PdfDocument, add: Add): void {
  for (const revision of doc.revisions) {
    const root = revision.trailer.entries.get("Root");
    const info = revision.trailer.entries.get("Info");
    const catalog = doc.resolve(root, revision.index);
    if (!isDict(catalog) || !isName(catalog.entries.get("Type"), "Catalog")) {
      add(`revision ${revision.index}: /Root is not a catalog`, PROBLEM.trailer);
    }
    if (info === undefined) continue;
    if (isRef(root) && isRef(info) && root.num === info.num) add(`revision ${revision.index}: /Info is the catalog`, PROBLEM.trailer);
    const infoValue = doc.resolve(info, revision.index);
    if (infoValue === null || infoValue === undefined) continue;
    if (!isDict(infoValue) || infoValue.entries.has("Type") || infoValue.entries.has("Kids") || infoValue.entries.has("Contents")) {
      add(`revision ${revision.index}: /Info is not a document information dictionary`, PROBLEM.trailer);
    }
  }
}
