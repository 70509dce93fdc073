export type PdfVerdict = "signed" | "signed-then-modified" | "altered" | "invalid" | "unsigned" | "unreadable";
export type ConventionIdSource = "original-hash" | "signed-revision" | "qr-code" | "text";
export type Recognition = "automatic" | "suggested" | "manual";
export type SignatureIntegrity = "valid" | "invalid";
export type SignatureCoverage = "entire-file" | "entire-revision" | "nonstandard";
export type ModificationsAfter = "none" | "signatures" | "form-filling" | "other";
export type SignatureTrust = "trusted" | "pinned" | "untrusted" | "self-signed";

/** One line of "Propriétés de la signature": integrity, chain, timestamp, validity, key-usage, revocation. */
export interface SignatureCheck {
  name: string;
  result: "ok" | "failed" | "not-checked";
  /** French, for the signature panel. */
  detail: string;
}

export interface SignerIdentity {
  commonName: string;
  organization: string;
  email: string;
  serialNumber: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export interface SignatureAnalysis {
  field: string;
  subFilter: string;
  signer: SignerIdentity | null;
  /** ISO-8601 */
  signingTime: string | null;
  digestAlgorithm: string | null;
  integrity: SignatureIntegrity;
  coverage: SignatureCoverage;
  modificationsAfter: ModificationsAfter;
  trust: SignatureTrust;
  /** True for a document timestamp (ETSI.RFC3161), which is not a person's approval. */
  isTimestamp: boolean;
  /** Where the signature's widget sits (page 1-based, rectangle in PDF points); null when invisible or unplaced. */
  widget?: { page: number; rect: [number, number, number, number] } | null;
  /** The checks Acrobat lists for a signature, each with its result (absent from older analyses). */
  checks?: SignatureCheck[];
  /** SHA-256 (hex) of the signer's SubjectPublicKeyInfo: what a school pins to recognise the signer. */
  signerKeySha256?: string | null;
}

/** The analysis of one uploaded PDF, as stored (jsonb) and printed by `npm run analyze` (DESIGN.md §4). */
export interface PdfAnalysis {
  bytes: number;
  sha256: string;
  verdict: PdfVerdict;
  conventionId: string | null;
  idSource: ConventionIdSource | null;
  recognition: Recognition;
  signatures: SignatureAnalysis[];
  /** French sentences a school secretary can act on. */
  problems: string[];
}

export interface AnalyzeConventionPdfOptions {
  /** Looks up a stored original by the SHA-256 (hex) of its bytes; returns the convention UUID. */
  findOriginalBySha256?: (sha256Hex: string) => Promise<string | null>;
  /** Certificates (PEM text or DER bytes) a signer must chain to for `trust: "trusted"`. */
  trustAnchors?: ReadonlyArray<string | Uint8Array>;
  /** Signer keys (SHA-256 of the SubjectPublicKeyInfo, hex) accepted by the school: `trust: "pinned"`. */
  pinnedKeys?: ReadonlyArray<{ spkiSha256: string; label?: string }>;
  /** Refuse files larger than this (default 20 MB). */
  maxBytes?: number;
  /** Give up after this many milliseconds (default 10 s). */
  timeLimitMs?: number;
  /** Base URL of the deep links printed in QR codes (`<appUrl>/conventions/<uuid>`); any origin is accepted when unset. */
  appUrl?: string;
  /** Wall time the QR code search of a scan may take (default 3 s); it only ever yields a suggestion. */
  qrScanTimeMs?: number;
  /** Decode page images looking for the QR code when no id was found otherwise (default true). */
  scanImagesForQrCode?: boolean;
}
