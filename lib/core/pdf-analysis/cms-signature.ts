import { constants, createHash, verify as verifySignature, X509Certificate as NodeCertificate, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { certificateIssuerAndSerial, derChildren, derContent, derSlice, readDerElement } from "./der-reader";

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_DATA = "1.2.840.113549.1.7.1";
const OID_TST_INFO = "1.2.840.113549.1.9.16.1.4";
const OID_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const OID_SIGNING_TIME = "1.2.840.113549.1.9.5";

const HASH_BY_OID: Record<string, { node: string; label: string }> = {
  "1.3.14.3.2.26": { node: "sha1", label: "SHA-1" },
  "2.16.840.1.101.3.4.2.4": { node: "sha224", label: "SHA-224" },
  "2.16.840.1.101.3.4.2.1": { node: "sha256", label: "SHA-256" },
  "2.16.840.1.101.3.4.2.2": { node: "sha384", label: "SHA-384" },
  "2.16.840.1.101.3.4.2.3": { node: "sha512", label: "SHA-512" },
  "2.16.840.1.101.3.4.2.8": { node: "sha3-256", label: "SHA3-256" },
  "2.16.840.1.101.3.4.2.9": { node: "sha3-384", label: "SHA3-384" },
  "2.16.840.1.101.3.4.2.10": { node: "sha3-512", label: "SHA3-512" },
  // Some signers put the signature algorithm where the digest algorithm belongs.
  "1.2.840.113549.1.1.5": { node: "sha1", label: "SHA-1" },
  "1.2.840.113549.1.1.14": { node: "sha224", label: "SHA-224" },
  "1.2.840.113549.1.1.11": { node: "sha256", label: "SHA-256" },
  "1.2.840.113549.1.1.12": { node: "sha384", label: "SHA-384" },
  "1.2.840.113549.1.1.13": { node: "sha512", label: "SHA-512" },
};

const HASH_OF_SIGNATURE_OID: Record<string, string> = {
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.1": "sha1",
  "1.2.840.10045.4.3.1": "sha224",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.2.840.10040.4.3": "sha1",
  "2.16.840.1.101.3.4.3.2": "sha256",
};

export interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  /** Hash the signed byte ranges must be digested with (Node name). */
  rangeHash: { node: string; label: string };
  signerHash: { node: string; label: string };
  eContentType: string;
  eContent: Uint8Array | null;
  tstInfo: pkijs.TSTInfo | null;
  /** The certificates of the CMS as they were sent (DER). */
  certificatesDer: Uint8Array[];
  /** Certificate `index` as pkijs reads it, parsed on first use (most signatures only need the signer's). */
  certificateAt(index: number): pkijs.Certificate | null;
  /** The signer's issuer name (DER) and serial number, when the CMS names it that way and was read as plain DER. */
  signerIssuerAndSerial: { issuer: Uint8Array; serial: Uint8Array } | null;
}

export type CmsParseResult = { ok: true; cms: ParsedCms } | { ok: false; reason: string };

export interface CmsVerification {
  isIntact: boolean;
  reason: string | null;
  signerCertificateDer: Uint8Array | null;
  /** The signer certificate as parsed with the CMS; null when absent. */
  signerCertificate: pkijs.Certificate | null;
  /** The same certificate as Node reads it (its key verified the signature); null when absent or unreadable. */
  signerNodeCertificate: NodeCertificate | null;
  signingTime: Date | null;
}

function octetStringValue(value: asn1js.OctetString): Uint8Array {
  if (value.idBlock.isConstructed) {
    const parts = (value.valueBlock.value as asn1js.OctetString[]).map((part) => octetStringValue(part));
    return new Uint8Array(Buffer.concat(parts));
  }
  return new Uint8Array(value.valueBlock.valueHexView);
}

/**
 * End of the BER element starting at `pos` (definite or indefinite length), or -1 when it cannot be
 * delimited. /Contents is padded with zeros up to its reserved size; handing asn1js only the element
 * itself spares it the padding, and gives the same result since it reads the first element only.
 */
