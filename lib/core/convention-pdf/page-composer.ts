import { deflateSync } from "node:zlib";
import { type PDFDocument, type PDFFont, PDFName, type PDFPage, type PDFRef, type Color } from "pdf-lib";
import type { TextRun } from "./build-convention-articles";

export type FontFace = "regular" | "bold";

export type PageGeometry = {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  /** The cursor of a new page starts here (points from the bottom of the page). */
  contentTop: number;
  /** Nothing but the footer is drawn below this y. */
  contentBottom: number;
};

export type TextStyle = { size: number; face?: FontFace; color?: Color };

export type ParagraphStyle = {
  size: number;
  leading: number;
  color?: Color;
  justify?: boolean;
  /** Left edge and width of the column; the page's text column by default. */
  x?: number;
  width?: number;
};

export type Box = { x: number; y: number; width: number; height: number };

type Fragment = { text: string; face: FontFace; width: number };
type Word = { fragments: Fragment[]; width: number };
type Line = { words: Word[]; isLast: boolean };

const fontResourceNames: Record<FontFace, string> = { regular: "FR", bold: "FB" };
// Advance widths in 1/1000 em per character; text is laid out one glyph per character.
const charWidths: Record<FontFace, Map<string, number>> = { regular: new Map(), bold: new Map() };
// Wrapped paragraphs by text, size and width; lines are read-only once built.
const wrappedLines = new Map<string, Line[]>();
const wrappedLinesLimit = 2_000;

/**
 * A small flow layout that writes page content directly as PDF operators: a cursor going down the
 * page, wrapped and justified paragraphs with bold runs, boxes, rules and page breaks. Writing the
 * content stream as text (rather than through pdf-lib's operator objects) keeps a convention at a
 * few milliseconds; pdf-lib still owns the document structure, fonts, images and forms.
 */
export class PageComposer {
  readonly pages: PDFPage[] = [];
  y = 0;

