import {
  PDFArray,
  PDFDocument,
  PDFFont,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFPage,
  beginText,
  endText,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  type Color,
  type RGB,
} from "pdf-lib";
import type { TextRun } from "./build-convention-articles";

export type FontFace = "regular" | "bold";

export type PageGeometry = {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  /** Baseline area starts below this y (from the bottom of the page). */
  contentTop: number;
  /** Nothing but the footer is drawn below this y. */
  contentBottom: number;
};

export type TextStyle = { size: number; face?: FontFace; color?: RGB };

export type ParagraphStyle = {
  size: number;
  leading: number;
  color?: RGB;
  justify?: boolean;
  /** Left edge and width of the column; the page's text column by default. */
  x?: number;
  width?: number;
};

type Fragment = { text: string; face: FontFace; width: number };
type Word = { fragments: Fragment[]; width: number };
type Line = { words: Word[]; isLast: boolean };

const fontResourceNames: Record<FontFace, string> = { regular: "FR", bold: "FB" };
const textWidthCacheLimit = 50_000;
// Widths in 1/1000 em: the texts of the articles repeat in every document.
const textWidthCache: Record<FontFace, Map<string, number>> = { regular: new Map(), bold: new Map() };

/**
 * A small flow layout on top of pdf-lib: a cursor that goes down the page, wrapped and justified
 * paragraphs with bold runs, and page breaks. Text is written with raw operators so that each line
 * is one compact text object rather than the half-dozen operators pdf-lib emits per drawText call.
 */
export class PageComposer {
  readonly pages: PDFPage[] = [];
  y = 0;

  private readonly registeredFonts = new WeakMap<PDFPage, true>();

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
    this.pages.push(page);
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
    const cache = textWidthCache[face];
    let perMille = cache.get(text);
    if (perMille === undefined) {
      perMille = this.fonts[face].widthOfTextAtSize(text, 1000);
      if (cache.size >= textWidthCacheLimit) cache.clear();
      cache.set(text, perMille);
    }
    return (perMille * size) / 1000;
  }

  /** One line of text at an absolute position (baseline at y). */
  drawText(text: string, x: number, y: number, style: TextStyle, page: PDFPage = this.page): void {
    const face = style.face ?? "regular";
    this.useFonts(page);
    page.pushOperators(
      beginText(),
      setFillingRgbColor(...rgbOf(style.color)),
      setFontAndSize(fontResourceNames[face], style.size),
      setTextMatrix(1, 0, 0, 1, round(x), round(y)),
      PDFOperator.of(PDFOperatorNames.ShowText, [this.fonts[face].encodeText(text)]),
      endText(),
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

  /** Lays out runs into lines of at most `width` points. */
  wrap(runs: TextRun[], size: number, width: number): Line[] {
    const words = this.splitWords(runs, size);
    const spaceWidth = this.widthOf(" ", "regular", size);
    const lines: Line[] = [];
    let current: Word[] = [];
    let currentWidth = 0;
    for (const word of words) {
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
      this.drawLine(line, x, this.y + (style.leading - style.size) / 2, width, style);
    }
  }

  /** Writes pre-wrapped lines at an absolute position without moving the cursor; returns the height used. */
  drawLinesAt(runs: TextRun[], x: number, top: number, style: ParagraphStyle & { width: number }, page: PDFPage = this.page): number {
    const lines = this.wrap(runs, style.size, style.width);
    lines.forEach((line, index) => {
      const baseline = top - (index + 1) * style.leading + (style.leading - style.size) / 2;
      this.drawLine(line, x, baseline, style.width, style, page);
    });
    return lines.length * style.leading;
  }

  private drawLine(line: Line, x: number, baseline: number, width: number, style: ParagraphStyle, page: PDFPage = this.page): void {
    const size = style.size;
    const spaceWidth = this.widthOf(" ", "regular", size);
    const naturalWidth = line.words.reduce((sum, word) => sum + word.width, 0) + spaceWidth * (line.words.length - 1);
    const gaps = line.words.length - 1;
    const extra = style.justify && !line.isLast && gaps > 0 ? Math.max(0, (width - naturalWidth) / gaps) : 0;

    this.useFonts(page);
    const operators: PDFOperator[] = [beginText(), setFillingRgbColor(...rgbOf(style.color))];
    let cursorX = x;
    let activeFace: FontFace | undefined;
    let segment: Array<PDFHexString | PDFNumber> = [];
    const flush = () => {
      if (segment.length === 0) return;
      const array = PDFArray.withContext(this.doc.context);
      for (const item of segment) array.push(item);
      operators.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]));
      segment = [];
    };
    const startSegment = (face: FontFace) => {
      flush();
      if (face !== activeFace) operators.push(setFontAndSize(fontResourceNames[face], size));
      activeFace = face;
      operators.push(setTextMatrix(1, 0, 0, 1, round(cursorX), round(baseline)));
    };

    line.words.forEach((word, wordIndex) => {
      const isLastWord = wordIndex === line.words.length - 1;
      word.fragments.forEach((fragment, fragmentIndex) => {
        const isWordEnd = fragmentIndex === word.fragments.length - 1;
        if (fragment.face !== activeFace || segment.length === 0) startSegment(fragment.face);
        const trailingSpace = isWordEnd && !isLastWord ? " " : "";
        segment.push(this.fonts[fragment.face].encodeText(fragment.text + trailingSpace));
        cursorX += fragment.width;
        if (trailingSpace) {
          cursorX += this.widthOf(" ", fragment.face, size) + extra;
          // TJ offsets are in thousandths of an em, negative to move right.
          if (extra > 0) segment.push(PDFNumber.of(-round((extra * 1000) / size)));
        }
      });
    });
    flush();
    operators.push(endText());
    page.pushOperators(...operators);
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

  /** Cuts a word wider than the column (a long e-mail address) at character boundaries. */
  private breakLongWord(word: Word, size: number, width: number): Word[] {
    if (word.width <= width) return [word];
    const pieces: Word[] = [];
    let fragments: Fragment[] = [];
    let pieceWidth = 0;
    for (const fragment of word.fragments) {
      let text = "";
      for (const char of Array.from(fragment.text)) {
        const charWidth = this.widthOf(char, fragment.face, size);
        if (pieceWidth + charWidth > width && (text.length > 0 || fragments.length > 0)) {
          if (text) fragments.push({ text, face: fragment.face, width: this.widthOf(text, fragment.face, size) });
          pieces.push({ fragments, width: pieceWidth });
          fragments = [];
          pieceWidth = 0;
          text = "";
        }
        text += char;
        pieceWidth += charWidth;
      }
      if (text) fragments.push({ text, face: fragment.face, width: this.widthOf(text, fragment.face, size) });
    }
    if (fragments.length > 0) pieces.push({ fragments, width: pieceWidth });
    return pieces;
  }

  private useFonts(page: PDFPage): void {
    if (this.registeredFonts.has(page)) return;
    for (const face of ["regular", "bold"] as const) {
      page.node.setFontDictionary(PDFName.of(fontResourceNames[face]), this.fonts[face].ref);
    }
    this.registeredFonts.set(page, true);
  }
}

function rgbOf(color: Color | undefined): [number, number, number] {
  if (!color || color.type !== "RGB") return [0, 0, 0];
  return [color.red, color.green, color.blue];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