export function berElementEnd(bytes: Uint8Array, pos = 0, depth = 0): number {
  if (depth > 64 || pos + 2 > bytes.length) return -1;
  let p = pos;
  const tag = bytes[p++];
  if ((tag & 0x1f) === 0x1f) {
    let count = 0;
    while (p < bytes.length && bytes[p] & 0x80) {
      p++;
      if (++count > 4) return -1;
    }
    p++;
  }
  if (p >= bytes.length) return -1;
  const first = bytes[p++];
  if (first === 0x80) {
    if ((tag & 0x20) === 0) return -1;
    for (;;) {
      if (p + 2 > bytes.length) return -1;
      if (bytes[p] === 0 && bytes[p + 1] === 0) return p + 2;
      p = berElementEnd(bytes, p, depth + 1);
      if (p < 0) return -1;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) return -1;
    length = 0;
    for (let i = 0; i < count; i++) {
      if (p >= bytes.length) return -1;
      length = length * 256 + bytes[p++];
    }
  }
  return p + length <= bytes.length ? p + length : -1;
}

/** The `[0] certificates` of a SignedData as sent: the raw bytes of each certificate, without re-encoding. */
function rawCertificates(signedDataSchema: unknown, certificates: pkijs.Certificate[]): Uint8Array[] {
  const sequence = signedDataSchema as asn1js.Sequence;
  const set = (sequence.valueBlock?.value ?? []).find((block) => block.idBlock.tagClass === 3 && block.idBlock.tagNumber === 0);
  const raw: Uint8Array[] = [];
  for (const element of (set as asn1js.Constructed | undefined)?.valueBlock.value ?? []) {
    if (element.idBlock.tagClass !== 1) continue;
    const view = element.valueBeforeDecodeView;
    raw.push(element.lenBlock.isIndefiniteForm || view.length === 0 ? new Uint8Array(0) : view);
  }
  // Same count and order as pkijs' Certificate objects (it makes one per universal-class element).
  return certificates.map((certificate, i) => (raw.length === certificates.length && raw[i].length > 0 ? raw[i] : new Uint8Array(certificate.toSchema().toBER())));
}

function isUniversal(block: asn1js.AsnType | undefined, tagNumber: number, isConstructed: boolean): boolean {
  const id = (block as asn1js.BaseBlock | undefined)?.idBlock;
  return !!id && id.tagClass === 1 && id.tagNumber === tagNumber && id.isConstructed === isConstructed && !id.isHexOnly;
}

/**
 * pkijs' SignedData for the usual shape of a PDF signature: version, digest algorithms, content,
 * X.509 certificates, one set of signer infos, and no CRLs. Each part is read by its own pkijs class
 * (which checks it against its schema), as SignedData.fromSchema does; what is skipped is the
 * schema of the whole SignedData, which pkijs rebuilds on every parse with every alternative of
 * CertificateSet (attribute certificates, X.400 addresses…) and compares the certificates against
 * three times. Null for any other shape, left to pkijs as a whole.
 */
export function readUsualSignedData(schema: unknown): pkijs.SignedData | null {
  if (!(schema instanceof asn1js.Sequence) || !isUniversal(schema, 16, true)) return null;
  const items = schema.valueBlock.value;
  if (items.length !== 4 && items.length !== 5) return null;
  const [version, digestAlgorithms, encapContentInfo] = items;
  const certificates = items.length === 5 ? (items[3] as asn1js.Constructed) : null;
  const signerInfos = items[items.length - 1];
  if (!(version instanceof asn1js.Integer) || !isUniversal(version, 2, false)) return null;
  if (!(digestAlgorithms instanceof asn1js.Set) || !isUniversal(digestAlgorithms, 17, true)) return null;
  if (!isUniversal(encapContentInfo, 16, true)) return null;
  if (!(signerInfos instanceof asn1js.Set) || !isUniversal(signerInfos, 17, true)) return null;
  if (certificates) {
    const id = certificates.idBlock;
    if (!(certificates instanceof asn1js.Constructed) || id.tagClass !== 3 || id.tagNumber !== 0 || !id.isConstructed || id.isHexOnly) return null;
    if (!certificates.valueBlock.value.every((certificate) => isUniversal(certificate, 16, true))) return null;
  }
  return new pkijs.SignedData({
    version: version.valueBlock.valueDec,
    digestAlgorithms: digestAlgorithms.valueBlock.value.map((algorithm) => new pkijs.AlgorithmIdentifier({ schema: algorithm })),
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: encapContentInfo }),
    ...(certificates ? { certificates: certificates.valueBlock.value.map((certificate) => new pkijs.Certificate({ schema: certificate })) } : {}),
    signerInfos: signerInfos.valueBlock.value.map((signerInfo) => new pkijs.SignerInfo({ schema: signerInfo })),
  });
}

