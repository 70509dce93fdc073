import { deflateSync } from "node:zlib";
import { type PDFDocument } from "pdf-lib";

type StreamDict = Parameters<PDFDocument["context"]["flateStream"]>[1];

/**
 * pdf-lib compresses the streams it builds (font programs, ToUnicode maps) with pako, a JavaScript
 * port of zlib that allocates about 200 KB per stream. This routes the document's compression
 * through Node's native zlib instead; the PDF objects are the same. Call it right after creating
 * the document, before embedding fonts.
 */
export function enableNativeDeflate(doc: PDFDocument): void {
  const context = doc.context;
  context.flateStream = (contents: string | Uint8Array, dict: StreamDict = {}) =>
    context.stream(deflateSync(toBytes(contents)), { ...dict, Filter: "FlateDecode" });
}

function toBytes(contents: string | Uint8Array): Uint8Array {
  if (typeof contents !== "string") return contents;
  // pdf-lib's string streams are byte strings: one char per byte (CMaps, operators).
  const bytes = new Uint8Array(contents.length);
  for (let index = 0; index < contents.length; index++) bytes[index] = contents.charCodeAt(index);
  return bytes;
}
