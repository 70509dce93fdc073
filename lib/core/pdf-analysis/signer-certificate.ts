import { X509Certificate as NodeCertificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { SignerIdentity } from "./analysis-types";

const OID_COMMON_NAME = "2.5.4.3";
const OID_ORGANIZATION = "2.5.4.10";
const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
const OID_SUBJECT_ALT_NAME = "2.5.29.17";

/**
 * The signer's identity as @peculiar/x509 reads it (`describeSignerWithX509`), taken from the
 * certificate pkijs already parsed with the CMS. @peculiar/x509 costs a second parse of the
 * certificate and, above all, a long module load (with reflect-metadata) on every analysis; it is
 * loaded only for the certificates this reading cannot vouch for (unusual string types, an issuer
 * without common name, an unparsed alternative-name extension), so the result is the same.
 */
export async function describeSigner(der: Uint8Array, parsed: pkijs.Certificate | null): Promise<SignerIdentity> {
  const fast = parsed ? describeParsedSigner(parsed) : null;
  return fast ?? describeSignerWithX509(der);
}

/** Text of an attribute value, for the string types both libraries decode alike; undefined otherwise. */
function attributeText(value: unknown): string | undefined {
  if (value instanceof asn1js.PrintableString || value instanceof asn1js.IA5String || value instanceof asn1js.BmpString) {
    const text = value.valueBlock.value;
    return text !== "" ? text : undefined;
  }
  if (value instanceof asn1js.Utf8String) {
    const text = value.valueBlock.value;
    const raw = value.valueBlock.valueHexView;
    return text !== "" && Buffer.from(text, "utf8").equals(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)) ? text : undefined;
  }
  return undefined;
}

/** Values of one attribute type in a name, in order; null when one of them is not plain text. */
function nameField(name: pkijs.RelativeDistinguishedNames, oid: string): string[] | null {
  const out: string[] = [];
  for (const attribute of name.typesAndValues) {
    if (attribute.type !== oid) continue;
    const text = attributeText(attribute.value);
    if (text === undefined) return null;
    out.push(text);
  }
  return out;
}

export function describeParsedSigner(certificate: pkijs.Certificate): SignerIdentity | null {
  const commonName = nameField(certificate.subject, OID_COMMON_NAME);
  const organization = nameField(certificate.subject, OID_ORGANIZATION);
  const subjectEmail = nameField(certificate.subject, OID_EMAIL_ADDRESS);
  const issuerCommonName = nameField(certificate.issuer, OID_COMMON_NAME);
  if (!commonName || !organization || !subjectEmail || !issuerCommonName || issuerCommonName.length === 0) return null;
  let email = subjectEmail[0] ?? "";
  if (!email) {
    const san = (certificate.extensions ?? []).find((extension) => extension.extnID === OID_SUBJECT_ALT_NAME);
    if (san) {
      if (!(san.parsedValue instanceof pkijs.AltName)) return null;
      const rfc822 = san.parsedValue.altNames.find((name) => name.type === 1);
      if (rfc822 && typeof rfc822.value !== "string") return null;
      email = rfc822?.value ?? "";
    }
  }
  let serial = new Uint8Array(certificate.serialNumber.valueBlock.valueHexView);
  if (serial.length > 1 && serial[0] === 0 && serial[1] > 0x7f) serial = serial.subarray(1);
  const notBefore = certificate.notBefore.value;
  const notAfter = certificate.notAfter.value;
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return null;
  return {
    commonName: commonName[0] ?? "",
    organization: organization[0] ?? "",
    email,
    serialNumber: Buffer.from(serial).toString("hex"),
    issuer: issuerCommonName[0],
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
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
