import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";
import { encodeTrueTypeSubset, readTrueTypeSource, type TrueTypeSource } from "./encode-true-type-subset";

/** The bytes of the two faces of the convention (DejaVu Sans), read by the caller. */
export type ConventionFontFiles = {
  regular: Uint8Array;
  bold: Uint8Array;
};

/** The two faces of the convention, plus a fontkit that hands pdf-lib an already parsed font. */
export type ConventionFonts = ConventionFontFiles & {
  fontkit: Fontkit;
};

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type ParsedFont = ReturnType<typeof fontkit.create>;

const preparedByFiles = new WeakMap<ConventionFontFiles, ConventionFonts>();

/**
 * Parses the faces once per set of bytes. Parsing a 700 KB TrueType file costs about 6 ms and pdf-lib
 * would redo it for every document, so the parsed fonts are kept and shared between documents.
 */
export function prepareConventionFonts(files: ConventionFontFiles): ConventionFonts {
  const prepared = preparedByFiles.get(files);
  if (prepared) return prepared;
  const { regular, bold } = files;
  const parsedByBytes = new Map<Uint8Array, ParsedFont>([
    [regular, parseWithoutShaping(regular)],
    [bold, parseWithoutShaping(bold)],
  ]);
  const cachingFontkit: Fontkit = {
    create(bytes: Uint8Array) {
      return parsedByBytes.get(bytes) ?? fontkit.create(bytes);
    },
  } as unknown as Fontkit;
  const fonts = { fontkit: cachingFontkit, regular, bold };
  preparedByFiles.set(files, fonts);
  return fonts;
}

/**
 * French prose needs no shaping: one glyph per character is exact, and skipping OpenType layout
 * (about 0.2 ms per word) is what makes generation fast. It also keeps "fi" as two searchable glyphs.
 */
function parseWithoutShaping(bytes: Uint8Array): ParsedFont {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const layoutOneToOne = (text: string) => ({ glyphs: font.glyphsForString(text) });
  Object.defineProperty(font, "layout", { value: layoutOneToOne });
  // fontkit's subsetter re-encodes tables through generic structures (1.5 ms a font, every
  // document); the byte-copying one below writes the same tables in a fraction of that.
  const source = readTrueTypeSource(bytes);
  Object.defineProperty(font, "createSubset", { value: () => new ByteCopySubset(source) });
  return font;
}

type StreamListener = (chunk?: Uint8Array) => void;

/** The part of fontkit's Subset that pdf-lib uses: glyph numbering and an encode stream. */
class ByteCopySubset {
  // pdf-lib asks whether the subset is CFF; this one is TrueType.
  readonly cff = undefined;
  private readonly glyphIds: number[] = [];
  private readonly newIds = new Map<number, number>();

  constructor(private readonly source: TrueTypeSource) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === "number" ? glyph : glyph.id;
    let newId = this.newIds.get(gid);
    if (newId === undefined) {
      newId = this.glyphIds.length;
      this.glyphIds.push(gid);
      this.newIds.set(gid, newId);
    }
    return newId;
  }

  encodeStream() {
    const listeners = new Map<string, StreamListener>();
    const stream = {
      on(event: string, listener: StreamListener) {
        listeners.set(event, listener);
        return stream;
      },
    };
    // pdf-lib attaches its listeners right after this call returns.
    queueMicrotask(() => {
      try {
        const { bytes } = encodeTrueTypeSubset(this.source, this.glyphIds);
        listeners.get("data")?.(bytes);
        listeners.get("end")?.();
      } catch (error) {
        const onError = listeners.get("error") as ((reason: unknown) => void) | undefined;
        if (onError) onError(error);
        else throw error;
      }
    });
    return stream;
  }
}
