import { createHash, X509Certificate as NodeCertificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** A certificate as the Options page lists it. */
export type CertificateSummary = {
  der: Uint8Array;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER bytes, lowercase hex. */
  fingerprintSha256: string;
};

export type CertificateFileResult = { ok: true; certificates: CertificateSummary[] } | { ok: false; reason: string };

export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;
export const MAX_CERTIFICATES_PER_FILE = 50;

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

const refused = (reason: string): CertificateFileResult => ({ ok: false, reason });

/** "CN=Autorité, O=Rectorat": the distinguished name on one line, as a person reads it. */
function oneLine(name: string): string {
  return name.split("\n").map((part) => part.trim()).filter(Boolean).join(", ");
}

/** Reads one DER certificate; null when the bytes are not exactly one certificate. */
export function describeCertificate(der: Uint8Array): CertificateSummary | null {
  let certificate: NodeCertificate;
  try {
    certificate = new NodeCertificate(Buffer.from(der));
  } catch {
    return null;
  }
  // Node accepts trailing bytes after the certificate: the whole input must be the certificate.
  if (!Buffer.from(certificate.raw).equals(Buffer.from(der))) return null;
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return null;
  return {
    der: new Uint8Array(certificate.raw),
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    notBefore,
    notAfter,
    fingerprintSha256: createHash("sha256").update(certificate.raw).digest("hex"),
  };
}

/**
 * The certificates of a PKCS#7 certs-only SignedData (.p7b), each as its original DER bytes;
 * null when the bytes are not such a structure.
 */
function certificatesOfPkcs7(der: Uint8Array): Uint8Array[] | null {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.length) return null;
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID_SIGNED_DATA) return null;
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return null;
  }
  if (!signedData.certificates || signedData.certificates.length === 0) return [];
  // pkijs re-encodes what it parsed; the fingerprint must be of the bytes as sent, found in the schema.
  const signedDataSchema = (parsed.result as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed;
  const inner = signedDataSchema.valueBlock.value[0] as asn1js.Sequence;
  const certificateSet = inner.valueBlock.value.find(
    (element) => element.idBlock.tagClass === 3 && element.idBlock.tagNumber === 0,
  ) as asn1js.Constructed | undefined;
  if (!certificateSet) return null;
  return certificateSet.valueBlock.value
    .filter((element) => element.idBlock.tagClass === 1 && element.idBlock.tagNumber === 16)
    .map((element) => new Uint8Array(element.valueBeforeDecodeView));
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  return head.includes("-----BEGIN ");
}

/** The DER blobs of a file: PEM blocks (certificates or PKCS#7), or the file itself. Null: unreadable. */
function derBlobs(bytes: Uint8Array): { kind: "certificate" | "pkcs7"; der: Uint8Array }[] | null {
  // Binary: a DER certificate, or a PKCS#7 bundle when it is not one.
  if (!looksLikeText(bytes)) return [{ kind: "certificate", der: bytes }];
  const text = Buffer.from(bytes).toString("latin1");
  const blobs: { kind: "certificate" | "pkcs7"; der: Uint8Array }[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1];
    const body = match[2].replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) return null;
    if (label === "CERTIFICATE" || label === "X509 CERTIFICATE") blobs.push({ kind: "certificate", der: new Uint8Array(Buffer.from(body, "base64")) });
    else if (label === "PKCS7" || label === "CMS") blobs.push({ kind: "pkcs7", der: new Uint8Array(Buffer.from(body, "base64")) });
    else if (label.includes("PRIVATE KEY")) return null;
  }
  return blobs.length > 0 ? blobs : null;
}

/**
 * Reads a certificate file a school imports as trust anchors: PEM (one or several certificates, or a
 * PKCS#7 block), DER (.cer/.crt) or a PKCS#7 bundle (.p7b). All or nothing: one unreadable part
 * refuses the whole file, with a French reason.
 */
export function readCertificateFile(bytes: Uint8Array): CertificateFileResult {
  if (bytes.length === 0) return refused("Le fichier est vide : choisissez un certificat (.cer, .crt, .pem ou .p7b).");
  if (bytes.length > MAX_CERTIFICATE_FILE_BYTES) return refused("Le fichier dépasse 1 Mo : un certificat ou un paquet de certificats est bien plus petit.");
  const text = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  if (text.includes("PRIVATE KEY-----")) {
    return refused("Ce fichier contient une clé privée : n'importez que le certificat public de l'autorité, jamais sa clé privée.");
  }
  const blobs = derBlobs(bytes);
  if (!blobs) return refused("Ce fichier n'est pas un certificat lisible : importez un certificat au format PEM, DER (.cer, .crt) ou un paquet PKCS#7 (.p7b).");
  const certificates: CertificateSummary[] = [];
  for (const blob of blobs) {
    const single = blob.kind === "certificate" ? describeCertificate(blob.der) : null;
    if (single) {
      certificates.push(single);
      continue;
    }
    const bundled = certificatesOfPkcs7(blob.der);
    if (!bundled) {
      return refused("Ce fichier n'est pas un certificat lisible : importez un certificat au format PEM, DER (.cer, .crt) ou un paquet PKCS#7 (.p7b).");
    }
    if (bundled.length === 0) return refused("Ce paquet PKCS#7 ne contient aucun certificat.");
    for (const der of bundled) {
      const described = describeCertificate(der);
      if (!described) return refused("Un des certificats de ce paquet est illisible : rien n'a été importé.");
      certificates.push(described);
    }
  }
  if (certificates.length > MAX_CERTIFICATES_PER_FILE) {
    return refused(`Ce fichier contient trop de certificats (${MAX_CERTIFICATES_PER_FILE} au plus par import).`);
  }
  const unique = new Map(certificates.map((certificate) => [certificate.fingerprintSha256, certificate]));
  return { ok: true, certificates: [...unique.values()] };
}

/** "AB:CD:…": a fingerprint grouped by byte, as Acrobat and browsers show it. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(":");
}
