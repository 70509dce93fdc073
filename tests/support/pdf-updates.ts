import "reflect-metadata";
import { createHash, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { AnalysisBudget, DEFAULT_ANALYSIS_LIMITS } from "@/lib/core/pdf-analysis/analysis-budget";
import { PdfDocument } from "@/lib/core/pdf-analysis/pdf-document";
import { isArray, isRef } from "@/lib/core/pdf-analysis/pdf-objects";

/**
 * Builds incremental updates over a PDF the way a signing tool or an attacker would: new or
 * redefined objects, a classic xref table, a trailer chained with /Prev. The signer signs in
 * process (RSA, SHA-256, CMS detached) with a certificate made by the tests.
 */

export interface UpdateObject {
  num: number;
  /** The object's body, between "N 0 obj" and "endobj". */
  body: string | Buffer;
}

export interface UpdateOptions {
  /** Object numbers written in the body but left out of the xref table. */
  unlisted?: number[];
  /** Replaces the trailer's /Root or /Info reference. */
  root?: number;
  info?: number;
  /** Written instead of the xref offset after "startxref". */
  startxrefText?: (offset: number) => string;
  /** Bytes written after "%%EOF". */
  afterEof?: string;
  /** Offsets forced for some xref entries (pointing at bytes the update does not write). */
  forcedOffsets?: Record<number, number>;
}

export function openPdf(bytes: Uint8Array): PdfDocument {
  return new PdfDocument(bytes, new AnalysisBudget(DEFAULT_ANALYSIS_LIMITS));
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

function lastStartxref(bytes: Uint8Array): number {
  const text = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!match) throw new Error("the file does not end with startxref/%%EOF");
  return Number(match[1]);
}

/** The text of object `num` as the latest revision defines it (an offset object only). */
export function objectText(bytes: Uint8Array, num: number): string {
  const doc = openPdf(bytes);
  const object = doc.getObject(num, doc.latest);
  if (!object || object.location.type !== "offset") throw new Error(`object ${num} is not a plain object`);
  const text = latin1(bytes.subarray(object.location.start, object.location.end));
  const body = /^\s*\d+\s+\d+\s+obj\s*([\s\S]*?)\s*endobj\s*$/.exec(text);
  if (!body) throw new Error(`object ${num} has an unexpected layout`);
  return body[1];
}

/** The same dictionary text with entries added (or replaced, when `replace` names them) after its "<<". */
export function withEntries(dictText: string, entries: string, replace: string[] = []): string {
  let text = dictText;
  for (const key of replace) text = removeEntry(text, key);
  const open = text.indexOf("<<");
  return `${text.slice(0, open + 2)} ${entries} ${text.slice(open + 2)}`;
}

/** Removes a top-level `/Key value` whose value is a reference, a name, a number, a string or an array/dict. */
export function removeEntry(dictText: string, key: string): string {
  const at = dictText.search(new RegExp(`/${key}(?=[\\s/<\\[(])`));
  if (at < 0) return dictText;
  let pos = at + key.length + 1;
  while (/\s/.test(dictText[pos])) pos++;
  const ref = /^\d+\s+\d+\s+R/.exec(dictText.slice(pos));
  if (ref) return dictText.slice(0, at) + dictText.slice(pos + ref[0].length);
  const open = dictText[pos];
  if (open === "[" || (open === "<" && dictText[pos + 1] === "<") || open === "(") {
    const [openToken, closeToken] = open === "[" ? ["[", "]"] : open === "(" ? ["(", ")"] : ["<<", ">>"];
    let depth = 0;
    let i = pos;
    while (i < dictText.length) {
      if (dictText.startsWith(openToken, i)) {
        depth++;
        i += openToken.length;
      } else if (dictText.startsWith(closeToken, i)) {
        depth--;
        i += closeToken.length;
        if (depth === 0) break;
      } else i++;
    }
    return dictText.slice(0, at) + dictText.slice(i);
  }
  const simple = /^[^\s/<>[\]()]+|^\/[^\s/<>[\]()]+/.exec(dictText.slice(pos));
  return dictText.slice(0, at) + dictText.slice(pos + (simple ? simple[0].length : 0));
}

/** Appends one incremental update to `bytes`. */
export function appendUpdate(bytes: Uint8Array, objects: UpdateObject[], options: UpdateOptions = {}): Buffer {
  const doc = openPdf(bytes);
  const trailer = doc.revisions[doc.latest].trailer;
  const root = trailer.entries.get("Root");
  const info = trailer.entries.get("Info");
  const id = trailer.entries.get("ID");
  const size = Number(trailer.entries.get("Size"));
  if (!isRef(root)) throw new Error("no /Root");
  const parts: Buffer[] = [Buffer.from(bytes)];
  let length = bytes.length;
  const push = (chunk: string | Buffer) => {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  if (bytes[bytes.length - 1] !== 10) push("\n");
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.num, length);
    push(`${object.num} 0 obj\n`);
    push(object.body);
    push("\nendobj\n");
  }
  for (const num of options.unlisted ?? []) offsets.delete(num);
  for (const [num, offset] of Object.entries(options.forcedOffsets ?? {})) offsets.set(Number(num), offset);
  const xrefOffset = length;
  let xref = "xref\n0 1\n0000000000 65535 f \n";
  for (const [num, offset] of [...offsets.entries()].sort((a, b) => a[0] - b[0])) {
    xref += `${num} 1\n${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  const maxNum = Math.max(size - 1, ...objects.map((o) => o.num));
  const rootPart = ` /Root ${options.root ?? root.num} 0 R`;
  const infoNum = options.info ?? (isRef(info) ? info.num : null);
  const infoPart = infoNum !== null ? ` /Info ${infoNum} 0 R` : "";
  const idPart = isArray(id) ? ` /ID [<${hexOf(id.items[0])}> <${hexOf(id.items[1])}>]` : "";
  const startxref = options.startxrefText ? options.startxrefText(xrefOffset) : String(xrefOffset);
  push(`${xref}trailer\n<< /Size ${maxNum + 1}${rootPart}${infoPart}${idPart} /Prev ${lastStartxref(bytes)} >>\nstartxref\n${startxref}\n%%EOF\n`);
  if (options.afterEof) push(options.afterEof);
  return Buffer.concat(parts);
}

function hexOf(value: unknown): string {
  const bytes = (value as { bytes?: Uint8Array } | undefined)?.bytes;
  return bytes ? Buffer.from(bytes).toString("hex") : "";
}

export function nextObjectNumber(bytes: Uint8Array): number {
  const doc = openPdf(bytes);
  return Number(doc.revisions[doc.latest].trailer.entries.get("Size"));
}

/** Object numbers of the pages, in order. */
export function pageNumbers(bytes: Uint8Array): number[] {
  const doc = openPdf(bytes);
  const catalog = doc.catalog(doc.latest);
  const pages = doc.resolveDict(catalog?.entries.get("Pages"), doc.latest);
  const kids = doc.resolve(pages?.entries.get("Kids"), doc.latest);
  return isArray(kids) ? kids.items.filter(isRef).map((ref) => ref.num) : [];
}

/** Object number of a top-level form field by its name. */
export function fieldNumber(bytes: Uint8Array, name: string): number {
  const doc = openPdf(bytes);
  const acroForm = doc.resolveDict(doc.catalog(doc.latest)?.entries.get("AcroForm"), doc.latest);
  const fields = doc.resolve(acroForm?.entries.get("Fields"), doc.latest);
  for (const item of isArray(fields) ? fields.items : []) {
    if (!isRef(item)) continue;
    const dict = doc.resolveDict(item, doc.latest);
    const t = dict?.entries.get("T");
    if (t && typeof t === "object" && t.kind === "string" && Buffer.from(t.bytes).toString("latin1") === name) return item.num;
  }
  throw new Error(`no field ${name}`);
}

export function acroFormNumber(bytes: Uint8Array): number {
  const doc = openPdf(bytes);
  const ref = doc.catalog(doc.latest)?.entries.get("AcroForm");
  if (!isRef(ref)) throw new Error("AcroForm is not an indirect object");
  return ref.num;
}

export function rootNumber(bytes: Uint8Array): number {
  const ref = openPdf(bytes).revisions.at(-1)?.trailer.entries.get("Root");
  if (!isRef(ref)) throw new Error("no root");
  return ref.num;
}

export function infoNumber(bytes: Uint8Array): number {
  const ref = openPdf(bytes).revisions.at(-1)?.trailer.entries.get("Info");
  if (!isRef(ref)) throw new Error("no info");
  return ref.num;
}

/** First content stream reference of a page. */
export function pageContentNumber(bytes: Uint8Array, pageIndex: number): number {
  const doc = openPdf(bytes);
  const page = doc.resolveDict({ kind: "ref", num: pageNumbers(bytes)[pageIndex], gen: 0 }, doc.latest);
  const contents = page?.entries.get("Contents");
  const ref = isArray(contents) ? contents.items[0] : contents;
  if (!isRef(ref)) throw new Error("no content stream");
  return ref.num;
}

export function streamBody(content: string, extraEntries = ""): string {
  return `<< /Length ${Buffer.byteLength(content, "latin1")}${extraEntries ? ` ${extraEntries}` : ""} >>\nstream\n${content}\nendstream`;
}

interface TestSigner {
  certificateDer: ArrayBuffer;
  privateKey: CryptoKey;
}

/** Key and digest of a test signer: what Acrobat, Edge or a smart card may use. */
export type SigningAlgorithm = "rsa-sha256" | "rsa-pss-sha512" | "ecdsa-p256-sha384";

const ALGORITHMS: Record<SigningAlgorithm, { key: RsaHashedKeyGenParams | EcKeyGenParams; hash: string; signing: Algorithm }> = {
  "rsa-sha256": {
    key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    hash: "SHA-256",
    signing: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as Algorithm,
  },
  "rsa-pss-sha512": {
    key: { name: "RSA-PSS", hash: "SHA-512", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    hash: "SHA-512",
    signing: { name: "RSA-PSS", hash: "SHA-512", saltLength: 64 } as Algorithm,
  },
  "ecdsa-p256-sha384": {
    key: { name: "ECDSA", namedCurve: "P-256" },
    hash: "SHA-384",
    signing: { name: "ECDSA", hash: "SHA-384" } as Algorithm,
  },
};

const signers = new Map<SigningAlgorithm, Promise<TestSigner>>();

/** One self-signed certificate per algorithm for every signature the tests make. */
export function testSigner(algorithm: SigningAlgorithm = "rsa-sha256"): Promise<TestSigner> {
  let signer = signers.get(algorithm);
  if (!signer) {
    signer = (async () => {
      x509.cryptoProvider.set(webcrypto as unknown as Crypto);
      pkijs.setEngine("tests", new pkijs.CryptoEngine({ name: "tests", crypto: webcrypto as unknown as Crypto }));
      const { key, signing } = ALGORITHMS[algorithm];
      const keys = (await webcrypto.subtle.generateKey(key, true, ["sign", "verify"])) as CryptoKeyPair;
      const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: "01",
        name: "CN=Principale Test, O=Collège des Tests",
        notBefore: new Date(Date.now() - 86_400_000),
        notAfter: new Date(Date.now() + 365 * 86_400_000),
        signingAlgorithm: signing,
        keys,
      });
      return { certificateDer: certificate.rawData, privateKey: keys.privateKey };
    })();
    signers.set(algorithm, signer);
  }
  return signer;
}

/** A signer of the tests' own making: its certificate (and chain), its key, optionally a timestamp over its signature. */
export interface CustomSigner {
  certificateDer: ArrayBuffer;
  privateKey: CryptoKey;
  chainDer?: ArrayBuffer[];
  /** An RFC 3161 token over the signature value, stored as the unsigned attribute signatureTimeStampToken. */
  timestamp?: (signatureValue: Uint8Array) => Promise<ArrayBuffer>;
}

async function cmsDetached(content: Buffer, algorithm: SigningAlgorithm, withSignedAttributes: boolean, custom?: CustomSigner): Promise<Buffer> {
  const { certificateDer, privateKey } = custom ?? (await testSigner(algorithm));
  const { hash } = ALGORITHMS[algorithm];
  const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(certificateDer).result });
  const digest = createHash(hash.replace("-", "").toLowerCase()).update(content).digest();
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
  });
  if (withSignedAttributes) {
    signerInfo.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
        new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
        new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
      ],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    signerInfos: [signerInfo],
    certificates: [certificate, ...(custom?.chainDer ?? []).map((der) => new pkijs.Certificate({ schema: asn1js.fromBER(der).result }))],
  });
  // Without signed attributes the signature is computed over the content itself.
  await signedData.sign(privateKey, 0, hash, withSignedAttributes ? undefined : new Uint8Array(content));
  if (custom?.timestamp) {
    const token = await custom.timestamp(new Uint8Array(signerInfo.signature.valueBlock.valueHexView));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: "1.2.840.113549.1.9.16.2.14", values: [asn1js.fromBER(token).result] })],
    });
  }
  const contentInfo = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

const CONTENTS_HEX_LENGTH = 16384;
const BYTE_RANGE_PLACEHOLDER = "/ByteRange [0 0000000000 0000000000 0000000000]";

export interface SignOptions {
  /** Signs this existing empty field (its object number), or adds a new field with this name. */
  field: { existing: number } | { name: string; pageIndex: number; rect: [number, number, number, number] };
  /** Content of a visible appearance stream for the widget. */
  appearance?: string;
  /** Extra entries written into the signed field/widget dictionary. */
  widgetEntries?: string;
  /** More objects written in the same revision. */
  extraObjects?: UpdateObject[];
  /** Entries written into the catalog in the same revision. */
  catalogEntries?: string;
  algorithm?: SigningAlgorithm;
  /** A certificate and key made by the test instead of the shared test signer (RSA, SHA-256). */
  signer?: CustomSigner;
  /** Sign the bytes themselves, without signed attributes (older signers). */
  withoutSignedAttributes?: boolean;
}

/** Signs `bytes` in one incremental update, as Acrobat, poppler or iText do. */
export async function signIncrementally(bytes: Uint8Array, options: SignOptions): Promise<Buffer> {
  let next = nextObjectNumber(bytes);
  const signatureNum = next++;
  const objects: UpdateObject[] = [];
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  objects.push({
    num: signatureNum,
    body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ${BYTE_RANGE_PLACEHOLDER} /Contents <${"0".repeat(CONTENTS_HEX_LENGTH)}> /M (D:${stamp}Z) >>`,
  });
  let apEntry = "";
  if (options.appearance !== undefined) {
    const apNum = next++;
    const box = "field" in options && "rect" in options.field ? options.field.rect : [0, 0, 150, 60];
    const width = Math.abs(box[2] - box[0]);
    const height = Math.abs(box[3] - box[1]);
    objects.push({ num: apNum, body: streamBody(options.appearance, `/Type /XObject /Subtype /Form /BBox [0 0 ${width} ${height}] /Resources << >>`) });
    apEntry = `/AP << /N ${apNum} 0 R >>`;
  }
  const extra = options.widgetEntries ?? "";
  if ("existing" in options.field) {
    const num = options.field.existing;
    objects.push({ num, body: withEntries(objectText(bytes, num), `/V ${signatureNum} 0 R ${apEntry} ${extra}`, apEntry ? ["AP"] : []) });
  } else {
    const { name, pageIndex, rect } = options.field;
    const widgetNum = next++;
    const pageNum = pageNumbers(bytes)[pageIndex];
    objects.push({
      num: widgetNum,
      body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (${name}) /V ${signatureNum} 0 R /Rect [${rect.join(" ")}] /P ${pageNum} 0 R /F 132 ${apEntry} ${extra} >>`,
    });
    const acroNum = acroFormNumber(bytes);
    const acroText = objectText(bytes, acroNum);
    objects.push({ num: acroNum, body: acroText.replace(/\/Fields\s*\[/, `/Fields [ ${widgetNum} 0 R`).replace(/\/SigFlags\s+\d+/, "/SigFlags 3") });
    const pageText = objectText(bytes, pageNum);
    objects.push({
      num: pageNum,
      body: /\/Annots\s*\[/.test(pageText) ? pageText.replace(/\/Annots\s*\[/, `/Annots [ ${widgetNum} 0 R`) : withEntries(pageText, `/Annots [ ${widgetNum} 0 R ]`),
    });
  }
  if (options.catalogEntries) {
    const rootNum = rootNumber(bytes);
    objects.push({ num: rootNum, body: withEntries(objectText(bytes, rootNum), options.catalogEntries) });
  }
  objects.push(...(options.extraObjects ?? []));
  const unsigned = appendUpdate(bytes, objects);
  const text = unsigned.toString("latin1");
  const contentsAt = text.lastIndexOf(`/Contents <${"0".repeat(CONTENTS_HEX_LENGTH)}>`) + "/Contents ".length;
  const gapStart = contentsAt;
  const gapEnd = contentsAt + CONTENTS_HEX_LENGTH + 2;
  const range = `/ByteRange [0 ${String(gapStart).padStart(10, "0")} ${String(gapEnd).padStart(10, "0")} ${String(unsigned.length - gapEnd).padStart(10, "0")}]`;
  const rangeAt = text.lastIndexOf(BYTE_RANGE_PLACEHOLDER);
  unsigned.write(range, rangeAt, "latin1");
  const signedBytes = Buffer.concat([unsigned.subarray(0, gapStart), unsigned.subarray(gapEnd)]);
  const cms = await cmsDetached(signedBytes, options.algorithm ?? "rsa-sha256", !options.withoutSignedAttributes, options.signer);
  const hex = cms.toString("hex").toUpperCase();
  if (hex.length > CONTENTS_HEX_LENGTH) throw new Error("signature too large for its placeholder");
  unsigned.write(hex, gapStart + 1, "latin1");
  return unsigned;
}

/** Page 1 drawn over in an incremental update: a white box and another date, in a font of its own. */
export function overlayPageOne(bytes: Uint8Array): Buffer {
  const page = pageNumbers(bytes)[0];
  const next = nextObjectNumber(bytes);
  const pageText = objectText(bytes, page);
  const contents = /\/Contents\s*\[([^\]]*)\]/.exec(pageText)?.[1] ?? `${pageContentNumber(bytes, 0)} 0 R`;
  let body = pageText.replace(/\/Contents\s*(\[[^\]]*\]|\d+ \d+ R)/, `/Contents [ ${contents.trim()} ${next} 0 R ]`);
  body = body.replace("/Font <<", `/Font << /F9 ${next + 1} 0 R`);
  const overlay = "q 1 1 1 rg 60 700 300 40 re f Q BT /F9 14 Tf 62 712 Td (du 10 au 28 fevrier) Tj ET";
  return appendUpdate(bytes, [
    { num: page, body },
    { num: next, body: streamBody(overlay) },
    { num: next + 1, body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" },
  ]);
}

/** An RFC 3161 time-stamp token (SignedData over TSTInfo) for `imprint`, signed by `tsa` at `time`. */
export async function timestampToken(imprint: Uint8Array, tsa: { certificateDer: ArrayBuffer; privateKey: CryptoKey }, time: Date): Promise<ArrayBuffer> {
  const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(tsa.certificateDer).result });
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: "1.2.3.4.1",
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: "2.16.840.1.101.3.4.2.1" }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    serialNumber: new asn1js.Integer({ value: 7 }),
    genTime: time,
  });
  const tstDer = tstInfo.toSchema().toBER(false);
  const digest = createHash("sha256").update(Buffer.from(tstDer)).digest();
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.9.16.1.4" })] }),
        new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
      ],
    }),
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.9.16.1.4", eContent: new asn1js.OctetString({ valueHex: tstDer }) }),
    signerInfos: [signerInfo],
    certificates: [certificate],
  });
  await signedData.sign(tsa.privateKey, 0, "SHA-256");
  return new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signedData.toSchema(true) }).toSchema().toBER(false);
}
