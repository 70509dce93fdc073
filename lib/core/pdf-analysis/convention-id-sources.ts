import type { PdfDocument } from "./pdf-document";
import { decodeTextString, isRef, isStream, isString, latin1 } from "./pdf-objects";
import { extractPageTexts } from "./page-text";
import { listFormFields } from "./signature-fields";

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const UUID_ONLY = new RegExp(`^\\s*(${UUID})\\s*$`);
const XMP_ID = new RegExp(`<conv:ConventionId>\\s*(${UUID})\\s*</conv:ConventionId>|conv:ConventionId\\s*=\\s*["'](${UUID})["']`);
const FOOTER = new RegExp(`Convention\\s*n\\s*\\S{0,2}\\s*(${UUID})`, "gi");

export interface EmbeddedConventionIds {
  info: string | null;
  xmp: string | null;
  field: string | null;
  footer: string[];
  /** Every distinct id found; more than one means the sources disagree. */
  distinct: string[];
}

function normalize(value: string | null): string | null {
  const match = value ? UUID_ONLY.exec(value) : null;
  return match ? match[1].toLowerCase() : null;
}

/** The convention id as printed in one revision: Info /ConventionId, XMP, hidden field, page footers. */
export function readEmbeddedConventionIds(doc: PdfDocument, revision: number): EmbeddedConventionIds {
  const infoRef = doc.revisions[revision].trailer.entries.get("Info");
  const infoObject = isRef(infoRef) ? doc.getObject(infoRef.num, revision) : null;
  const info = doc.resolveDict(infoRef, revision);
  const infoBytes = doc.textBytes(info?.entries.get("ConventionId"), infoObject);
  const infoId = normalize(infoBytes ? decodeTextString(infoBytes) : null);

  const metadata = doc.resolve(doc.catalog(revision)?.entries.get("Metadata"), revision);
  const xmpData = isStream(metadata) ? doc.tryDecodeStream(metadata, revision) : null;
  const xmpMatch = xmpData ? XMP_ID.exec(latin1(xmpData)) : null;
  const xmpId = xmpMatch ? (xmpMatch[1] ?? xmpMatch[2]).toLowerCase() : null;

  let fieldId: string | null = null;
  for (const field of listFormFields(doc, revision)) {
    if (field.fullName !== "convention_id") continue;
    const value = doc.resolve(field.fieldDict.entries.get("V"), revision);
    const bytes = isString(value) ? doc.textBytes(value, field.fieldObject) : null;
    fieldId = normalize(bytes ? decodeTextString(bytes) : null);
  }

  const footer = new Set<string>();
  for (const text of extractPageTexts(doc, revision)) {
    for (const match of text.matchAll(FOOTER)) footer.add(match[1].toLowerCase());
  }
  const distinct = [...new Set([infoId, xmpId, fieldId, ...footer].filter((id): id is string => id !== null))];
  return { info: infoId, xmp: xmpId, field: fieldId, footer: [...footer], distinct };
}
