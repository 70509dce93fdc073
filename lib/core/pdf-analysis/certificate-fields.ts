import { derChildren, derContent, derOctets, derOid, derSlice, derTime, readDerElement, type DerElement } from "./der-reader";

/** One attribute of a distinguished name, its value as sent: the string type (DER tag) and its bytes. */
export interface NameAttribute {
  oid: string;
  tag: number;
  value: Uint8Array;
}

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** The content of extnValue: the DER of the extension's own value. */
  value: Uint8Array;
}

/** The fields of an X.509 certificate the analysis uses, read from its DER as sent. */
export interface CertificateFields {
  /** The serial number INTEGER's content (with the leading zero DER adds to keep it positive). */
  serial: Uint8Array;
  /** The issuer and subject names as whole DER elements, and their attributes in order. */
  issuer: Uint8Array;
  subject: Uint8Array;
  issuerAttributes: NameAttribute[];
  subjectAttributes: NameAttribute[];
  /** Null when the time is malformed. */
  notBefore: Date | null;
  notAfter: Date | null;
  /** The SubjectPublicKeyInfo (DER) and the key bits inside it (the BIT STRING without its unused-bits byte). */
  subjectPublicKeyInfo: Uint8Array;
  publicKeyBits: Uint8Array;
  extensions: CertificateExtension[];
}

function nameAttributes(der: Uint8Array, name: DerElement): NameAttribute[] | null {
  const out: NameAttribute[] = [];
  for (const rdn of derChildren(der, name) ?? [undefined]) {
    if (!rdn || rdn.tag !== 0x31) return null;
    for (const pair of derChildren(der, rdn) ?? [undefined]) {
      if (!pair || pair.tag !== 0x30) return null;
      const [type, value] = derChildren(der, pair) ?? [];
      const oid = derOid(der, type);
      if (!oid || !value) return null;
      out.push({ oid, tag: value.tag, value: derContent(der, value) });
    }
  }
  return out;
}

function extensionsOf(der: Uint8Array, element: DerElement | undefined): CertificateExtension[] | null {
  if (!element) return [];
  const list = derChildren(der, element)?.[0];
  if (!list || list.tag !== 0x30) return null;
  const out: CertificateExtension[] = [];
  for (const extension of derChildren(der, list) ?? [undefined]) {
    if (!extension || extension.tag !== 0x30) return null;
    const parts = derChildren(der, extension) ?? [];
    const oid = derOid(der, parts[0]);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && derContent(der, parts[1])[0] !== 0;
    const value = parts.at(-1);
    if (!oid || parts.length < 2 || parts.length > 3 || value?.tag !== 0x04) return null;
    out.push({ oid, critical, value: derContent(der, value) });
  }
  return out;
}

/** The certificate's fields, or null when its DER does not have the shape of an X.509 certificate. */
export function readCertificateFields(der: Uint8Array): CertificateFields | null {
  const certificate = readDerElement(der, 0);
  if (!certificate || certificate.tag !== 0x30) return null;
  const tbs = derChildren(der, certificate)?.[0];
  if (!tbs || tbs.tag !== 0x30) return null;
  const all = derChildren(der, tbs);
  if (!all) return null;
  const items = all[0]?.tag === 0xa0 ? all.slice(1) : all;
  const [serial, , issuer, validity, subject, spki, ...optional] = items;
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30 || validity?.tag !== 0x30 || subject?.tag !== 0x30 || spki?.tag !== 0x30) return null;
  const [notBefore, notAfter] = derChildren(der, validity) ?? [];
  const keyBits = derChildren(der, spki)?.[1];
  if (keyBits?.tag !== 0x03 || keyBits.contentEnd === keyBits.contentStart) return null;
  const issuerAttributes = nameAttributes(der, issuer);
  const subjectAttributes = nameAttributes(der, subject);
  const extensions = extensionsOf(der, optional.find((element) => element.tag === 0xa3));
  if (!issuerAttributes || !subjectAttributes || !extensions) return null;
  return {
    serial: derContent(der, serial),
    issuer: derSlice(der, issuer),
    subject: derSlice(der, subject),
    issuerAttributes,
    subjectAttributes,
    notBefore: derTime(der, notBefore),
    notAfter: derTime(der, notAfter),
    subjectPublicKeyInfo: derSlice(der, spki),
    publicKeyBits: der.subarray(keyBits.contentStart + 1, keyBits.contentEnd),
    extensions,
  };
}

/** The subject key identifier extension's value, or null. */
export function subjectKeyIdentifier(fields: CertificateFields): Uint8Array | null {
  const extension = fields.extensions.find((candidate) => candidate.oid === "2.5.29.14");
  return extension ? derOctets(extension.value, readDerElement(extension.value, 0) ?? undefined) : null;
}

/** Hex of a serial number without its leading zero bytes (as OCSP responses and CRLs are compared). */
export function serialHex(serial: Uint8Array): string {
  return Buffer.from(serial).toString("hex").replace(/^(00)+(?=.)/, "");
}
