import { type AnalysisBudget, PdfUnreadableError } from "./analysis-budget";
import {
  dictOf,
  integerValue,
  isArray,
  isDict,
  isName,
  isRef,
  isStream,
  isString,
  type PdfDict,
  type PdfObject,
  type PdfStream,
} from "./pdf-objects";
import { indexOfAscii, lastIndexOfAscii, PdfParser, type IndirectObject } from "./pdf-parser";
import { createDecryptor, type Decryptor } from "./standard-security-handler";
import { decodeStreamData, type DecodedStream } from "./stream-filters";

export type XrefEntry =
  | { type: "free" }
  | { type: "offset"; offset: number; gen: number }
  | { type: "compressed"; streamNum: number; index: number };

interface XrefSection {
  offset: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  endOfSection: number;
  isStream: boolean;
  hybridSpan?: [number, number];
}

export interface PdfRevision {
  index: number;
  /** First byte that belongs to this revision (end of the previous one). */
  start: number;
  /** End of the "%%EOF" marker closing this revision. */
  markerEnd: number;
  /** markerEnd plus the end-of-line that follows it, if any. */
  end: number;
  xrefOffsets: number[];
  /** Byte spans of this revision's cross-reference sections (tables with their trailer, or streams). */
  xrefSpans: Array<[number, number]>;
  trailer: PdfDict;
  /** Entries written by this revision's own cross-reference section(s). */
  entries: Map<number, XrefEntry>;
}

export type ObjectLocation =
  | { type: "offset"; start: number; end: number }
  | { type: "compressed"; streamNum: number; index: number; containerStart: number };

export interface ResolvedObject {
  num: number;
  gen: number;
  value: PdfObject;
  location: ObjectLocation;
}

export type DocumentAnomaly =
  | { kind: "xref-target-mismatch"; revision: number; num: number }
  | { kind: "xref-target-beyond-revision"; revision: number; num: number }
  | { kind: "broken-object"; revision: number; num: number };

interface ObjectStreamContent {
  data: Uint8Array;
  offsets: { num: number; offset: number }[];
  first: number;
}

