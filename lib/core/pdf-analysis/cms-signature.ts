import { constants, createHash, verify as verifySignature, X509Certificate as NodeCertificate, type KeyObject } from "node:crypto";
import { readCertificateFields, subjectKeyIdentifier, type CertificateFields } from "./certificate-fields";
import { derChildren, derContent, derOctets, derOid, derSlice, derTime, readDerElement, type DerElement } from "./der-reader";

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

export interface AlgorithmIdentifier {
  oid: string;
  /** The parameters element (DER), null when absent. */
  parameters: Uint8Array | null;
}

export interface CmsAttribute {
  oid: string;
  /** Each value of the attribute's SET, as a whole element (DER as sent). */
  values: Uint8Array[];
}

/** A SignerInfo as sent (RFC 5652 §5.3). */
export interface SignerInfo {
  sid: { issuer: Uint8Array; serial: Uint8Array } | { keyId: Uint8Array };
  digestAlgorithm: AlgorithmIdentifier;
  /** The signed attributes and the bytes their signature covers (the element re-tagged as a SET). */
  signedAttributes: { attributes: CmsAttribute[]; encoded: Uint8Array } | null;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  unsignedAttributes: CmsAttribute[];
}

/** The parts of a SignedData the analysis uses; certificates stay as sent. */
export interface SignedDataParts {
  eContentType: string;
  eContent: Uint8Array | null;
  /** The X.509 certificates of `certificates`, as sent (other certificate kinds are left out). */
  certificatesDer: Uint8Array[];
  signerInfos: SignerInfo[];
}

export interface ParsedCms extends Omit<SignedDataParts, "signerInfos"> {
  signerInfo: SignerInfo;
  /** Hash the signed byte ranges must be digested with (Node name). */
  rangeHash: { node: string; label: string };
  signerHash: { node: string; label: string };
  /** The RFC 3161 TSTInfo of a timestamp token: its message imprint and time. */
  timestamp: { imprint: Uint8Array; genTime: Date | null } | null;
}

export type CmsParseResult = { ok: true; cms: ParsedCms } | { ok: false; reason: string };

export interface CmsVerification {
  isIntact: boolean;
  reason: string | null;
  signerCertificateDer: Uint8Array | null;
  /** The signer certificate's fields; null when absent or unreadable. */
  signerFields: CertificateFields | null;
  /** The same certificate as Node reads it (its key verified the signature); null when absent or unreadable. */
  signerNodeCertificate: NodeCertificate | null;
  signingTime: Date | null;
}

const OID_SIGNED_DATA_DER = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

function algorithmIdentifier(bytes: Uint8Array, element: DerElement | undefined): AlgorithmIdentifier | null {
  if (!element || element.tag !== 0x30) return null;
  const [oid, parameters, extra] = derChildren(bytes, element) ?? [];
  const text = derOid(bytes, oid);
  if (!text || extra) return null;
  return { oid: text, parameters: parameters ? derSlice(bytes, parameters) : null };
}

function attributes(bytes: Uint8Array, element: DerElement): CmsAttribute[] | null {
  const out: CmsAttribute[] = [];
  for (const attribute of derChildren(bytes, element) ?? [undefined]) {
    if (!attribute || attribute.tag !== 0x30) return null;
    const [type, values, extra] = derChildren(bytes, attribute) ?? [];
    const oid = derOid(bytes, type);
    const items = values?.tag === 0x31 ? derChildren(bytes, values) : null;
    if (!oid || !items || extra) return null;
    out.push({ oid, values: items.map((item) => derSlice(bytes, item)) });
  }
  return out;
}

function signerIdentifier(bytes: Uint8Array, element: DerElement): SignerInfo["sid"] | null {
  if (element.tag === 0x30) {
    const [issuer, serial, extra] = derChildren(bytes, element) ?? [];
    if (issuer?.tag !== 0x30 || serial?.tag !== 0x02 || extra) return null;
    return { issuer: derSlice(bytes, issuer), serial: derContent(bytes, serial) };
  }
  if (element.tag === 0x80) return { keyId: derContent(bytes, element) };
  if (element.tag === 0xa0) {
    const keyId = derOctets(bytes, derChildren(bytes, element)?.[0]);
    return keyId ? { keyId } : null;
  }
  return null;
}

