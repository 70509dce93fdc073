/**
 * What the current deposit of a convention says at a glance (the tabs' « Vérification » column and
 * filter), and whether it is safe to validate without opening it (bulk validation).
 */
export const verificationStatuses = ["signee", "signee-modifiee", "scan", "differences", "invalidee", "a-verifier", "aucun-depot"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const verificationLabels: Record<VerificationStatus, string> = {
  signee: "Signée",
  "signee-modifiee": "Signée, modifiée",
  scan: "Scan",
  differences: "Différences avec l'original",
  invalidee: "Invalidée",
  "a-verifier": "À vérifier",
  "aucun-depot": "Non déposée",
};

export function isVerificationStatus(value: unknown): value is VerificationStatus {
  return typeof value === "string" && (verificationStatuses as readonly string[]).includes(value);
}

/** The cell's text: the invalidation carries its reason (« Invalidée : Signature manquante »). */
export function verificationText(status: VerificationStatus, invalidationReason: string | null): string {
  if (status === "invalidee" && invalidationReason) return `Invalidée : ${invalidationReason}`;
  return verificationLabels[status];
}

export type VerificationTone = "ok" | "warning" | "danger" | "neutral";

export function verificationTone(status: VerificationStatus): VerificationTone {
  if (status === "signee") return "ok";
  if (status === "signee-modifiee" || status === "scan" || status === "a-verifier") return "warning";
  if (status === "differences" || status === "invalidee") return "danger";
  return "neutral";
}

/** The parts of a convention and its current deposit that decide whether it may be validated in bulk. */
export type BulkValidationCandidate = {
  state: string;
  version: number;
  conventionId: string;
  invalidationReason: string | null;
  isInvalidated: boolean;
  deposit: {
    verdict: string;
    recognition: string;
    analysis: {
      conventionId?: string | null;
      problems?: string[];
      identityMismatch?: unknown;
      visualComparison?: { status?: string } | null;
      signatures?: { trust?: string; isTimestamp?: boolean }[];
    };
  } | null;
};

export type BulkTrustPolicy = {
  /** The host school has trust anchors or accepted signers: every signer must then be one it knows. */
  requiresKnownSigner: boolean;
};

const verdictRefusals: Record<string, string> = {
  unsigned: "scan ou document sans signature électronique : vérifiez les signatures à l'œil",
  "signed-then-modified": "signée puis complétée après la signature : vérifiez les ajouts",
  altered: "document modifié après sa signature",
  invalid: "une signature électronique n'est pas valide",
  unreadable: "document illisible",
};

/**
 * Null when the convention may be validated without being opened: pending, not invalidated, its
 * current deposit signed, recognised automatically, without any problem, identical to the original
 * page by page, and, when the school keeps anchors or accepted signers, signed by a known signer.
 * Otherwise the French reason it is left out, first reason first.
 */
export function bulkValidationRefusal(candidate: BulkValidationCandidate, expectedVersion: number, policy: BulkTrustPolicy): string | null {
  if (candidate.state !== "pending_validation") return "n'est plus en attente de validation";
  if (candidate.version !== expectedVersion) return "a changé entre-temps : ouvrez-la pour la vérifier";
  if (candidate.isInvalidated) {
    return `invalidée${candidate.invalidationReason ? ` (${candidate.invalidationReason})` : ""} : un nouveau dépôt est attendu`;
  }
  const deposit = candidate.deposit;
  if (!deposit) return "aucun document déposé";
  const { analysis } = deposit;
  const named = analysis.conventionId?.toLowerCase();
  if (analysis.identityMismatch || (named && named !== candidate.conventionId.toLowerCase())) return "le document désigne une autre convention";
  if (deposit.verdict !== "signed") return verdictRefusals[deposit.verdict] ?? "document à vérifier";
  if (deposit.recognition !== "automatic") return "reconnue par QR code ou choisie à la main, pas automatiquement";
  const problems = analysis.problems ?? [];
  if (problems.length > 0) return `l'analyse signale : ${problems[0]}`;
  const comparison = analysis.visualComparison?.status;
  if (comparison === "changed") return "différences avec l'original";
  if (comparison !== "identical") return "comparaison avec l'original non disponible";
  if (policy.requiresKnownSigner) {
    const approvals = (analysis.signatures ?? []).filter((signature) => !signature.isTimestamp);
    const isKnown = approvals.length > 0 && approvals.every((signature) => signature.trust === "trusted" || signature.trust === "pinned");
    if (!isKnown) return "signataire inconnu : ni certificat reconnu ni signataire connu de votre établissement";
  }
  return null;
}
