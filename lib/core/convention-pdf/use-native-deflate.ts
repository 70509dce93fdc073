import { deflateSync } from "node:zlib";
import { PDFContentStream, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";

type StreamDict = Parameters<PDFDocument["context"]["flateStream"]>[1];

/**
 * pdf-lib compresses every stream with pako, a JavaScript port of zlib that allocates ~200 KB per
 * stream: on a convention that was half of the generation time. This routes the document's
 * compression through Node's native zlib instead; the PDF structure is unchanged.
 *
 * Call it right after creating the document (fonts and images embedded later use it) and call the
 * returned function just before saving (page and appearance content streams are compressed lazily).
 */
export function useNativeDeflate(doc: PDFDocument): () => void {
  const context = doc.context;
  context.flateStream = (contents: string | Uint8Array, dict: StreamDict = {}) =>
    context.stream(deflateSync(toBytes(contents)), { ...dict, Filter: "FlateDecode" });

  return function compressContentStreams() {
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFContentStream) || !object.dict.has(PDFName.of("Filter"))) continue;
      // The dictionary already says /Filter /FlateDecode; /Length is recomputed when writing.
      context.assign(ref, PDFRawStream.of(object.dict, deflateSync(object.getUnencodedContents())));
    }
  };
}

function toBytes(contents: string | Uint8Array): Uint8Array {
  if (typeof contents !== "string") return contents;
  // pdf-lib's streams are byte strings: one char per byte (content operators, CMaps).
  const bytes = new Uint8Array(contents.length);
  for (let index = 0; index < contents.length; index++) bytes[index] = contents.charCodeAt(index);
  return bytes;
}