export class PdfDocument {
  readonly revisions: PdfRevision[];
  readonly anomalies: DocumentAnomaly[] = [];
  /** Cross-reference sections that other readers could read differently (English, for the strict reading). */
  readonly xrefConflicts: string[] = [];
  readonly decryptor: Decryptor | null;
  readonly isEncrypted: boolean;
  private readonly offsetCache = new Map<number, IndirectObject | null>();
  private readonly objectStreamCache = new Map<number, ObjectStreamContent | null>();
  private readonly compressedCache = new Map<string, PdfObject>();
  private parseCount = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly budget: AnalysisBudget,
  ) {
    this.revisions = readRevisions(bytes, budget, this.xrefConflicts);
    const latestTrailer = this.revisions[this.revisions.length - 1].trailer;
    const encrypt = latestTrailer.entries.get("Encrypt");
    this.isEncrypted = encrypt !== undefined;
    this.decryptor = null;
    if (encrypt !== undefined) {
      const encryptDict = dictOf(this.resolve(encrypt, this.revisions.length - 1));
      const idArray = latestTrailer.entries.get("ID");
      const firstId = isArray(idArray) && isString(idArray.items[0]) ? idArray.items[0].bytes : new Uint8Array();
      this.decryptor = encryptDict ? createDecryptor(encryptDict, firstId) : null;
    }
  }

  get latest(): number {
    return this.revisions.length - 1;
  }

  findEntry(num: number, revision: number): { entry: XrefEntry; revision: number } | null {
    for (let r = Math.min(revision, this.revisions.length - 1); r >= 0; r--) {
      const entry = this.revisions[r].entries.get(num);
      if (entry) return { entry, revision: r };
    }
    return null;
  }

  getObject(num: number, revision: number, depth = 0): ResolvedObject | null {
    if (depth > 8) return null;
    const found = this.findEntry(num, revision);
    if (!found || found.entry.type === "free") return null;
    const entry = found.entry;
    if (entry.type === "offset") {
      if (entry.offset >= this.revisions[revision].end) {
        this.noteAnomaly({ kind: "xref-target-beyond-revision", revision: found.revision, num });
        return null;
      }
      const parsed = this.parseAt(entry.offset, revision, depth);
      if (!parsed) {
        this.noteAnomaly({ kind: "broken-object", revision: found.revision, num });
        return null;
      }
      if (parsed.num !== num || parsed.gen !== entry.gen) {
        this.noteAnomaly({ kind: "xref-target-mismatch", revision: found.revision, num });
        return null;
      }
      return { num, gen: parsed.gen, value: parsed.value, location: { type: "offset", start: parsed.start, end: parsed.end } };
    }
    const container = this.getObject(entry.streamNum, revision, depth + 1);
    if (!container || container.location.type !== "offset" || !isStream(container.value)) return null;
    const content = this.readObjectStream(container.value, container.location.start);
    if (!content || entry.index >= content.offsets.length) return null;
    const slot = content.offsets[entry.index];
    if (slot.num !== num) {
      this.noteAnomaly({ kind: "xref-target-mismatch", revision: found.revision, num });
      return null;
    }
    const key = `${container.location.start}:${entry.index}`;
    let value = this.compressedCache.get(key);
    if (value === undefined) {
      try {
        const parser = new PdfParser(content.data, content.first + slot.offset, this.budget.limits.maxNestingDepth);
        value = parser.parseObject(0);
      } catch (error) {
        if (!(error instanceof PdfUnreadableError)) throw error;
        this.noteAnomaly({ kind: "broken-object", revision: found.revision, num });
        value = null;
      }
      this.compressedCache.set(key, value);
    }
    return {
      num,
      gen: 0,
      value,
      location: { type: "compressed", streamNum: entry.streamNum, index: entry.index, containerStart: container.location.start },
    };
  }

  resolve(value: PdfObject | undefined, revision: number): PdfObject | undefined {
    let current = value;
    for (let i = 0; i < 8 && isRef(current); i++) {
      const object = this.getObject(current.num, revision);
      current = object ? object.value : null;
    }
    return isRef(current) ? null : current;
  }

  resolveDict(value: PdfObject | undefined, revision: number): PdfDict | null {
    return dictOf(this.resolve(value, revision));
  }

  catalog(revision: number): PdfDict | null {
    return this.resolveDict(this.revisions[revision].trailer.entries.get("Root"), revision);
  }

  decodeStream(stream: PdfStream, revision: number): DecodedStream {
    let raw = stream.raw;
    if (this.decryptor && stream.owner && !isName(stream.dict.entries.get("Type"), "XRef")) {
      raw = this.decryptor.decryptStream(raw, stream.owner.num, stream.owner.gen);
    }
    return decodeStreamData(raw, stream.dict, this.budget, (v) => this.resolve(v, revision));
  }

  /** Decoded data of a stream without image codecs; null when it cannot be decoded. */
  tryDecodeStream(stream: PdfStream, revision: number): Uint8Array | null {
    try {
      const decoded = this.decodeStream(stream, revision);
      return decoded.pendingImageFilter ? null : decoded.data;
    } catch (error) {
      if (error instanceof PdfUnreadableError && !this.budget.isExpired()) return null;
      throw error;
    }
  }

  /** A string's bytes as the document means them (decrypted when the file is encrypted). */
  textBytes(value: PdfObject | undefined, owner: ResolvedObject | null): Uint8Array | null {
    if (!isString(value)) return null;
    if (!this.decryptor || !owner || owner.location.type !== "offset") return value.bytes;
    return this.decryptor.decryptString(value.bytes, owner.num, owner.gen);
  }

  /** Object numbers an object stream declares, in order; null when `num` is not a readable object stream. */
  objectStreamListing(num: number, revision: number): number[] | null {
    const container = this.getObject(num, revision);
    if (!container || container.location.type !== "offset" || !isStream(container.value)) return null;
    const content = this.readObjectStream(container.value, container.location.start);
    return content ? content.offsets.map((slot) => slot.num) : null;
  }

  private noteAnomaly(anomaly: DocumentAnomaly): void {
    if (this.anomalies.length < 100) this.anomalies.push(anomaly);
  }

  private parseAt(offset: number, revision: number, depth: number): IndirectObject | null {
    if (this.offsetCache.has(offset)) return this.offsetCache.get(offset) ?? null;
    if (++this.parseCount > this.budget.limits.maxObjects) {
      throw new PdfUnreadableError("Le fichier contient trop d'objets pour être analysé.");
    }
    if ((this.parseCount & 255) === 0) this.budget.checkTime();
    let parsed: IndirectObject | null = null;
    try {
      const parser = new PdfParser(this.bytes, offset, this.budget.limits.maxNestingDepth);
      parsed = parser.parseIndirectObject((length) => {
        if (isRef(length)) {
          const resolved = this.getObject(length.num, revision, depth + 1);
          return integerValue(resolved?.value ?? undefined);
        }
        return integerValue(length);
      });
    } catch (error) {
      if (!(error instanceof PdfUnreadableError) || this.budget.isExpired()) throw error;
      parsed = null;
    }
    this.offsetCache.set(offset, parsed);
    return parsed;
  }

  private readObjectStream(stream: PdfStream, start: number): ObjectStreamContent | null {
    if (this.objectStreamCache.has(start)) return this.objectStreamCache.get(start) ?? null;
    let content: ObjectStreamContent | null = null;
    const n = integerValue(stream.dict.entries.get("N"));
    const first = integerValue(stream.dict.entries.get("First"));
    const data = isName(stream.dict.entries.get("Type"), "ObjStm") ? this.tryDecodeStream(stream, this.latest) : null;
    if (data && n !== null && first !== null && n >= 0 && n < 1_000_000 && first >= 0 && first <= data.length) {
      const header = new PdfParser(data.subarray(0, first));
      const offsets: { num: number; offset: number }[] = [];
      for (let i = 0; i < n; i++) {
        const num = header.readUnsignedInteger();
        const offset = header.readUnsignedInteger();
        if (num === null || offset === null) break;
        offsets.push({ num, offset });
      }
      content = { data, offsets, first };
    }
    this.objectStreamCache.set(start, content);
    return content;
  }
}