  private readonly contents = new Map<PDFPage, string[]>();
  // Per document: each character's hex code in this document's font subsets.
  private readonly glyphHex: Record<FontFace, Map<string, string>> = { regular: new Map(), bold: new Map() };

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<FontFace, PDFFont>,
    readonly geometry: PageGeometry,
  ) {}

  get page(): PDFPage {
    if (this.pages.length === 0) this.addPage();
    return this.pages[this.pages.length - 1];
  }

  get columnLeft(): number {
    return this.geometry.marginLeft;
  }

  get columnWidth(): number {
    return this.geometry.width - this.geometry.marginLeft - this.geometry.marginRight;
  }

  addPage(): PDFPage {
    const page = this.doc.addPage([this.geometry.width, this.geometry.height]);
    for (const face of ["regular", "bold"] as const) {
      page.node.setFontDictionary(PDFName.of(fontResourceNames[face]), this.fonts[face].ref);
    }
    this.pages.push(page);
    this.contents.set(page, []);
    this.y = this.geometry.contentTop;
    return page;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensureSpace(height: number): void {
    if (this.pages.length === 0 || this.y - height < this.geometry.contentBottom) this.addPage();
  }

  moveDown(points: number): void {
    this.y -= points;
  }

  widthOf(text: string, face: FontFace, size: number): number {
    const widths = charWidths[face];
    let perMille = 0;
    for (const char of text) {
      let width = widths.get(char);
      if (width === undefined) {
        width = this.fonts[face].widthOfTextAtSize(char, 1000);
        widths.set(char, width);
      }
      perMille += width;
    }
    return (perMille * size) / 1000;
  }

  /** One line of text at an absolute position (baseline at y). */
  drawText(text: string, x: number, y: number, style: TextStyle, page: PDFPage = this.page): void {
    const face = style.face ?? "regular";
    this.write(
      page,
      `BT ${colorOf(style.color)} rg /${fontResourceNames[face]} ${num(style.size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm <${this.hex(text, face)}> Tj ET`,
    );
  }

  drawCenteredText(text: string, centerX: number, y: number, style: TextStyle, page: PDFPage = this.page): void {
    const width = this.widthOf(text, style.face ?? "regular", style.size);
    this.drawText(text, centerX - width / 2, y, style, page);
  }

  drawRightAlignedText(text: string, rightX: number, y: number, style: TextStyle, page: PDFPage = this.page): void {
    const width = this.widthOf(text, style.face ?? "regular", style.size);
    this.drawText(text, rightX - width, y, style, page);
  }

  fillRect(box: Box, color: Color, page: PDFPage = this.page): void {
    this.write(page, `${colorOf(color)} rg ${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re f`);
  }

  strokeRect(box: Box, color: Color, lineWidth: number, page: PDFPage = this.page): void {
    this.write(
      page,
      `${colorOf(color)} RG ${num(lineWidth)} w ${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re S`,
    );
  }

  drawRule(x1: number, y1: number, x2: number, y2: number, color: Color, lineWidth: number, page: PDFPage = this.page): void {
    this.write(page, `${colorOf(color)} RG ${num(lineWidth)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** Places an image or form XObject, stretched to `box`. */
  drawXObject(name: string, ref: PDFRef, box: Box, page: PDFPage = this.page): void {
    page.node.setXObject(PDFName.of(name), ref);
    this.write(page, `q ${num(box.width)} 0 0 ${num(box.height)} ${num(box.x)} ${num(box.y)} cm /${name} Do Q`);
  }

  /** Lays out runs into lines of at most `width` points. */
  wrap(runs: TextRun[], size: number, width: number): Line[] {
    // Most of the text (the articles) is the same in every convention: lay it out once.
    const key = `${size}|${width}|${runs.map((run) => (run.bold ? `*${run.text}` : ` ${run.text}`)).join("\u0000")}`;
    let lines = wrappedLines.get(key);
    if (!lines) {
      lines = this.wrapUncached(runs, size, width);
      if (wrappedLines.size >= wrappedLinesLimit) wrappedLines.clear();
      wrappedLines.set(key, lines);
    }
    return lines;
  }

  private wrapUncached(runs: TextRun[], size: number, width: number): Line[] {
    const spaceWidth = this.widthOf(" ", "regular", size);
    const lines: Line[] = [];
    let current: Word[] = [];
    let currentWidth = 0;
    for (const word of this.splitWords(runs, size)) {
      for (const piece of this.breakLongWord(word, size, width)) {
        const widthWithWord = current.length === 0 ? piece.width : currentWidth + spaceWidth + piece.width;
        if (current.length > 0 && widthWithWord > width) {
          lines.push({ words: current, isLast: false });
          current = [piece];
          currentWidth = piece.width;
        } else {
          current.push(piece);
          currentWidth = widthWithWord;
        }
      }
    }
    if (current.length > 0) lines.push({ words: current, isLast: true });
    return lines;
  }

  /** Height a paragraph will take, for keep-together decisions. */
  measureParagraph(runs: TextRun[], style: ParagraphStyle): number {
    return this.wrap(runs, style.size, style.width ?? this.columnWidth).length * style.leading;
  }

  /** Flows a paragraph from the cursor down, breaking pages between lines when needed. */
  paragraph(runs: TextRun[], style: ParagraphStyle): void {
    const x = style.x ?? this.columnLeft;
    const width = style.width ?? this.columnWidth;
    for (const line of this.wrap(runs, style.size, width)) {
      this.ensureSpace(style.leading);
      this.y -= style.leading;
      this.drawLine(this.page, line, x, this.baselineIn(this.y, style), width, style);
    }
  }

  /** Writes wrapped lines below `top` without moving the cursor; returns the height used. */
  drawLinesAt(runs: TextRun[], x: number, top: number, style: ParagraphStyle & { width: number }, page: PDFPage = this.page): number {
    const lines = this.wrap(runs, style.size, style.width);
    lines.forEach((line, index) => {
      this.drawLine(page, line, x, this.baselineIn(top - (index + 1) * style.leading, style), style.width, style);
    });
    return lines.length * style.leading;
  }

  /** Attaches each page's content as one compressed stream. Call once, after the last drawing. */
  finish(): void {
    const context = this.doc.context;
    for (const page of this.pages) {
      const text = (this.contents.get(page) ?? []).join("\n");
      const stream = context.stream(deflateSync(Buffer.from(text, "latin1")), { Filter: "FlateDecode" });
      page.node.addContentStream(context.register(stream));
    }
    this.contents.clear();
  }

  private baselineIn(lineBottom: number, style: ParagraphStyle): number {
    // Centre the glyphs' body in the line: the descender sits about 0.2 em above the line bottom.
    return lineBottom + (style.leading - style.size) / 2 + 0.2 * style.size;
  }

  private drawLine(page: PDFPage, line: Line, x: number, baseline: number, width: number, style: ParagraphStyle): void {
    const size = style.size;
    const spaceWidth = this.widthOf(" ", "regular", size);
    const naturalWidth = line.words.reduce((sum, word) => sum + word.width, 0) + spaceWidth * (line.words.length - 1);
    const gaps = line.words.length - 1;
    const extra = style.justify && !line.isLast && gaps > 0 ? Math.max(0, (width - naturalWidth) / gaps) : 0;
    // TJ offsets are in thousandths of an em, negative to move right.
    const adjustment = extra > 0 ? ` ${num(-(extra * 1000) / size)} ` : "";

    const parts: string[] = [`BT ${colorOf(style.color)} rg`];
    let cursorX = x;
    let activeFace: FontFace | undefined;
    let segment = "";
    const flush = () => {
      if (segment) parts.push(`[${segment}] TJ`);
      segment = "";
    };
    line.words.forEach((word, wordIndex) => {
      const isLastWord = wordIndex === line.words.length - 1;
      word.fragments.forEach((fragment, fragmentIndex) => {
        if (fragment.face !== activeFace) {
          flush();
          parts.push(`/${fontResourceNames[fragment.face]} ${num(size)} Tf 1 0 0 1 ${num(cursorX)} ${num(baseline)} Tm`);
          activeFace = fragment.face;
        }
        const hasTrailingSpace = fragmentIndex === word.fragments.length - 1 && !isLastWord;
        segment += `<${this.hex(hasTrailingSpace ? `${fragment.text} ` : fragment.text, fragment.face)}>`;
        cursorX += fragment.width;
        if (hasTrailingSpace) {
          cursorX += this.widthOf(" ", fragment.face, size) + extra;
          segment += adjustment;
        }
      });
    });
    flush();
    parts.push("ET");
    this.write(page, parts.join(" "));
  }

  private splitWords(runs: TextRun[], size: number): Word[] {
    const words: Word[] = [];
    let current: Fragment[] = [];
    const closeWord = () => {
      if (current.length === 0) return;
      words.push({ fragments: current, width: current.reduce((sum, fragment) => sum + fragment.width, 0) });
      current = [];
    };
    for (const run of runs) {
      const face: FontFace = run.bold ? "bold" : "regular";
      const parts = run.text.replace(/[\t\r\n]+/g, " ").split(" ");
      parts.forEach((part, index) => {
        if (index > 0) closeWord();
        if (part.length > 0) current.push({ text: part, face, width: this.widthOf(part, face, size) });
      });
    }
    closeWord();
    return words;
  }

  /**
   * Cuts a word wider than the column (a long compound name, an e-mail address): after a hyphen,
   * dot, @ or slash when possible, otherwise between characters.
   */
  private breakLongWord(word: Word, size: number, width: number): Word[] {
    if (word.width <= width) return [word];
    const atoms: Fragment[] = [];
    for (const fragment of word.fragments) {
      for (const piece of fragment.text.match(/[^-./@]*[-./@]?/g) ?? []) {
        if (!piece) continue;
        const pieceWidth = this.widthOf(piece, fragment.face, size);
        if (pieceWidth <= width) {
          atoms.push({ text: piece, face: fragment.face, width: pieceWidth });
        } else {
          for (const char of piece) atoms.push({ text: char, face: fragment.face, width: this.widthOf(char, fragment.face, size) });
        }
      }
    }
    const pieces: Word[] = [];
    let current: Word = { fragments: [], width: 0 };
    for (const atom of atoms) {
      if (current.fragments.length > 0 && current.width + atom.width > width) {
        pieces.push(current);
        current = { fragments: [], width: 0 };
      }
      const last = current.fragments[current.fragments.length - 1];
      if (last && last.face === atom.face) {
        current.fragments[current.fragments.length - 1] = { text: last.text + atom.text, face: atom.face, width: last.width + atom.width };
      } else {
        current.fragments.push(atom);
      }
      current.width += atom.width;
    }
    if (current.fragments.length > 0) pieces.push(current);
    return pieces;
  }

  /** The name under which pages (and form appearances) refer to a face. */
  fontResourceName(face: FontFace): string {
    return fontResourceNames[face];
  }

  /** Hex glyph codes of `text` in this document's subset, for a `<…> Tj` outside the page flow. */
  encodeText(text: string, face: FontFace): string {
    return this.hex(text, face);
  }

  /** Hex glyph codes of `text` in this document's subset; pdf-lib registers each new glyph once. */
  private hex(text: string, face: FontFace): string {
    const codes = this.glyphHex[face];
    let hex = "";
    for (const char of text) {
      let code = codes.get(char);
      if (code === undefined) {
        code = this.fonts[face].encodeText(char).toString().slice(1, -1);
        codes.set(char, code);
      }
      hex += code;
    }
    return hex;
  }

  private write(page: PDFPage, operators: string): void {
    const chunks = this.contents.get(page);
    if (!chunks) throw new Error("Cannot draw on a page that the composer has already finished");
    chunks.push(operators);
  }
}

function colorOf(color: Color | undefined): string {
  if (!color || color.type !== "RGB") return "0 0 0";
  return `${num(color.red, 3)} ${num(color.green, 3)} ${num(color.blue, 3)}`;
}

/** A PDF number: rounded, never in exponent notation, no "-0". */
function num(value: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? "0" : String(rounded);
}