/** One SignerInfo, or null when it does not have the structure RFC 5652 gives it. */
function readSignerInfo(bytes: Uint8Array, element: DerElement): SignerInfo | null {
  if (element.tag !== 0x30) return null;
  const items = derChildren(bytes, element);
  if (!items || items[0]?.tag !== 0x02 || !items[1]) return null;
  const sid = signerIdentifier(bytes, items[1]);
  const digestAlgorithm = algorithmIdentifier(bytes, items[2]);
  let next = 3;
  let signedAttributes: SignerInfo["signedAttributes"] = null;
  if (items[next]?.tag === 0xa0) {
    const element = items[next++];
    const list = attributes(bytes, element);
    if (!list) return null;
    const encoded = new Uint8Array(derSlice(bytes, element));
    encoded[0] = 0x31;
    signedAttributes = { attributes: list, encoded };
  }
  const signatureAlgorithm = algorithmIdentifier(bytes, items[next++]);
  const signature = derOctets(bytes, items[next++]);
  let unsignedAttributes: CmsAttribute[] = [];
  if (items[next]?.tag === 0xa1) {
    const list = attributes(bytes, items[next++]);
    if (!list) return null;
    unsignedAttributes = list;
  }
  if (!sid || !digestAlgorithm || !signatureAlgorithm || !signature || next !== items.length) return null;
  return { sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signature, unsignedAttributes };
}

/**
 * Reads a ContentInfo holding a SignedData (RFC 5652 §5.1) element by element: the content type
 * and content, the X.509 certificates as sent, every SignerInfo. Indefinite lengths are read; CRLs
 * and other certificate kinds are skipped. Null when the structure is not that of a SignedData.
 */
export function readSignedData(contents: Uint8Array): SignedDataParts | null {
  const top = readDerElement(contents, 0);
  if (!top || top.tag !== 0x30) return null;
  const [type, explicit] = derChildren(contents, top) ?? [];
  if (!type || explicit?.tag !== 0xa0 || !OID_SIGNED_DATA_DER.equals(derSlice(contents, type))) return null;
  const sequence = derChildren(contents, explicit)?.[0];
  if (!sequence || sequence.tag !== 0x30) return null;
  const items = derChildren(contents, sequence);
  if (!items || items.length < 4) return null;
  const [version, digestAlgorithms, encapContentInfo] = items;
  const signerInfos = items[items.length - 1];
  const between = items.slice(3, -1);
  if (version.tag !== 0x02 || digestAlgorithms.tag !== 0x31 || encapContentInfo.tag !== 0x30 || signerInfos.tag !== 0x31) return null;
  // Between the content and the signer infos: optional [0] certificates, then optional [1] CRLs.
  const tags = between.map((element) => element.tag).join(",");
  if (!["", "160", "161", "160,161"].includes(tags)) return null;
  if (!(derChildren(contents, digestAlgorithms) ?? [undefined]).every((algorithm) => algorithmIdentifier(contents, algorithm))) return null;

  const [contentType, wrapped, extra] = derChildren(contents, encapContentInfo) ?? [];
  const eContentType = derOid(contents, contentType);
  if (!eContentType || extra || (wrapped && wrapped.tag !== 0xa0)) return null;
  let eContent: Uint8Array | null = null;
  if (wrapped) {
    eContent = derOctets(contents, derChildren(contents, wrapped)?.[0]);
    if (!eContent) return null;
  }

  const certificateSet = between.find((element) => element.tag === 0xa0);
  const certificates = certificateSet ? derChildren(contents, certificateSet) : [];
  if (!certificates) return null;
  const readSigners = (derChildren(contents, signerInfos) ?? [undefined]).map((element) => (element ? readSignerInfo(contents, element) : null));
  if (readSigners.some((signer) => signer === null)) return null;
  return {
    eContentType,
    eContent,
    certificatesDer: certificates.filter((element) => element.tag === 0x30).map((element) => derSlice(contents, element)),
    signerInfos: readSigners as SignerInfo[],
  };
}

/** The message imprint and time of an RFC 3161 TSTInfo, or null when it is malformed. */
function readTstInfo(bytes: Uint8Array): { hashOid: string; imprint: Uint8Array; genTime: Date | null } | null {
  const top = readDerElement(bytes, 0);
  if (!top || top.tag !== 0x30) return null;
  const [version, policy, messageImprint, serial, genTime] = derChildren(bytes, top) ?? [];
  if (version?.tag !== 0x02 || !derOid(bytes, policy) || messageImprint?.tag !== 0x30 || serial?.tag !== 0x02) return null;
  const [algorithm, hashed] = derChildren(bytes, messageImprint) ?? [];
  const hash = algorithmIdentifier(bytes, algorithm);
  const imprint = derOctets(bytes, hashed);
  if (!hash || !imprint || genTime?.tag !== 0x18) return null;
  return { hashOid: hash.oid, imprint, genTime: derTime(bytes, genTime) };
}