function readSignedData(schema: unknown): pkijs.SignedData {
  try {
    const usual = readUsualSignedData(schema);
    if (usual) return usual;
  } catch {
    // Whatever pkijs makes of it as a whole decides.
  }
  return new pkijs.SignedData({ schema });
}

/** What the plain-DER reading of a CMS gives: the SignedData without its certificates, and these as sent. */
export interface QuickSignedData {
  signedData: pkijs.SignedData;
  certificatesDer: Uint8Array[];
  /** Certificates pkijs already parsed (complete reading), in the order of `certificatesDer`. */
  parsedCertificates?: pkijs.Certificate[];
  signerIssuerAndSerial: { issuer: Uint8Array; serial: Uint8Array } | null;
}

const OID_SIGNED_DATA_DER = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

/**
 * Reads a SignedData of the usual shape written in plain DER by locating its parts, and hands
 * asn1js/pkijs only the small ones (digest algorithms, content info, the signer info): the
 * certificates stay as sent and are parsed only when needed. Null for anything else (BER
 * indefinite lengths, CRLs, several signers…), left to the complete reading.
 */
export function readSignedDataQuickly(contents: Uint8Array): QuickSignedData | null {
  const top = readDerElement(contents, 0);
  if (!top || top.tag !== 0x30) return null;
  const [type, explicit] = derChildren(contents, top) ?? [];
  if (!type || !explicit || explicit.tag !== 0xa0 || !OID_SIGNED_DATA_DER.equals(derSlice(contents, type))) return null;
  const sequence = derChildren(contents, explicit)?.[0];
  if (!sequence || sequence.tag !== 0x30) return null;
  const items = derChildren(contents, sequence);
  if (!items || (items.length !== 4 && items.length !== 5)) return null;
  const [version, digestAlgorithms, encapContentInfo] = items;
  const certificates = items.length === 5 ? items[3] : null;
  const signerInfos = items[items.length - 1];
  if (version.tag !== 0x02 || digestAlgorithms.tag !== 0x31 || encapContentInfo.tag !== 0x30 || signerInfos.tag !== 0x31) return null;
  if (certificates && certificates.tag !== 0xa0) return null;
  const certificateElements = certificates ? derChildren(contents, certificates) : [];
  if (!certificateElements || certificateElements.some((element) => element.tag !== 0x30)) return null;
  const signerElements = derChildren(contents, signerInfos);
  const algorithmElements = derChildren(contents, digestAlgorithms);
  if (!signerElements || signerElements.length !== 1 || !algorithmElements) return null;
  const parse = (element: { start: number; end: number }) => {
    const parsed = asn1js.fromBER(contents.subarray(element.start, element.end));
    if (parsed.offset === -1) throw new Error("not DER");
    return parsed.result;
  };
  const versionValue = parse(version);
  if (!(versionValue instanceof asn1js.Integer)) return null;
  const signedData = new pkijs.SignedData({
    version: versionValue.valueBlock.valueDec,
    digestAlgorithms: algorithmElements.map((element) => new pkijs.AlgorithmIdentifier({ schema: parse(element) })),
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: parse(encapContentInfo) }),
    signerInfos: [new pkijs.SignerInfo({ schema: parse(signerElements[0]) })],
  });
  // The signer info's sid, as plain bytes: [version, sid, …] with sid = SEQUENCE { issuer Name, serial INTEGER }.
  let signerIssuerAndSerial: QuickSignedData["signerIssuerAndSerial"] = null;
  const sid = derChildren(contents, signerElements[0])?.[1];
  if (sid && sid.tag === 0x30) {
    const [issuer, serial] = derChildren(contents, sid) ?? [];
    if (issuer?.tag === 0x30 && serial?.tag === 0x02) signerIssuerAndSerial = { issuer: derSlice(contents, issuer), serial: derContent(contents, serial) };
  }
  return { signedData, certificatesDer: certificateElements.map((element) => derSlice(contents, element)), signerIssuerAndSerial };
}

/** SignedData, certificates as sent, and the signer's issuer/serial: the quick reading, or pkijs' complete one. */
function readCms(contents: Uint8Array): QuickSignedData | null {
  try {
    const quick = readSignedDataQuickly(contents);
    if (quick) return quick;
  } catch {
    // The complete reading decides.
  }
  return readSignedDataCompletely(contents);
}

