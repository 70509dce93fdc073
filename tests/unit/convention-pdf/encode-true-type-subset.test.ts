import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { encodeTrueTypeSubset, readTrueTypeSource } from "@/lib/core/convention-pdf/encode-true-type-subset";

const fontPath = path.join(process.cwd(), "lib", "core", "convention-pdf", "fonts", "DejaVuSans.ttf");
const fontBytes = new Uint8Array(readFileSync(fontPath));
const original = fontkit.create(Buffer.from(fontBytes));
const source = readTrueTypeSource(fontBytes);

function glyphIdsOf(text: string): number[] {
  return [0, ...new Set(Array.from(text, (char) => original.glyphForCodePoint(char.codePointAt(0)!).id))];
}

function svgOf(font: ReturnType<typeof fontkit.create>, glyphId: number): string {
  return font.getGlyph(glyphId).path.toSVG();
}

describe("encodeTrueTypeSubset", () => {
  const text = "Élève Maëlys Dubœuf, né(e) le 03-11-2010 — « Convention n° 42 »";
  const requested = glyphIdsOf(text);
  const { bytes, glyphIds } = encodeTrueTypeSubset(source, requested);
  const subset = fontkit.create(Buffer.from(bytes));

  it("keeps the requested glyphs first, in order, and appends the components of accented letters", () => {
    expect(glyphIds.slice(0, requested.length)).toEqual(requested);
    expect(glyphIds.length).toBeGreaterThan(requested.length);
    expect(subset.numGlyphs).toBe(glyphIds.length);
  });

  it("copies every glyph's outline and advance width unchanged, composites included", () => {
    glyphIds.forEach((originalId, newId) => {
      expect(svgOf(subset, newId)).toBe(svgOf(original, originalId));
      expect(subset.getGlyph(newId).advanceWidth).toBe(original.getGlyph(originalId).advanceWidth);
    });
  });

  it("is far smaller than the full font and writes valid table checksums", () => {
    expect(bytes.length).toBeLessThan(fontBytes.length / 10);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let total = 0;
    for (let offset = 0; offset < bytes.length; offset += 4) total = (total + view.getUint32(offset)) >>> 0;
    // The head table's checkSumAdjustment makes the whole file sum to this magic number.
    expect(total).toBe(0xb1b0afba);
    const tags = Array.from({ length: view.getUint16(4) }, (_, index) =>
      String.fromCharCode(...bytes.subarray(12 + index * 16, 16 + index * 16)),
    );
    expect(tags).toEqual(["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"]);
  });

  it("refuses a file without TrueType outlines", () => {
    const notAFont = new Uint8Array(64);
    expect(() => readTrueTypeSource(notAFont)).toThrow(/TrueType/);
  });
});
