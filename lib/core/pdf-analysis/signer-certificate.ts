import "reflect-metadata";
import { X509Certificate as NodeCertificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { SignerIdentity, SignatureTrust } from "./analysis-types";

export function describeSigner(der: Uint8Array): SignerIdentity {
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

function issues(issuer: NodeCertificate, subject: NodeCertificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Trust means a chain of valid certificate signatures from the signer up to one of the configured anchors. */
export function evaluateTrust(signerDer: Uint8Array, chainDer: Uint8Array[], anchors: NodeCertificate[]): SignatureTrust {
  const signer = new NodeCertificate(Buffer.from(signerDer));
  const pool = chainDer.flatMap((der) => {
    try {
      return [new NodeCertificate(Buffer.from(der))];
    } catch {
      return [];
    }
  });
  const isAnchor = (certificate: NodeCertificate) => anchors.some((anchor) => anchor.raw.equals(certificate.raw));
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    if (isAnchor(current)) return "trusted";
    const anchorIssuer = anchors.find((anchor) => issues(anchor, current));
    if (anchorIssuer) return "trusted";
    const next = pool.find((candidate) => !candidate.raw.equals(current.raw) && issues(candidate, current));
    if (!next) break;
    current = next;
  }
  return issues(signer, signer) ? "self-signed" : "untrusted";
}