/** The whole CMS read by asn1js and pkijs, certificates included. */
export function readSignedDataCompletely(contents: Uint8Array): QuickSignedData | null {
  const end = berElementEnd(contents);
  const parsed = asn1js.fromBER(end > 0 ? contents.subarray(0, end) : contents);
  if (parsed.offset === -1) return null;
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== OID_SIGNED_DATA) return null;
  const signedData = readSignedData(contentInfo.content);
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  return { signedData, certificatesDer: rawCertificates(contentInfo.content, certificates), parsedCertificates: certificates, signerIssuerAndSerial: null };
}

function lazyCertificates(certificatesDer: Uint8Array[], already: pkijs.Certificate[] = []): (index: number) => pkijs.Certificate | null {
  const parsed = new Map<number, pkijs.Certificate | null>(already.map((certificate, i) => [i, certificate]));
  return (index) => {
    if (!parsed.has(index)) {
      let certificate: pkijs.Certificate | null = null;
      try {
        const der = certificatesDer[index];
        const asn = der ? asn1js.fromBER(der) : null;
        if (asn && asn.offset !== -1) certificate = new pkijs.Certificate({ schema: asn.result });
      } catch {
        certificate = null;
      }
      parsed.set(index, certificate);
    }
    return parsed.get(index) ?? null;
  };
}

export function parseCmsSignature(contents: Uint8Array, subFilter: string | null): CmsParseResult {
  try {
    const read = readCms(contents);
    if (!read) return { ok: false, reason: "la signature électronique (CMS) est mal formée" };
    const { signedData, certificatesDer, signerIssuerAndSerial, parsedCertificates } = read;
    if (signedData.signerInfos.length !== 1) {
      return { ok: false, reason: "la signature électronique contient un nombre inattendu de signataires" };
    }
    const signerInfo = signedData.signerInfos[0];
    const signerHash = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
    if (!signerHash) return { ok: false, reason: "l'algorithme d'empreinte de la signature n'est pas pris en charge ou est obsolète" };
    const eContentType = signedData.encapContentInfo.eContentType;
    const eContent = signedData.encapContentInfo.eContent ? octetStringValue(signedData.encapContentInfo.eContent) : null;
    let rangeHash = signerHash;
    let tstInfo: pkijs.TSTInfo | null = null;
    if (subFilter === "ETSI.RFC3161") {
      if (eContentType !== OID_TST_INFO || !eContent) return { ok: false, reason: "l'horodatage ne contient pas de jeton d'horodatage" };
      const tst = asn1js.fromBER(eContent);
      if (tst.offset === -1) return { ok: false, reason: "le jeton d'horodatage est mal formé" };
      tstInfo = new pkijs.TSTInfo({ schema: tst.result });
      const imprintHash = HASH_BY_OID[tstInfo.messageImprint.hashAlgorithm.algorithmId];
      if (!imprintHash) return { ok: false, reason: "l'algorithme d'empreinte de l'horodatage n'est pas pris en charge" };
      rangeHash = imprintHash;
    } else if (subFilter === "adbe.pkcs7.sha1") {
      if (eContentType !== OID_DATA || !eContent) return { ok: false, reason: "la signature électronique (CMS) est mal formée" };
      rangeHash = HASH_BY_OID["1.3.14.3.2.26"];
    } else {
      if (eContent) return { ok: false, reason: "la signature dite « détachée » contient pourtant un contenu encapsulé" };
      if (eContentType !== OID_DATA) return { ok: false, reason: "le type de contenu signé est inattendu" };
    }
    const certificateAt = lazyCertificates(certificatesDer, parsedCertificates);
    return { ok: true, cms: { signedData, signerInfo, rangeHash, signerHash, eContentType, eContent, tstInfo, certificatesDer, certificateAt, signerIssuerAndSerial } };
  } catch {
    return { ok: false, reason: "la signature électronique (CMS) est mal formée" };
  }
}

/** An INTEGER's content without the leading zero DER adds to keep it positive. */
function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start));
}

function findSignerCertificate(cms: ParsedCms): number {
  const quick = cms.signerIssuerAndSerial;
  if (quick) {
    // Issuer and serial compared as the bytes sent, as pkijs' isEqual compares them, without parsing every certificate.
    for (let i = 0; i < cms.certificatesDer.length; i++) {
      const named = certificateIssuerAndSerial(cms.certificatesDer[i]);
      if (named && Buffer.from(named.issuer).equals(Buffer.from(quick.issuer)) && unsignedInteger(named.serial).equals(unsignedInteger(quick.serial))) return i;
    }
  }
  const sid = cms.signerInfo.sid as unknown;
  for (let i = 0; i < cms.certificatesDer.length; i++) {
    const certificate = cms.certificateAt(i);
    if (!certificate) continue;
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      if (certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber)) return i;
    } else {
      const keyId = subjectKeyIdentifierOfSid(sid);
      if (keyId && certificateKeyIds(certificate).some((candidate) => Buffer.from(candidate).equals(Buffer.from(keyId)))) return i;
    }
  }
  return -1;
}

