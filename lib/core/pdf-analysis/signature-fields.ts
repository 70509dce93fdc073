import {
  decodeTextString,
  integerValue,
  isArray,
  isDict,
  isRef,
  isString,
  nameValue,
  type PdfDict,
  type PdfObject,
  type PdfString,
} from "./pdf-objects";
import type { PdfDocument, ResolvedObject } from "./pdf-document";

export interface SignatureField {
  fieldName: string;
  fieldNum: number | null;
  /** The signature dictionary (/V) as the latest revision resolves it. */
  signatureObject: ResolvedObject | null;
  signatureDict: PdfDict;
  subFilter: string | null;
  isTimestamp: boolean;
  byteRange: number[] | null;
  contents: PdfString | null;
}

export interface FieldVisit {
  fieldDict: PdfDict;
  fieldObject: ResolvedObject | null;
  fullName: string;
  fieldType: string | null;
}

/** Walks the AcroForm field tree of a revision (terminal fields only), with inherited /FT and full names. */
export function listFormFields(doc: PdfDocument, revision: number): FieldVisit[] {
  const out: FieldVisit[] = [];
  const catalog = doc.catalog(revision);
  const acroForm = doc.resolveDict(catalog?.entries.get("AcroForm"), revision);
  const fields = doc.resolve(acroForm?.entries.get("Fields"), revision);
  if (!isArray(fields)) return out;
  const visited = new Set<number>();
  const visit = (value: PdfObject, parentName: string, parentType: string | null, depth: number) => {
    if (depth > 32 || out.length > 5000) return;
    let fieldObject: ResolvedObject | null = null;
    if (isRef(value)) {
      if (visited.has(value.num)) return;
      visited.add(value.num);
      fieldObject = doc.getObject(value.num, revision);
    }
    const fieldDict = fieldObject ? fieldObject.value : value;
    if (!isDict(fieldDict)) return;
    const partial = doc.textBytes(fieldDict.entries.get("T"), fieldObject);
    // Without the key (certificate-encrypted files) the name is ciphertext: better no name than noise.
    const name = doc.isEncrypted && !doc.decryptor ? "(nom chiffré)" : partial ? decodeTextString(partial) : "";
    const fullName = parentName && name ? `${parentName}.${name}` : parentName || name;
    const fieldType = nameValue(fieldDict.entries.get("FT")) ?? parentType;
    const kids = doc.resolve(fieldDict.entries.get("Kids"), revision);
    const fieldKids = isArray(kids)
      ? kids.items.filter((kid) => {
          const kidDict = doc.resolveDict(kid, revision);
          return kidDict !== null && kidDict.entries.has("T");
        })
      : [];
    if (fieldKids.length > 0) {
      for (const kid of fieldKids) visit(kid, fullName, fieldType, depth + 1);
    } else out.push({ fieldDict, fieldObject, fullName, fieldType });
  };
  for (const item of fields.items) visit(item, "", null, 0);
  return out;
}

export function findSignatureFields(doc: PdfDocument, revision: number): SignatureField[] {
  const out: SignatureField[] = [];
  for (const field of listFormFields(doc, revision)) {
    if (field.fieldType !== "Sig") continue;
    const v = field.fieldDict.entries.get("V");
    if (v === undefined) continue;
    const signatureObject = isRef(v) ? doc.getObject(v.num, revision) : null;
    const signatureDict = signatureObject ? signatureObject.value : v;
    if (!isDict(signatureDict)) continue;
    const subFilter = nameValue(signatureDict.entries.get("SubFilter"));
    const rawRange = doc.resolve(signatureDict.entries.get("ByteRange"), revision);
    const byteRange = isArray(rawRange) ? rawRange.items.map((item) => integerValue(doc.resolve(item, revision)) ?? -1) : null;
    const contents = signatureDict.entries.get("Contents");
    out.push({
      fieldName: field.fullName || "(sans nom)",
      fieldNum: field.fieldObject?.num ?? null,
      signatureObject,
      signatureDict,
      subFilter,
      isTimestamp: subFilter === "ETSI.RFC3161" || nameValue(signatureDict.entries.get("Type")) === "DocTimeStamp",
      byteRange,
      contents: isString(contents) ? contents : null,
    });
  }
  return out;
}