function readRevisions(bytes: Uint8Array, budget: AnalysisBudget, conflicts: string[]): PdfRevision[] {
  const startxrefAt = lastIndexOfAscii(bytes, "startxref");
  if (startxrefAt < 0) throw new PdfUnreadableError("Le fichier est incomplet : la table des objets (startxref) est introuvable.");
  const head = new PdfParser(bytes, startxrefAt + 9);
  const firstOffset = head.readUnsignedInteger();
  if (firstOffset === null || firstOffset >= bytes.length) {
    throw new PdfUnreadableError("Le fichier est endommagé : la position de la table des objets est invalide.");
  }
  const chain: XrefSection[] = [];
  const visited = new Set<number>();
  let offset: number | null = firstOffset;
  while (offset !== null) {
    if (visited.has(offset) || chain.length >= budget.limits.maxRevisions) {
      throw new PdfUnreadableError("Le fichier est endommagé : la chaîne des révisions boucle ou est trop longue.");
    }
    visited.add(offset);
    budget.checkTime();
    const section = readXrefSection(bytes, offset, budget);
    const xrefStm = integerValue(section.trailer.entries.get("XRefStm"));
    if (xrefStm !== null && !section.isStream && xrefStm < bytes.length && !visited.has(xrefStm)) {
      visited.add(xrefStm);
      const hybrid = readXrefSection(bytes, xrefStm, budget);
      section.hybridSpan = [xrefStm, hybrid.endOfSection];
      for (const [num, entry] of hybrid.entries) {
        const existing = section.entries.get(num);
        if (!existing || existing.type === "free") section.entries.set(num, entry);
        else if (entry.type !== "free" && !sameXrefEntry(existing, entry) && conflicts.length < 20) {
          conflicts.push(`hybrid xref: table and /XRefStm disagree on object ${num}`);
        }
      }
    }
    chain.push(section);
    const prev = integerValue(section.trailer.entries.get("Prev"));
    if (prev !== null && (prev < 0 || prev >= bytes.length)) {
      throw new PdfUnreadableError("Le fichier est endommagé : une révision précédente est introuvable.");
    }
    offset = prev;
  }

  // Sections chained forward (/Prev pointing later in the file) belong to the same revision: linearized files.
  const groups: XrefSection[][] = [];
  for (let i = 0; i < chain.length; i++) {
    if (i > 0 && chain[i].offset > chain[i - 1].offset) groups[groups.length - 1].push(chain[i]);
    else groups.push([chain[i]]);
  }
  groups.reverse();
  const revisions: PdfRevision[] = [];
  let previousEnd = 0;
  for (const group of groups) {
    const entries = new Map<number, XrefEntry>();
    for (let i = group.length - 1; i >= 0; i--) for (const [num, entry] of group[i].entries) entries.set(num, entry);
    let markerEnd = -1;
    for (const section of group) {
      const eof = indexOfAscii(bytes, "%%EOF", section.endOfSection);
      const end = eof < 0 ? bytes.length : eof + 5;
      markerEnd = Math.max(markerEnd, end);
    }
    let end = markerEnd;
    if (bytes[end] === 13) end++;
    if (bytes[end] === 10) end++;
    revisions.push({
      index: revisions.length,
      start: previousEnd,
      markerEnd,
      end,
      xrefOffsets: group.map((s) => s.offset),
      xrefSpans: group.flatMap((s): Array<[number, number]> => [[s.offset, s.endOfSection], ...(s.hybridSpan ? [s.hybridSpan] : [])]),
      trailer: group[0].trailer,
      entries,
    });
    previousEnd = Math.max(previousEnd, end);
  }
  for (let i = 1; i < revisions.length; i++) {
    if (revisions[i].markerEnd <= revisions[i - 1].markerEnd) {
      throw new PdfUnreadableError("Le fichier est endommagé : l'ordre des révisions est incohérent.");
    }
  }
  return revisions;
}

