import type { SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { judgeKnownSigner, type AcceptedSigner } from "@/lib/core/trust/judge-known-signer";

const KEY = "a".repeat(64);
const OTHER_KEY = "b".repeat(64);
const MOULIN = "school-moulin";
const MICHEL = "school-michel";

function signature(overrides: Partial<SignatureAnalysis> = {}): SignatureAnalysis {
  return {
    field: "Signature_Origine", subFilter: "adbe.pkcs7.detached",
    signer: { commonName: "M. Principal", organization: "", email: "", serialNumber: "01", issuer: "M. Principal", notBefore: "", notAfter: "" },
    signingTime: null, digestAlgorithm: "SHA-256", integrity: "valid", coverage: "entire-revision", modificationsAfter: "none",
    trust: "self-signed", isTimestamp: false, signerKeySha256: KEY, ...overrides,
  };
}

const pin = (overrides: Partial<AcceptedSigner> = {}): AcceptedSigner => ({
  spkiSha256: KEY, signerName: "M. Principal", originSchoolId: MOULIN, originSchoolName: "Collège Jean Moulin",
  createdAt: new Date("2026-11-20T10:00:00Z"), ...overrides,
});

describe("what the host school knows of a signer", () => {
  it("knows a key accepted for this origin school, even when it was also accepted elsewhere", () => {
    expect(judgeKnownSigner(signature(), MOULIN, [pin({ originSchoolId: MICHEL, originSchoolName: "Collège Louise Michel" }), pin()]))
      .toEqual({ kind: "known", signerName: "M. Principal", acceptedAt: new Date("2026-11-20T10:00:00Z"), originSchoolName: "Collège Jean Moulin" });
  });

  it("warns when the key was accepted for another origin school only", () => {
    expect(judgeKnownSigner(signature(), MICHEL, [pin()])).toMatchObject({ kind: "other-school", originSchoolNames: ["Collège Jean Moulin"], canTrust: true });
  });

  it("says « nouveau certificat » for another key under an accepted name", () => {
    expect(judgeKnownSigner(signature({ signerKeySha256: OTHER_KEY }), MOULIN, [pin()])).toMatchObject({ kind: "new-certificate", canTrust: true });
  });

  it("offers to trust an unknown intact signature, never a broken one nor a timestamp", () => {
    expect(judgeKnownSigner(signature(), MOULIN, [])).toEqual({ kind: "unknown", canTrust: true });
    expect(judgeKnownSigner(signature({ integrity: "invalid" }), MOULIN, [])).toEqual({ kind: "unknown", canTrust: false });
    expect(judgeKnownSigner(signature({ isTimestamp: true }), MOULIN, [pin()])).toEqual({ kind: "not-applicable" });
    expect(judgeKnownSigner(signature({ signerKeySha256: null }), MOULIN, [pin()])).toEqual({ kind: "not-applicable" });
  });
});
