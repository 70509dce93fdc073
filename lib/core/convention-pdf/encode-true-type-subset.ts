/** A TrueType font's tables located once, so that subsets are cut with plain byte copies. */
export type TrueTypeSource = {
  bytes: Uint8Array;
  tables: Map<string, { offset: number; length: number }>;
  glyphOffsets: Uint32Array;
  numberOfHMetrics: number;
};

// Tables a PDF viewer needs from an embedded TrueType program (PDF 32000 §9.9); the rest is dropped.
const copiedTables = ["cvt ", "fpgm", "prep"];
const requiredTables = ["head", "hhea", "hmtx", "loca", "maxp", "glyf"];

// Composite glyph flags (OpenType 'glyf' table).
const argsAreWords = 0x0001;
const hasScale = 0x0008;
const hasMoreComponents = 0x0020;
const hasXYScale = 0x0040;
const hasTwoByTwo = 0x0080;

export function readTrueTypeSource(bytes: Uint8Array): TrueTypeSource {
  const view = viewOf(bytes);
  const tables = new Map<string, { offset: number; length: number }>();
  const numTables = view.getUint16(4);
  for (let index = 0; index < numTables; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
    tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  for (const tag of requiredTables) {
    if (!tables.has(tag)) throw new Error(`Not a TrueType font with outlines: no '${tag}' table`);
  }
  const head = tables.get("head")!.offset;
  const isLongLoca = view.getInt16(head + 50) === 1;
  const numGlyphs = view.getUint16(tables.get("maxp")!.offset + 4);
  const loca = tables.get("loca")!.offset;
  const glyphOffsets = new Uint32Array(numGlyphs + 1);
  for (let gid = 0; gid <= numGlyphs; gid++) {
    glyphOffsets[gid] = isLongLoca ? view.getUint32(loca + gid * 4) : view.getUint16(loca + gid * 2) * 2;
  }
  const numberOfHMetrics = view.getUint16(tables.get("hhea")!.offset + 34);
  return { bytes, tables, glyphOffsets, numberOfHMetrics };
}

/**
 * Writes a standalone TrueType font holding `glyphIds` renumbered 0, 1, 2… in that order (the first
 * should be 0, .notdef). Components of composite glyphs (accented letters) are appended and their
 * references rewritten. Returns the font bytes and the final glyph order.
 */
export function encodeTrueTypeSubset(source: TrueTypeSource, glyphIds: readonly number[]): { bytes: Uint8Array; glyphIds: number[] } {
  const { bytes, tables, glyphOffsets } = source;
  const glyf = tables.get("glyf")!.offset;
  const order = [...glyphIds];
  const newIdOf = new Map(order.map((gid, index) => [gid, index]));
  const glyphData: Uint8Array[] = [];

  for (let index = 0; index < order.length; index++) {
    const gid = order[index];
    let data = bytes.subarray(glyf + glyphOffsets[gid], glyf + glyphOffsets[gid + 1]);
    if (data.length >= 10 && viewOf(data).getInt16(0) < 0) {
      data = data.slice();
      const view = viewOf(data);
      let position = 10;
      let flags: number;
      do {
        flags = view.getUint16(position);
        const component = view.getUint16(position + 2);
        let newId = newIdOf.get(component);
        if (newId === undefined) {
          newId = order.length;
          order.push(component);
          newIdOf.set(component, newId);
        }
        view.setUint16(position + 2, newId);
        position += 4 + (flags & argsAreWords ? 4 : 2);
        if (flags & hasScale) position += 2;
        else if (flags & hasXYScale) position += 4;
        else if (flags & hasTwoByTwo) position += 8;
      } while (flags & hasMoreComponents);
    }
    glyphData.push(data);
  }

  const count = order.length;
  const glyfTable = new Uint8Array(glyphData.reduce((sum, data) => sum + align4(data.length), 0));
  const locaTable = new Uint8Array((count + 1) * 4);
  const locaView = viewOf(locaTable);
  let offset = 0;
  glyphData.forEach((data, index) => {
    locaView.setUint32(index * 4, offset);
    glyfTable.set(data, offset);
    offset += align4(data.length);
  });
  locaView.setUint32(count * 4, offset);

  const hmtxTable = new Uint8Array(count * 4);
  const hmtxView = viewOf(hmtxTable);
  const sourceView = viewOf(bytes);
  const hmtx = tables.get("hmtx")!.offset;
  const longMetrics = source.numberOfHMetrics;
  order.forEach((gid, index) => {
    const advance = sourceView.getUint16(hmtx + Math.min(gid, longMetrics - 1) * 4);
    const bearing =
      gid < longMetrics ? sourceView.getInt16(hmtx + gid * 4 + 2) : sourceView.getInt16(hmtx + longMetrics * 4 + (gid - longMetrics) * 2);
    hmtxView.setUint16(index * 4, advance);
    hmtxView.setInt16(index * 4 + 2, bearing);
  });

  const head = copyTable(source, "head");
  viewOf(head).setUint32(8, 0); // checkSumAdjustment, set once the whole font is written
  viewOf(head).setInt16(50, 1); // long loca offsets
  const hhea = copyTable(source, "hhea");
  viewOf(hhea).setUint16(34, count);
  const maxp = copyTable(source, "maxp");
  viewOf(maxp).setUint16(4, count);

  const outputTables = new Map<string, Uint8Array>([
    ["glyf", glyfTable],
    ["head", head],
    ["hhea", hhea],
    ["hmtx", hmtxTable],
    ["loca", locaTable],
    ["maxp", maxp],
  ]);
  for (const tag of copiedTables) {
    if (tables.has(tag)) outputTables.set(tag, copyTable(source, tag));
  }
  return { bytes: writeFontFile(outputTables), glyphIds: order };
}

function writeFontFile(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const headerSize = 12 + tags.length * 16;
  const total = headerSize + tags.reduce((sum, tag) => sum + align4(tables.get(tag)!.length), 0);
  const font = new Uint8Array(total);
  const view = viewOf(font);
  const entrySelector = Math.floor(Math.log2(tags.length));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, tags.length * 16 - searchRange);
  let offset = headerSize;
  let headOffset = 0;
  tags.forEach((tag, index) => {
    const data = tables.get(tag)!;
    const record = 12 + index * 16;
    for (let char = 0; char < 4; char++) font[record + char] = tag.charCodeAt(char);
    font.set(data, offset);
    view.setUint32(record + 4, checksumOf(font, offset, align4(data.length)));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    if (tag === "head") headOffset = offset;
    offset += align4(data.length);
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksumOf(font, 0, font.length)) >>> 0);
  return font;
}

function checksumOf(bytes: Uint8Array, offset: number, length: number): number {
  const view = viewOf(bytes);
  let sum = 0;
  for (let position = offset; position < offset + length; position += 4) sum = (sum + view.getUint32(position)) >>> 0;
  return sum;
}

function copyTable(source: TrueTypeSource, tag: string): Uint8Array {
  const { offset, length } = source.tables.get(tag)!;
  return source.bytes.slice(offset, offset + length);
}

function align4(length: number): number {
  return (length + 3) & ~3;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