/** Whether two xref entries designate the same place. */
export function sameXrefEntry(a: XrefEntry, b: XrefEntry): boolean {
  if (a.type === "offset" && b.type === "offset") return a.offset === b.offset && a.gen === b.gen;
  if (a.type === "compressed" && b.type === "compressed") return a.streamNum === b.streamNum && a.index === b.index;
  return a.type === b.type;
}

function readXrefSection(bytes: Uint8Array, offset: number, budget: AnalysisBudget): XrefSection {
  const parser = new PdfParser(bytes, offset, budget.limits.maxNestingDepth);
  if (parser.peekKeyword("xref")) {
    parser.pos += 4;
    const entries = new Map<number, XrefEntry>();
    for (;;) {
      if (parser.peekKeyword("trailer")) break;
      const first = parser.readUnsignedInteger();
      const count = parser.readUnsignedInteger();
      if (first === null || count === null) throw new PdfUnreadableError("Le fichier est endommagé : table des objets illisible.");
      if (count * 18 > bytes.length - parser.pos + 20) throw new PdfUnreadableError("Le fichier est endommagé : table des objets tronquée.");
      for (let i = 0; i < count; i++) {
        const field1 = parser.readUnsignedInteger();
        const field2 = parser.readUnsignedInteger();
        const kind = parser.readToken();
        if (field1 === null || field2 === null || (kind !== "n" && kind !== "f")) {
          throw new PdfUnreadableError("Le fichier est endommagé : entrée de la table des objets illisible.");
        }
        const num = first + i;
        if (num === 0) continue;
        entries.set(num, kind === "n" ? { type: "offset", offset: field1, gen: field2 } : { type: "free" });
      }
    }
    parser.pos += 7;
    const trailer = parser.parseObject(0);
    if (!isDict(trailer)) throw new PdfUnreadableError("Le fichier est endommagé : dictionnaire de fin (trailer) illisible.");
    return { offset, entries, trailer, endOfSection: parser.pos, isStream: false };
  }
  let object: IndirectObject;
  try {
    object = parser.parseIndirectObject((length) => integerValue(length));
  } catch {
    throw new PdfUnreadableError("Le fichier est endommagé : la table des objets est introuvable à la position annoncée.");
  }
  const stream = object.value;
  if (!isStream(stream) || !isName(stream.dict.entries.get("Type"), "XRef")) {
    throw new PdfUnreadableError("Le fichier est endommagé : la table des objets est introuvable à la position annoncée.");
  }
  return { offset, ...readXrefStream(stream, budget), trailer: stream.dict, endOfSection: object.end, isStream: true };
}

export function readXrefStream(stream: PdfStream, budget: AnalysisBudget): { entries: Map<number, XrefEntry> } {
  const dict = stream.dict;
  const widths = dict.entries.get("W");
  const size = integerValue(dict.entries.get("Size"));
  if (!isArray(widths) || widths.items.length < 3 || size === null || size < 0 || size > 10_000_000) {
    throw new PdfUnreadableError("Le fichier est endommagé : flux de références croisées invalide.");
  }
  const w = widths.items.slice(0, 3).map((v) => integerValue(v) ?? -1);
  if (w.some((v) => v < 0 || v > 8)) throw new PdfUnreadableError("Le fichier est endommagé : flux de références croisées invalide.");
  const indexArray = dict.entries.get("Index");
  const ranges: number[] = isArray(indexArray) ? indexArray.items.map((v) => integerValue(v) ?? -1) : [0, size];
  if (ranges.length % 2 !== 0 || ranges.some((v) => v < 0)) {
    throw new PdfUnreadableError("Le fichier est endommagé : flux de références croisées invalide.");
  }
  const decoded = decodeStreamData(stream.raw, dict, budget);
  if (decoded.pendingImageFilter) throw new PdfUnreadableError("Le fichier est endommagé : flux de références croisées invalide.");
  const data = decoded.data;
  const rowLength = w[0] + w[1] + w[2];
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  const field = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + data[pos++];
    return value;
  };
  for (let r = 0; r < ranges.length; r += 2) {
    for (let i = 0; i < ranges[r + 1]; i++) {
      if (pos + rowLength > data.length) return { entries };
      const type = field(w[0], 1);
      const a = field(w[1], 0);
      const b = field(w[2], 0);
      const num = ranges[r] + i;
      if (num === 0) continue;
      if (type === 0) entries.set(num, { type: "free" });
      else if (type === 1) entries.set(num, { type: "offset", offset: a, gen: b });
      else if (type === 2) entries.set(num, { type: "compressed", streamNum: a, index: b });
    }
  }
  return { entries };
}
