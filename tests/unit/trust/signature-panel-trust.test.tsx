import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { SignaturePanel } from "@/components/conventions/signature-panel";
import { TrustAnchorsPanel } from "@/components/options/trust-anchors-panel";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import type { KnownSignerStatus } from "@/lib/core/trust/judge-known-signer";

const noAction = async () => null;
const CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";

const analysis: PdfAnalysis = {
  bytes: 1000, sha256: "0".repeat(64), verdict: "signed", conventionId: CONVENTION_ID, idSource: "original-hash", recognition: "automatic",
  problems: [],
  signatures: [{
    field: "Signature_Origine", subFilter: "adbe.pkcs7.detached",
    signer: { commonName: "M. Principal", organization: "", email: "", serialNumber: "01", issuer: "M. Principal", notBefore: "", notAfter: "" },
    signingTime: "2026-11-30T09:00:00Z", digestAlgorithm: "SHA-256", integrity: "valid", coverage: "entire-revision", modificationsAfter: "none",
    trust: "self-signed", isTimestamp: false, signerKeySha256: "a".repeat(64),
    checks: [
      { name: "integrity", result: "ok", detail: "Le document n'a pas été modifié depuis cette signature." },
      { name: "chain", result: "failed", detail: "Certificat auto-signé." },
      { name: "revocation", result: "not-checked", detail: "Non vérifiée (hors ligne)." },
    ],
  }],
};

const render = (statuses?: KnownSignerStatus[]) => renderToStaticMarkup(createElement(SignaturePanel, {
  analysis, conventionId: CONVENTION_ID,
  signerTrust: statuses ? { statuses, originSchoolName: "Collège Jean Moulin", trustAction: noAction } : undefined,
}));

describe("the signature panel's checks and known signers", () => {
  it("lists each check with its mark and French detail", () => {
    const html = render();
    expect(html).toContain("Propriétés de la signature");
    expect(html).toMatch(/✓<\/span>[\s\S]*Intégrité[\s\S]*✗<\/span>[\s\S]*Chaîne de confiance[\s\S]*–<\/span>[\s\S]*Révocation/);
    expect(html).not.toContain("Faire confiance à ce signataire");
  });

  it("offers « Faire confiance à ce signataire » to the host admin for an unknown signer, with the key to accept", () => {
    const html = render([{ kind: "unknown", canTrust: true }]);
    expect(html).toContain("Faire confiance à ce signataire");
    expect(html).toContain(`value="${"a".repeat(64)}"`);
  });

  it("says « Signataire connu » with the date and the origin school, without the button", () => {
    const html = render([{ kind: "known", signerName: "M. Principal", acceptedAt: new Date("2026-11-20T10:00:00Z"), originSchoolName: "Collège Jean Moulin" }]);
    expect(html).toContain("Signataire connu : M. Principal, certificat accepté le 20-11-2026 pour le Collège Jean Moulin");
    expect(html).not.toContain("Faire confiance à ce signataire");
  });

  it("warns of a key accepted for another school and of a new certificate for a known name", () => {
    const acceptedAt = new Date("2026-11-20T10:00:00Z");
    expect(render([{ kind: "other-school", signerName: "M. Principal", acceptedAt, originSchoolNames: ["Collège Louise Michel"], canTrust: true }]))
      .toMatch(/Attention : ce certificat \(M. Principal\) a été accepté le 20-11-2026 pour[\s\S]*le Collège Louise Michel, pas pour le Collège Jean Moulin/);
    expect(render([{ kind: "new-certificate", signerName: "M. Principal", acceptedAt, originSchoolName: "Collège Jean Moulin", canTrust: true }]))
      .toContain("Nouveau certificat pour ce nom");
  });
});

describe("the trust anchors of the Options page", () => {
  it("lists an anchor with issuer, validity, fingerprint, who and when, and asks before removing it", () => {
    const html = renderToStaticMarkup(createElement(TrustAnchorsPanel, {
      importAction: noAction, removeAction: noAction,
      anchors: [{
        id: "0b8f6a52-8d9e-4c1f-9a7b-2f6e1d3c4b5a", subject: "CN=Autorité Test", issuer: "CN=Racine Test", validFrom: "01-09-2026",
        validTo: "31-08-2029", fingerprint: "AB:CD", addedBy: "Mme Proviseure", addedAt: "01-12-2026",
      }],
    }));
    expect(html).toContain("CN=Autorité Test");
    expect(html).toContain("du 01-09-2026 au 31-08-2029");
    expect(html).toContain("AB:CD");
    expect(html).toContain("le 01-12-2026 par Mme Proviseure");
    expect(html).toContain("Oui, retirer ce certificat");
  });
});
