import type { SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";

/** A signer key the host school accepted, as read for one convention page. */
export type AcceptedSigner = {
  spkiSha256: string;
  signerName: string;
  originSchoolId: string;
  originSchoolName: string;
  createdAt: Date;
};

/**
 * What the host school knows of one signature's signer, judged now against its current accepted
 * keys (the stored analysis keeps what was known at deposit time):
 * - `known`: this key was accepted for the convention's origin school;
 * - `other-school`: this key was accepted, but for another origin school only;
 * - `new-certificate`: another key was accepted under the same signer name;
 * - `unknown`: nothing yet; the host admin may accept it (`canTrust`).
 */
export type KnownSignerStatus =
  | { kind: "known"; signerName: string; acceptedAt: Date; originSchoolName: string }
  | { kind: "other-school"; signerName: string; acceptedAt: Date; originSchoolNames: string[]; canTrust: boolean }
  | { kind: "new-certificate"; signerName: string; acceptedAt: Date; originSchoolName: string; canTrust: boolean }
  | { kind: "unknown"; canTrust: boolean }
  | { kind: "not-applicable" };

/** The name a signature is accepted under: its certificate's common name, else its e-mail. */
export function signerNameOf(signature: Pick<SignatureAnalysis, "signer">): string | null {
  return signature.signer?.commonName || signature.signer?.email || null;
}

/** Whether a signature's signer can be accepted at all: an intact approval signature with a known key. */
function isTrustable(signature: SignatureAnalysis): boolean {
  return !signature.isTimestamp && signature.integrity === "valid" && Boolean(signature.signerKeySha256);
}

export function judgeKnownSigner(
  signature: SignatureAnalysis,
  originSchoolId: string,
  accepted: AcceptedSigner[],
): KnownSignerStatus {
  if (signature.isTimestamp || !signature.signerKeySha256) return { kind: "not-applicable" };
  const key = signature.signerKeySha256.toLowerCase();
  const canTrust = isTrustable(signature);
  const sameKey = accepted.filter((pin) => pin.spkiSha256 === key);
  const forThisSchool = sameKey.find((pin) => pin.originSchoolId === originSchoolId);
  if (forThisSchool) {
    return { kind: "known", signerName: forThisSchool.signerName, acceptedAt: forThisSchool.createdAt, originSchoolName: forThisSchool.originSchoolName };
  }
  if (sameKey.length > 0) {
    return {
      kind: "other-school",
      signerName: sameKey[0].signerName,
      acceptedAt: sameKey[0].createdAt,
      originSchoolNames: [...new Set(sameKey.map((pin) => pin.originSchoolName))],
      canTrust,
    };
  }
  const name = signerNameOf(signature);
  const sameName = name ? accepted.filter((pin) => pin.signerName === name) : [];
  if (sameName.length > 0) {
    const closest = sameName.find((pin) => pin.originSchoolId === originSchoolId) ?? sameName[0];
    return { kind: "new-certificate", signerName: closest.signerName, acceptedAt: closest.createdAt, originSchoolName: closest.originSchoolName, canTrust };
  }
  return { kind: "unknown", canTrust };
}
