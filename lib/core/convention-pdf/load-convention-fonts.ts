import fontkit from "@pdf-lib/fontkit";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PDFDocument } from "pdf-lib";

const regularFileName = "DejaVuSans.ttf";
const boldFileName = "DejaVuSans-Bold.ttf";

/** The two faces of the convention, plus a fontkit that hands pdf-lib an already parsed font. */
export type ConventionFonts = {
  fontkit: Fontkit;
  regular: Uint8Array;
  bold: Uint8Array;
};

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type ParsedFont = ReturnType<typeof fontkit.create>;
// fontkit's internal glyph decoder, used by its TrueType subsetter.
type Glyph = { _decode: () => unknown };

let loadedFonts: ConventionFonts | undefined;

/**
 * Loads DejaVu Sans once per process. Parsing a 700 KB TrueType file costs about 6 ms and pdf-lib
 * would redo it for every document, so the parsed fonts are kept and shared between documents.
 */
export function loadConventionFonts(): ConventionFonts {
  if (loadedFonts) return loadedFonts;
  const fontsDir = findFontsDir();
  const regular = new Uint8Array(readFileSync(path.join(fontsDir, regularFileName)));
  const bold = new Uint8Array(readFileSync(path.join(fontsDir, boldFileName)));
  const parsedByBytes = new Map<Uint8Array, ParsedFont>([
    [regular, parseWithoutShaping(regular)],
    [bold, parseWithoutShaping(bold)],
  ]);
  const cachingFontkit: Fontkit = {
    create(bytes: Uint8Array) {
      return parsedByBytes.get(bytes) ?? fontkit.create(bytes);
    },
  } as unknown as Fontkit;
  loadedFonts = { fontkit: cachingFontkit, regular, bold };
  return loadedFonts;
}

/**
 * French prose needs no shaping: one glyph per character is exact, and skipping OpenType layout
 * (about 0.2 ms per word) is what makes generation fast. It also keeps "fi" as two searchable glyphs.
 */
function parseWithoutShaping(bytes: Uint8Array): ParsedFont {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const layoutOneToOne = (text: string) => ({ glyphs: font.glyphsForString(text) });
  Object.defineProperty(font, "layout", { value: layoutOneToOne });
  // Subsetting decodes every used glyph's outline just to spot composite glyphs; the outline never
  // changes, so decode it once per process instead of once per document.
  const getGlyph = font.getGlyph.bind(font);
  const memoized = new WeakSet<object>();
  Object.defineProperty(font, "getGlyph", {
    value: (id: number, codePoints?: number[]) => {
      const glyph = getGlyph(id, codePoints) as unknown as Glyph | null;
      if (glyph && !memoized.has(glyph)) {
        const decode = glyph._decode.bind(glyph);
        let decoded: unknown;
        let isDecoded = false;
        glyph._decode = () => {
          if (!isDecoded) {
            decoded = decode();
            isDecoded = true;
          }
          return decoded;
        };
        memoized.add(glyph);
      }
      return glyph;
    },
  });
  return font;
}

function findFontsDir(): string {
  // __dirname is right under tsx and Jest; bundlers may rewrite it, so the source tree is the fallback.
  const candidates = [
    typeof __dirname === "string" ? path.join(__dirname, "fonts") : undefined,
    path.join(process.cwd(), "lib", "core", "convention-pdf", "fonts"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((dir) => existsSync(path.join(dir, regularFileName)));
  if (!found) throw new Error(`Convention fonts not found (looked in: ${candidates.join(", ")})`);
  return found;
}
