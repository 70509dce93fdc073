import { createHash, X509Certificate as NodeCertificate } from "node:crypto";
import type { SignatureCheck, SignatureTrust } from "./analysis-types";
import type { CertificateFields } from "./certificate-fields";
import { parseCmsSignature, verifyCmsSignature } from "./cms-signature";
import { decodeOid, derChildren, derContent, readDerElement } from "./der-reader";

/** A signer's public key the host school has accepted (SHA-256 of the SubjectPublicKeyInfo, hex). */
export interface PinnedKey {
  spkiSha256: string;
  /** Shown in the check's detail, e.g. "M. X, accepté le 01-12-2026 pour le Collège Y". */
  label?: string;
}

export interface RevocationMaterial {
  ocspResponses: Uint8Array[];
  crls: Uint8Array[];
}

export interface CheckInput {
  integrity: { isIntact: boolean; reason: string | null };
  signerDer: Uint8Array | null;
  /** The signer certificate's fields, when readable. */
  signer: CertificateFields | null;
  /** The signer certificate already read by Node, when the caller has it. */
  signerNode?: NodeCertificate | null;
  chainDer: Uint8Array[];
  anchorsDer: Uint8Array[];
  pinnedKeys: ReadonlyArray<PinnedKey>;
  /** The time the signer claims (signed attribute or /M). */
  claimedTime: Date | null;
  /** RFC 3161 token over the signature value, from the signer's unsigned attributes. */
  timestampToken: Uint8Array | null;
  signatureValue: Uint8Array | null;
  revocation: RevocationMaterial;
  /** A document timestamp (ETSI.RFC3161): the time is its own, its certificate a time-stamping one. */
  isDocumentTimestamp: boolean;
}

export interface CheckResult {
  trust: SignatureTrust;
  checks: SignatureCheck[];
  signerKeySha256: string | null;
  /** The time vouched for by a valid timestamp token; null without one. */
  timestampTime: Date | null;
}

const OID_KEY_USAGE = "2.5.29.15";
const OID_EXTENDED_KEY_USAGE = "2.5.29.37";
/** Extended key usages that allow signing documents (any usage, e-mail protection, document signing, Adobe, Microsoft). */
const SIGNING_PURPOSES = new Set([
  "2.5.29.37.0",
  "1.3.6.1.5.5.7.3.4",
  "1.3.6.1.5.5.7.3.36",
  "1.2.840.113583.1.1.5",
  "1.3.6.1.4.1.311.10.3.12",
  "1.3.6.1.5.5.7.3.2",
]);

function frenchDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

function nodeCertificate(der: Uint8Array): NodeCertificate | null {
  try {
    return new NodeCertificate(Buffer.from(der));
  } catch {
    return null;
  }
}

