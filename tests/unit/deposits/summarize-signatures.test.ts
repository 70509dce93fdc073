import type { PdfAnalysis, SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { signerNames, summarizeSignatures } from "@/lib/server/deposits/summarize-signatures";

const signature = (overrides: Partial<SignatureAnalysis>): SignatureAnalysis => ({
  field: "Signature_Origine", subFilter: "adbe.pkcs7.detached",
  signer: { commonName: "Jean Principal", organization: "Collège Jean Moulin", email: "", serialNumber: "", issuer: "", notBefore: "", notAfter: "" },
  signingTime: "2026-03-02T09:15:00.000Z", digestAlgorithm: "SHA-256", integrity: "valid", coverage: "entire-revision",
  modificationsAfter: "none", trust: "trusted", isTimestamp: false, ...overrides,
});

const analysis = (overrides: Partial<PdfAnalysis>): PdfAnalysis => ({
  bytes: 1, sha256: "", verdict: "signed", conventionId: null, idSource: null, recognition: "manual", signatures: [], problems: [], ...overrides,
});

describe("signature summary of the validation request", () => {
  it("names each signer with their school and the signing time, leaving timestamps out", () => {
    const a = analysis({ signatures: [signature({}), signature({ isTimestamp: true, signer: null })] });
    expect(signerNames(a)).toEqual(["Jean Principal (Collège Jean Moulin)"]);
    expect(signerNames(analysis({ signatures: [signature({ signer: null, integrity: "invalid" })] }))).toEqual([]);
    expect(summarizeSignatures(a)).toBe(
      "Signatures électroniques intactes.\n— Jean Principal (Collège Jean Moulin) le 02-03-2026 à 10:15 (certificat reconnu)",
    );
  });

  it("warns about an altered document and repeats the analysis problems", () => {
    const text = summarizeSignatures(analysis({ verdict: "altered", signatures: [signature({ trust: "untrusted" })], problems: ["Le document a été modifié."] }));
    expect(text).toMatch(/^Attention : le document a été modifié après sa signature\./);
    expect(text).toMatch(/certificat non reconnu/);
    expect(text).toMatch(/• Le document a été modifié\.$/);
  });

  it("says a scan carries no electronic signature", () => {
    expect(summarizeSignatures(analysis({ verdict: "unsigned" }))).toBe("Aucune signature électronique (document scanné ou non signé).");
  });
});