function subjectKeyIdentifierOfSid(sid: unknown): Uint8Array | null {
  const block = sid as { idBlock?: { isConstructed: boolean }; valueBlock?: { valueHexView?: Uint8Array; value?: unknown[] } };
  if (!block.valueBlock) return null;
  if (block.idBlock?.isConstructed) {
    const inner = block.valueBlock.value?.[0] as asn1js.OctetString | undefined;
    return inner ? octetStringValue(inner) : null;
  }
  return block.valueBlock.valueHexView ? new Uint8Array(block.valueBlock.valueHexView) : null;
}

function certificateKeyIds(certificate: pkijs.Certificate): Uint8Array[] {
  const ids: Uint8Array[] = [];
  for (const extension of certificate.extensions ?? []) {
    if (extension.extnID === "2.5.29.14") {
      const value = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
      if (value.offset !== -1 && value.result instanceof asn1js.OctetString) ids.push(octetStringValue(value.result));
    }
  }
  const publicKey = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  ids.push(new Uint8Array(createHash("sha1").update(publicKey).digest()));
  return ids;
}

function verifyRaw(
  signatureAlgorithm: pkijs.AlgorithmIdentifier,
  defaultHash: string,
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const oid = signatureAlgorithm.algorithmId;
  try {
    if (oid === "1.3.101.112" || oid === "1.3.101.113") return verifySignature(null, data, key, signature);
    if (oid === "1.2.840.113549.1.1.10") {
      const params = new pkijs.RSASSAPSSParams({ schema: signatureAlgorithm.algorithmParams });
      const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId]?.node ?? "sha1";
      return verifySignature(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
    }
    const hash = HASH_OF_SIGNATURE_OID[oid] ?? defaultHash;
    if (oid === "1.2.840.113549.1.1.1" || oid.startsWith("1.2.840.113549.1.1.")) {
      return verifySignature(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    if (oid === "1.2.840.10045.2.1" || oid.startsWith("1.2.840.10045.4.") || oid.startsWith("1.2.840.10040.4.") || oid.startsWith("2.16.840.1.101.3.4.3.")) {
      return verifySignature(hash, data, key, signature);
    }
    return false;
  } catch {
    return false;
  }
}

function signingTimeOf(cms: ParsedCms): Date | null {
  if (cms.tstInfo) return cms.tstInfo.genTime;
  for (const attribute of cms.signerInfo.signedAttrs?.attributes ?? []) {
    if (attribute.type === OID_SIGNING_TIME) {
      const value = attribute.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
      if (value && "toDate" in value) return value.toDate();
    }
  }
  return null;
}

/**
 * Checks a parsed CMS signature against the digest of the signed byte ranges.
 * `readSignedContent` is only called for signatures without signed attributes, which sign the bytes themselves.
 */
export function verifyCmsSignature(cms: ParsedCms, rangeDigest: Uint8Array, readSignedContent: () => Uint8Array): CmsVerification {
  const signerIndex = findSignerCertificate(cms);
  const signerCertificateDer = signerIndex >= 0 ? cms.certificatesDer[signerIndex] : null;
  const signerCertificate = signerIndex >= 0 ? cms.certificateAt(signerIndex) : null;
  const signingTime = signingTimeOf(cms);
  let signerNodeCertificate: NodeCertificate | null = null;
  const fail = (reason: string): CmsVerification => ({ isIntact: false, reason, signerCertificateDer, signerCertificate, signerNodeCertificate, signingTime });
  if (!signerCertificateDer) return fail("le certificat du signataire est absent de la signature");
  let signedContent: Uint8Array;
  if (cms.tstInfo) {
    const imprint = new Uint8Array(cms.tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (!Buffer.from(imprint).equals(Buffer.from(rangeDigest))) return fail("le document a été modifié après l'horodatage");
    signedContent = cms.eContent as Uint8Array;
  } else if (cms.eContent) {
    if (!Buffer.from(cms.eContent).equals(Buffer.from(rangeDigest))) return fail("le document a été modifié après la signature");
    signedContent = cms.eContent;
  } else signedContent = new Uint8Array();

  const signedAttrs = cms.signerInfo.signedAttrs;
  let dataToVerify: Uint8Array;
  if (signedAttrs && signedAttrs.attributes.length > 0) {
    const contentType = signedAttrs.attributes.filter((a) => a.type === OID_CONTENT_TYPE);
    const messageDigest = signedAttrs.attributes.filter((a) => a.type === OID_MESSAGE_DIGEST);
    if (contentType.length !== 1 || messageDigest.length !== 1) return fail("des attributs obligatoires de la signature sont absents");
    const declaredType = contentType[0].values[0];
    if (!(declaredType instanceof asn1js.ObjectIdentifier) || declaredType.valueBlock.toString() !== cms.eContentType) {
      return fail("le type de contenu signé ne correspond pas");
    }
    const declaredDigest = messageDigest[0].values[0];
    if (!(declaredDigest instanceof asn1js.OctetString)) return fail("l'empreinte signée est mal formée");
    const expected = cms.tstInfo || cms.eContent ? createHash(cms.signerHash.node).update(signedContent).digest() : Buffer.from(rangeDigest);
    if (!Buffer.from(octetStringValue(declaredDigest)).equals(expected)) {
      return fail(cms.tstInfo ? "le jeton d'horodatage a été modifié" : "le document a été modifié après la signature");
    }
    dataToVerify = new Uint8Array(signedAttrs.encodedValue);
  } else {
    dataToVerify = cms.tstInfo || cms.eContent ? signedContent : readSignedContent();
  }
  try {
    signerNodeCertificate = new NodeCertificate(Buffer.from(signerCertificateDer));
  } catch {
    return fail("le certificat du signataire est illisible");
  }
  const key = signerNodeCertificate.publicKey;
  const signature = new Uint8Array(cms.signerInfo.signature.valueBlock.valueHexView);
  if (!verifyRaw(cms.signerInfo.signatureAlgorithm, cms.signerHash.node, key, dataToVerify, signature)) {
    return fail("la signature cryptographique ne correspond pas au certificat du signataire");
  }
  return { isIntact: true, reason: null, signerCertificateDer, signerCertificate, signerNodeCertificate, signingTime };
}

const OID_SIGNATURE_TIMESTAMP = "1.2.840.113549.1.9.16.2.14";
const OID_ADBE_REVOCATION = "1.2.840.113583.1.1.8";

export interface SignerExtras {
  /** The signature value a signature timestamp covers. */
  signatureValue: Uint8Array;
  /** The RFC 3161 token of the unsigned attribute signatureTimeStampToken, as sent. */
  timestampToken: Uint8Array | null;
  /** OCSP responses and CRLs of the signed attribute adbe-revocationInfoArchival. */
  ocspResponses: Uint8Array[];
  crls: Uint8Array[];
}

/** What the signer info carries besides the signature itself: timestamp token, archived revocation data. */
export function signerExtras(cms: ParsedCms): SignerExtras {
  const extras: SignerExtras = {
    signatureValue: new Uint8Array(cms.signerInfo.signature.valueBlock.valueHexView),
    timestampToken: null,
    ocspResponses: [],
    crls: [],
  };
  for (const attribute of cms.signerInfo.unsignedAttrs?.attributes ?? []) {
    if (attribute.type !== OID_SIGNATURE_TIMESTAMP || !attribute.values[0]) continue;
    extras.timestampToken = new Uint8Array((attribute.values[0] as asn1js.BaseBlock).toBER(false));
  }
  for (const attribute of cms.signerInfo.signedAttrs?.attributes ?? []) {
    if (attribute.type !== OID_ADBE_REVOCATION) continue;
    const archive = attribute.values[0] as asn1js.Sequence | undefined;
    for (const tagged of archive?.valueBlock?.value ?? []) {
      const id = tagged.idBlock;
      const list = (tagged as asn1js.Constructed).valueBlock?.value?.[0] as asn1js.Sequence | undefined;
      const items = (list?.valueBlock?.value ?? []).map((item) => new Uint8Array(item.toBER(false)));
      if (id.tagClass === 3 && id.tagNumber === 0) extras.crls.push(...items);
      if (id.tagClass === 3 && id.tagNumber === 1) extras.ocspResponses.push(...items);
    }
  }
  return extras;
}