function issues(issuer: NodeCertificate, subject: NodeCertificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function isSelfSigned(certificate: NodeCertificate): boolean {
  try {
    return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

export function spkiSha256(certificate: NodeCertificate): string {
  return createHash("sha256").update(certificate.publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

/**
 * The chain from the signer up to an anchor, built by @peculiar/x509's chain builder (loaded only
 * when the school has anchors), each link's signature verified; null when it ends elsewhere.
 */
async function chainToAnchor(signerDer: Uint8Array, poolDer: Uint8Array[], anchors: NodeCertificate[]): Promise<NodeCertificate | null> {
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  const read = (der: Uint8Array) => {
    try {
      return [new x509.X509Certificate(Uint8Array.from(der))];
    } catch {
      return [];
    }
  };
  const signer = read(signerDer)[0];
  if (!signer) return null;
  const builder = new x509.X509ChainBuilder({ certificates: [...poolDer.flatMap(read), ...anchors.flatMap((a) => read(a.raw))] });
  let chain: InstanceType<typeof x509.X509Certificate>[];
  try {
    chain = [...(await builder.build(signer))];
  } catch {
    return null;
  }
  for (const link of chain) {
    const raw = Buffer.from(link.rawData);
    const anchor = anchors.find((candidate) => candidate.raw.equals(raw));
    if (anchor) return anchor;
  }
  // The builder stops at the last certificate it was given; an anchor may also have issued it directly.
  const last = nodeCertificate(new Uint8Array(chain.at(-1)?.rawData ?? signer.rawData));
  return last ? anchors.find((anchor) => issues(anchor, last)) ?? null : null;
}

function commonNameOf(certificate: NodeCertificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1] ?? certificate.subject;
}

/**
 * The checks Acrobat lists in "Propriétés de la signature", with their result: integrity, chain to
 * a trusted anchor or a pinned key, validity at signing time, timestamp, key usage, revocation from
 * what the file embeds (no network call).
 */
export async function checkSignature(input: CheckInput): Promise<CheckResult> {
  const checks: SignatureCheck[] = [];
  checks.push({
    name: "integrity",
    result: input.integrity.isIntact ? "ok" : "failed",
    detail: input.integrity.isIntact ? "Le document n'a pas été modifié depuis cette signature." : `Signature non valide : ${input.integrity.reason ?? "vérification impossible"}.`,
  });
  const signer = input.signerNode ?? (input.signerDer ? nodeCertificate(input.signerDer) : null);
  if (!signer || !input.signerDer) {
    checks.push({ name: "chain", result: "failed", detail: "Le certificat du signataire est absent ou illisible." });
    return { trust: "untrusted", checks, signerKeySha256: null, timestampTime: null };
  }
  const spki = input.signer?.subjectPublicKeyInfo;
  const keySha256 = spki ? createHash("sha256").update(spki).digest("hex") : spkiSha256(signer);

  // Chain: a configured anchor first, then a pinned key.
  const anchors = input.anchorsDer.map(nodeCertificate).filter((c): c is NodeCertificate => c !== null);
  const anchor = anchors.length > 0 && input.signerDer ? await chainToAnchor(input.signerDer, input.chainDer, anchors) : null;
  const pin = input.pinnedKeys.find((key) => key.spkiSha256.toLowerCase() === keySha256);
  let trust: SignatureTrust;
  if (anchor) {
    trust = "trusted";
    checks.push({ name: "chain", result: "ok", detail: `Le certificat remonte à l'autorité de confiance « ${commonNameOf(anchor)} ».` });
  } else if (pin) {
    trust = "pinned";
    checks.push({ name: "chain", result: "ok", detail: `Signataire connu${pin.label ? ` : ${pin.label}` : ""} (même clé que le certificat accepté).` });
  } else {
    trust = isSelfSigned(signer) ? "self-signed" : "untrusted";
    checks.push({
      name: "chain",
      result: "failed",
      detail: trust === "self-signed"
        ? "Certificat auto-signé : ni une autorité de confiance du lycée ni un signataire déjà accepté ne le garantit."
        : "Le certificat ne remonte à aucune autorité de confiance du lycée et n'a pas été accepté comme signataire connu.",
    });
  }

  // Timestamp over the signature value, then validity at the time it gives (or the claimed one).
  let timestampTime: Date | null = null;
  if (input.isDocumentTimestamp && input.integrity.isIntact && input.claimedTime) {
    timestampTime = input.claimedTime;
    checks.push({ name: "timestamp", result: "ok", detail: `Horodatage du document du ${frenchDate(timestampTime)}.` });
  } else if (input.timestampToken && input.signatureValue) {
    const parsed = parseCmsSignature(input.timestampToken, "ETSI.RFC3161");
    if (!parsed.ok) {
      checks.push({ name: "timestamp", result: "failed", detail: `Horodatage illisible : ${parsed.reason}.` });
    } else {
      const digest = createHash(parsed.cms.rangeHash.node).update(input.signatureValue).digest();
      const verified = verifyCmsSignature(parsed.cms, new Uint8Array(digest), () => new Uint8Array());
      if (verified.isIntact && verified.signingTime) {
        timestampTime = verified.signingTime;
        checks.push({ name: "timestamp", result: "ok", detail: `Horodatage valide du ${frenchDate(timestampTime)}.` });
      } else {
        checks.push({ name: "timestamp", result: "failed", detail: `Horodatage non valide : ${verified.reason ?? "empreinte incorrecte"}.` });
      }
    }
  } else {
    checks.push({ name: "timestamp", result: "not-checked", detail: "Aucun horodatage : l'heure de signature est celle que déclare le signataire." });
  }
  const time = timestampTime ?? input.claimedTime;
  const from = new Date(signer.validFrom);
  const to = new Date(signer.validTo);
  const source = timestampTime ? "horodatée" : "déclarée par le signataire";
  if (!time || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    checks.push({ name: "validity", result: "not-checked", detail: "La date de signature est inconnue : la validité du certificat n'a pas pu être vérifiée." });
  } else if (time < from) {
    checks.push({ name: "validity", result: "failed", detail: `Certificat pas encore valide à la date de signature (${source}) : valable à partir du ${frenchDate(from)}.` });
  } else if (time > to) {
    checks.push({ name: "validity", result: "failed", detail: `Certificat expiré à la date de signature (${source}) : valable jusqu'au ${frenchDate(to)}.` });
  } else {
    checks.push({ name: "validity", result: "ok", detail: `Certificat valide à la date de signature du ${frenchDate(time)} (${source}).` });
  }

  checks.push(keyUsageCheck(input.signer, input.isDocumentTimestamp));
  checks.push(await revocationCheck(input.signer, input.revocation));
  return { trust, checks, signerKeySha256: keySha256, timestampTime };
}

const OID_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

/** The bits of a KeyUsage extension value (the BIT STRING without its unused-bits byte); null when malformed. */
function keyUsageBits(value: Uint8Array): Uint8Array | null {
  const element = readDerElement(value, 0);
  if (!element || element.tag !== 0x03 || element.contentEnd === element.contentStart) return null;
  return derContent(value, element).subarray(1);
}

/** The purposes of an ExtendedKeyUsage extension value; null when it cannot be read (then it restricts nothing). */
function keyPurposes(value: Uint8Array): string[] | null {
  const element = readDerElement(value, 0);
  if (!element || element.tag !== 0x30) return null;
  const purposes: string[] = [];
  for (const purpose of derChildren(value, element) ?? [undefined]) {
    const oid = purpose && purpose.tag === 0x06 ? decodeOid(derContent(value, purpose)) : null;
    if (!oid) return null;
    purposes.push(oid);
  }
  return purposes;
}

function keyUsageCheck(certificate: CertificateFields | null, isDocumentTimestamp: boolean): SignatureCheck {
  if (!certificate) return { name: "key-usage", result: "not-checked", detail: "Usages du certificat non lus." };
  const keyUsage = certificate.extensions.find((e) => e.oid === OID_KEY_USAGE);
  if (keyUsage) {
    const bits = keyUsageBits(keyUsage.value);
    // digitalSignature is bit 0, nonRepudiation bit 1 (most significant bits of the first byte).
    if (!bits || bits.length === 0 || (bits[0] & 0xc0) === 0) {
      return { name: "key-usage", result: "failed", detail: "L'usage de la clé du certificat n'autorise pas la signature (ni signature numérique ni non-répudiation)." };
    }
  }
  const extended = certificate.extensions.find((e) => e.oid === OID_EXTENDED_KEY_USAGE);
  const purposes = extended ? keyPurposes(extended.value) : null;
  if (purposes) {
    const allowed = (purpose: string) => SIGNING_PURPOSES.has(purpose) || (isDocumentTimestamp && purpose === OID_TIME_STAMPING);
    if (purposes.length > 0 && !purposes.some(allowed)) {
      return { name: "key-usage", result: "failed", detail: "L'usage étendu du certificat le réserve à autre chose que la signature de documents." };
    }
  }
  return { name: "key-usage", result: "ok", detail: "Le certificat autorise la signature." };
}

const OFFLINE: SignatureCheck = { name: "revocation", result: "not-checked", detail: "Non vérifiée (hors ligne) : le fichier ne contient pas d'information de révocation pour ce certificat." };

/** Status of the signer in the OCSP responses and CRLs the file carries; the portal fetches nothing. */
async function revocationCheck(certificate: CertificateFields | null, material: RevocationMaterial): Promise<SignatureCheck> {
  if (!certificate || (material.ocspResponses.length === 0 && material.crls.length === 0)) return OFFLINE;
  const { revocationCheck: embedded } = await import("./revocation-status");
  return embedded(certificate, material, OFFLINE);
}
