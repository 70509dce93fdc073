import type { PdfDocument } from "./pdf-document";
import { isArray, isStream } from "./pdf-objects";

/** OCSP responses and CRLs of the document security store (/DSS of the catalog), as DER. */
export function readDssRevocation(doc: PdfDocument): { ocspResponses: Uint8Array[]; crls: Uint8Array[] } {
  const out = { ocspResponses: [] as Uint8Array[], crls: [] as Uint8Array[] };
  const dss = doc.resolveDict(doc.catalog(doc.latest)?.entries.get("DSS"), doc.latest);
  if (!dss) return out;
  for (const [key, target] of [["OCSPs", out.ocspResponses], ["CRLs", out.crls]] as const) {
    const list = doc.resolve(dss.entries.get(key), doc.latest);
    if (!isArray(list)) continue;
    for (const item of list.items.slice(0, 200)) {
      const stream = doc.resolve(item, doc.latest);
      const data = isStream(stream) ? doc.tryDecodeStream(stream, doc.latest) : null;
      if (data) target.push(data);
    }
  }
  return out;
}
