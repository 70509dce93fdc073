import { X509Certificate as NodeCertificate } from "node:crypto";
import type { SignerIdentity } from "./analysis-types";
import type { CertificateFields, NameAttribute } from "./certificate-fields";
import { derChildren, derContent, readDerElement } from "./der-reader";

const OID_COMMON_NAME = "2.5.4.3";
const OID_ORGANIZATION = "2.5.4.10";
const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
const OID_SUBJECT_ALT_NAME = "2.5.29.17";
const TAG_UTF8_STRING = 0x0c;
const TAG_PRINTABLE_STRING = 0x13;
const TAG_IA5_STRING = 0x16;
const TAG_BMP_STRING = 0x1e;
/** rfc822Name, [1] IMPLICIT IA5String in a GeneralName. */
const TAG_RFC822_NAME = 0x81;

/**
 * The signer's identity as @peculiar/x509 reads it (`describeSignerWithX509`), taken from the
 * certificate's fields as sent. @peculiar/x509 costs a parse of the whole certificate and, above
 * all, a long module load (with reflect-metadata) on every analysis; it is loaded only for the
 * certificates this reading cannot vouch for (unusual string types, an issuer without common name,
 * an alternative-name extension it cannot read), so the result is the same.
 */
export async function describeSigner(der: Uint8Array, fields: CertificateFields | null): Promise<SignerIdentity> {
  const fast = fields ? describeSignerFields(fields) : null;
  return fast ?? describeSignerWithX509(der);
}

/** Text of an attribute value, for the string types both readings decode alike; undefined otherwise. */
function attributeText(tag: number, raw: Uint8Array): string | undefined {
  let text: string;
  if (tag === TAG_PRINTABLE_STRING || tag === TAG_IA5_STRING) text = Buffer.from(raw).toString("latin1");
  else if (tag === TAG_BMP_STRING) {
    if (raw.length % 2 !== 0) return undefined;
    text = Buffer.from(raw).swap16().toString("utf16le");
  } else if (tag === TAG_UTF8_STRING) {
    text = Buffer.from(raw).toString("utf8");
    if (!Buffer.from(text, "utf8").equals(Buffer.from(raw))) return undefined;
  } else return undefined;
  return text !== "" ? text : undefined;
}

/** Values of one attribute type in a name, in order; null when one of them is not plain text. */
function nameField(attributes: NameAttribute[], oid: string): string[] | null {
  const out: string[] = [];
  for (const attribute of attributes) {
    if (attribute.oid !== oid) continue;
    const text = attributeText(attribute.tag, attribute.value);
    if (text === undefined) return null;
    out.push(text);
  }
  return out;
}

/** The first rfc822Name of a SubjectAltName extension ("" without one); null when the extension cannot be read. */
function alternativeEmail(value: Uint8Array): string | null {
  const top = readDerElement(value, 0);
  if (!top || top.tag !== 0x30 || top.end !== value.length) return null;
  const names = derChildren(value, top);
  if (!names) return null;
  const email = names.find((name) => name.tag === TAG_RFC822_NAME);
  return email ? Buffer.from(derContent(value, email)).toString("latin1") : "";
}

export function describeSignerFields(fields: CertificateFields): SignerIdentity | null {
  const commonName = nameField(fields.subjectAttributes, OID_COMMON_NAME);
  const organization = nameField(fields.subjectAttributes, OID_ORGANIZATION);
  const subjectEmail = nameField(fields.subjectAttributes, OID_EMAIL_ADDRESS);
  const issuerCommonName = nameField(fields.issuerAttributes, OID_COMMON_NAME);
  if (!commonName || !organization || !subjectEmail || !issuerCommonName || issuerCommonName.length === 0) return null;
  let email = subjectEmail[0] ?? "";
  if (!email) {
    const san = fields.extensions.find((extension) => extension.oid === OID_SUBJECT_ALT_NAME);
    if (san) {
      const alternative = alternativeEmail(san.value);
      if (alternative === null) return null;
      email = alternative;
    }
  }
  let serial = fields.serial;
  if (serial.length > 1 && serial[0] === 0 && serial[1] > 0x7f) serial = serial.subarray(1);
  if (!fields.notBefore || !fields.notAfter || Number.isNaN(fields.notBefore.getTime()) || Number.isNaN(fields.notAfter.getTime())) return null;
  return {
    commonName: commonName[0] ?? "",
    organization: organization[0] ?? "",
    email,
    serialNumber: Buffer.from(serial).toString("hex"),
    issuer: issuerCommonName[0],
    notBefore: fields.notBefore.toISOString(),
    notAfter: fields.notAfter.toISOString(),
  };
}

/** Reads the signer's identity with @peculiar/x509 (loaded on first use). */
export async function describeSignerWithX509(der: Uint8Array): Promise<SignerIdentity> {
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  const certificate = new x509.X509Certificate(Uint8Array.from(der));
  const field = (key: string) => certificate.subjectName.getField(key)[0];
  let email = certificate.subjectName.getField("E")[0] ?? "";
  if (!email) {
    const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
    email = san?.names.items.find((item) => item.type === "email")?.value ?? "";
  }
  return {
    commonName: field("CN") ?? "",
    organization: field("O") ?? "",
    email,
    serialNumber: certificate.serialNumber,
    issuer: certificate.issuerName.getField("CN")[0] ?? certificate.issuer,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

/** Reads trust anchors given as PEM text (one or more certificates) or DER bytes. */
export function loadTrustAnchors(anchors: ReadonlyArray<string | Uint8Array>): NodeCertificate[] {
  const out: NodeCertificate[] = [];
  for (const anchor of anchors) {
    if (typeof anchor === "string") {
      const blocks = anchor.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
      for (const block of blocks) out.push(new NodeCertificate(block));
    } else out.push(new NodeCertificate(Buffer.from(anchor)));
  }
  return out;
}