export function parseCmsSignature(contents: Uint8Array, subFilter: string | null): CmsParseResult {
  try {
    const read = readSignedData(contents);
    if (!read) return { ok: false, reason: "la signature électronique (CMS) est mal formée" };
    const { signerInfos, ...parts } = read;
    if (signerInfos.length !== 1) {
      return { ok: false, reason: "la signature électronique contient un nombre inattendu de signataires" };
    }
    const signerInfo = signerInfos[0];
    const signerHash = HASH_BY_OID[signerInfo.digestAlgorithm.oid];
    if (!signerHash) return { ok: false, reason: "l'algorithme d'empreinte de la signature n'est pas pris en charge ou est obsolète" };
    const { eContentType, eContent } = parts;
    let rangeHash = signerHash;
    let timestamp: ParsedCms["timestamp"] = null;
    if (subFilter === "ETSI.RFC3161") {
      if (eContentType !== OID_TST_INFO || !eContent) return { ok: false, reason: "l'horodatage ne contient pas de jeton d'horodatage" };
      const tst = readTstInfo(eContent);
      if (!tst) return { ok: false, reason: "le jeton d'horodatage est mal formé" };
      const imprintHash = HASH_BY_OID[tst.hashOid];
      if (!imprintHash) return { ok: false, reason: "l'algorithme d'empreinte de l'horodatage n'est pas pris en charge" };
      rangeHash = imprintHash;
      timestamp = { imprint: tst.imprint, genTime: tst.genTime };
    } else if (subFilter === "adbe.pkcs7.sha1") {
      if (eContentType !== OID_DATA || !eContent) return { ok: false, reason: "la signature électronique (CMS) est mal formée" };
      rangeHash = HASH_BY_OID["1.3.14.3.2.26"];
    } else {
      if (eContent) return { ok: false, reason: "la signature dite « détachée » contient pourtant un contenu encapsulé" };
      if (eContentType !== OID_DATA) return { ok: false, reason: "le type de contenu signé est inattendu" };
    }
    return { ok: true, cms: { ...parts, signerInfo, rangeHash, signerHash, timestamp } };
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

/** Index of the signer's certificate among those sent, and its fields; -1 when it is not there. */
function findSignerCertificate(cms: ParsedCms): { index: number; fields: CertificateFields | null } {
  const sid = cms.signerInfo.sid;
  for (let i = 0; i < cms.certificatesDer.length; i++) {
    const fields = readCertificateFields(cms.certificatesDer[i]);
    if (!fields) continue;
    if ("issuer" in sid) {
      // Issuer compared as the bytes sent, serial as a number.
      if (Buffer.from(fields.issuer).equals(Buffer.from(sid.issuer)) && unsignedInteger(fields.serial).equals(unsignedInteger(sid.serial))) return { index: i, fields };
    } else {
      const ids = [subjectKeyIdentifier(fields), createHash("sha1").update(fields.publicKeyBits).digest()];
      if (ids.some((id) => id && Buffer.from(id).equals(Buffer.from(sid.keyId)))) return { index: i, fields };
    }
  }
  return { index: -1, fields: null };
}

/** Hash and salt length of RSASSA-PSS parameters (RFC 4055: SHA-1 and 20 bytes when absent); null when malformed. */
function pssParameters(parameters: Uint8Array | null): { hash: string; saltLength: number } | null {
  const result = { hash: "sha1", saltLength: 20 };
  if (!parameters || (parameters.length === 2 && parameters[0] === 0x05)) return result;
  const top = readDerElement(parameters, 0);
  if (!top || top.tag !== 0x30) return null;
  for (const field of derChildren(parameters, top) ?? [undefined]) {
    if (!field) return null;
    const inner = derChildren(parameters, field)?.[0];
    if (field.tag === 0xa0) {
      const algorithm = algorithmIdentifier(parameters, inner);
      const hash = algorithm ? HASH_BY_OID[algorithm.oid]?.node : undefined;
      if (!hash) return null;
      result.hash = hash;
    } else if (field.tag === 0xa2) {
      if (inner?.tag !== 0x02 || inner.contentEnd - inner.contentStart > 4) return null;
      result.saltLength = Number.parseInt(Buffer.from(derContent(parameters, inner)).toString("hex"), 16);
    }
  }
  return result;
}

function verifyRaw(signatureAlgorithm: AlgorithmIdentifier, defaultHash: string, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  const oid = signatureAlgorithm.oid;
  try {
    if (oid === "1.3.101.112" || oid === "1.3.101.113") return verifySignature(null, data, key, signature);
    if (oid === "1.2.840.113549.1.1.10") {
      const pss = pssParameters(signatureAlgorithm.parameters);
      if (!pss) return false;
      return verifySignature(pss.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signature);
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

/** The value elements of the signed attribute `oid`. */
function signedAttribute(cms: ParsedCms, oid: string): Uint8Array[][] {
  return (cms.signerInfo.signedAttributes?.attributes ?? []).filter((attribute) => attribute.oid === oid).map((attribute) => attribute.values);
}

function signingTimeOf(cms: ParsedCms): Date | null {
  if (cms.timestamp) return cms.timestamp.genTime;
  for (const [value] of signedAttribute(cms, OID_SIGNING_TIME)) {
    const element = value ? readDerElement(value, 0) : null;
    if (element) return derTime(value, element);
  }
  return null;
}

/**
 * Checks a parsed CMS signature against the digest of the signed byte ranges.
 * `readSignedContent` is only called for signatures without signed attributes, which sign the bytes themselves.
 */
export function verifyCmsSignature(cms: ParsedCms, rangeDigest: Uint8Array, readSignedContent: () => Uint8Array): CmsVerification {
  const signer = findSignerCertificate(cms);
  const signerCertificateDer = signer.index >= 0 ? cms.certificatesDer[signer.index] : null;
  const signerFields = signer.fields;
  const signingTime = signingTimeOf(cms);
  let signerNodeCertificate: NodeCertificate | null = null;
  const fail = (reason: string): CmsVerification => ({ isIntact: false, reason, signerCertificateDer, signerFields, signerNodeCertificate, signingTime });
  if (!signerCertificateDer) return fail("le certificat du signataire est absent de la signature");
  let signedContent: Uint8Array;
  if (cms.timestamp) {
    if (!Buffer.from(cms.timestamp.imprint).equals(Buffer.from(rangeDigest))) return fail("le document a été modifié après l'horodatage");
    signedContent = cms.eContent as Uint8Array;
  } else if (cms.eContent) {
    if (!Buffer.from(cms.eContent).equals(Buffer.from(rangeDigest))) return fail("le document a été modifié après la signature");
    signedContent = cms.eContent;
  } else signedContent = new Uint8Array();

  const signedAttributes = cms.signerInfo.signedAttributes;
  let dataToVerify: Uint8Array;
  if (signedAttributes && signedAttributes.attributes.length > 0) {
    const contentType = signedAttribute(cms, OID_CONTENT_TYPE);
    const messageDigest = signedAttribute(cms, OID_MESSAGE_DIGEST);
    if (contentType.length !== 1 || messageDigest.length !== 1) return fail("des attributs obligatoires de la signature sont absents");
    const declaredType = contentType[0][0];
    if (!declaredType || derOid(declaredType, readDerElement(declaredType, 0) ?? undefined) !== cms.eContentType) {
      return fail("le type de contenu signé ne correspond pas");
    }
    const declaredDigestElement = messageDigest[0][0];
    const declaredDigest = declaredDigestElement ? derOctets(declaredDigestElement, readDerElement(declaredDigestElement, 0) ?? undefined) : null;
    if (!declaredDigest) return fail("l'empreinte signée est mal formée");
    const expected = cms.timestamp || cms.eContent ? createHash(cms.signerHash.node).update(signedContent).digest() : Buffer.from(rangeDigest);
    if (!Buffer.from(declaredDigest).equals(expected)) {
      return fail(cms.timestamp ? "le jeton d'horodatage a été modifié" : "le document a été modifié après la signature");
    }
    dataToVerify = signedAttributes.encoded;
  } else {
    dataToVerify = cms.timestamp || cms.eContent ? signedContent : readSignedContent();
  }
  try {
    signerNodeCertificate = new NodeCertificate(Buffer.from(signerCertificateDer));
  } catch {
    return fail("le certificat du signataire est illisible");
  }
  if (!verifyRaw(cms.signerInfo.signatureAlgorithm, cms.signerHash.node, signerNodeCertificate.publicKey, dataToVerify, cms.signerInfo.signature)) {
    return fail("la signature cryptographique ne correspond pas au certificat du signataire");
  }
  return { isIntact: true, reason: null, signerCertificateDer, signerFields, signerNodeCertificate, signingTime };
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
  const extras: SignerExtras = { signatureValue: cms.signerInfo.signature, timestampToken: null, ocspResponses: [], crls: [] };
  for (const attribute of cms.signerInfo.unsignedAttributes) {
    if (attribute.oid === OID_SIGNATURE_TIMESTAMP && attribute.values[0]) extras.timestampToken = attribute.values[0];
  }
  for (const [archive] of signedAttribute(cms, OID_ADBE_REVOCATION)) {
    const top = archive ? readDerElement(archive, 0) : null;
    if (!top || top.tag !== 0x30) continue;
    // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse, … }
    for (const tagged of derChildren(archive, top) ?? []) {
      const list = derChildren(archive, tagged)?.[0];
      const items = list && list.tag === 0x30 ? (derChildren(archive, list) ?? []).map((item) => derSlice(archive, item)) : [];
      if (tagged.tag === 0xa0) extras.crls.push(...items);
      if (tagged.tag === 0xa1) extras.ocspResponses.push(...items);
    }
  }
  return extras;
}
