import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { decideRecognition } from "@/lib/server/deposits/decide-recognition";

const A = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const B = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

function analysis(overrides: Partial<PdfAnalysis>): PdfAnalysis {
  return {
    bytes: 100, sha256: "0".repeat(64), verdict: "signed", conventionId: A, idSource: "original-hash", recognition: "automatic",
    signatures: [], problems: [], ...overrides,
  };
}

const decide = (a: PdfAnalysis, requested: string | null = null, link: string | null = null) =>
  decideRecognition({ analysis: a, requestedConventionId: requested, linkConventionId: link });

describe("decideRecognition", () => {
  it("deposits at once only an intact signed file identified by the original's hash or the signed revision", () => {
    expect(decide(analysis({}))).toEqual({ kind: "deposit", conventionId: A, recognition: "automatic", idFromFile: true });
    expect(decide(analysis({ idSource: "signed-revision" }))).toMatchObject({ kind: "deposit", recognition: "automatic" });
  });

  it.each([
    ["signed, id from a QR code", { idSource: "qr-code" as const, recognition: "suggested" as const }],
    ["signed, id from page text", { idSource: "text" as const, recognition: "suggested" as const }],
    ["altered after signing", { verdict: "altered" as const, recognition: "suggested" as const }],
    ["signed then modified", { verdict: "signed-then-modified" as const, recognition: "suggested" as const }],
    ["invalid signature", { verdict: "invalid" as const, recognition: "suggested" as const }],
    ["the engine says automatic for an unsigned file", { verdict: "unsigned" as const }],
  ])("asks for confirmation when %s", (_label, overrides) => {
    expect(decide(analysis(overrides))).toEqual({ kind: "confirm", conventionId: A });
  });

  it("asks to choose when no id was found", () => {
    expect(decide(analysis({ verdict: "unsigned", conventionId: null, idSource: null, recognition: "manual" }))).toEqual({ kind: "choose" });
  });

  it("records a confirmed suggestion as suggested, and a pupil picked against the hint as manual", () => {
    const scan = analysis({ verdict: "unsigned", idSource: "qr-code", recognition: "suggested" });
    expect(decide(scan, A)).toEqual({ kind: "deposit", conventionId: A, recognition: "suggested", idFromFile: false });
    expect(decide(scan, B)).toEqual({ kind: "deposit", conventionId: B, recognition: "manual", idFromFile: false });
  });

  it("refuses to put a file signed for one pupil on another", () => {
    expect(decide(analysis({}), B)).toEqual({ kind: "refuse", reason: "signed-for-another-convention" });
    expect(decide(analysis({}), A)).toMatchObject({ kind: "deposit", recognition: "automatic" });
  });

  it("keeps a deposit link to its own convention, whatever the file or the request says", () => {
    expect(decide(analysis({}), null, B)).toEqual({ kind: "refuse", reason: "link-for-another-convention" });
    expect(decide(analysis({ verdict: "unsigned", idSource: "qr-code", recognition: "suggested" }), null, B)).toMatchObject({ kind: "refuse" });
    const blank = analysis({ verdict: "unsigned", conventionId: null, idSource: null, recognition: "manual" });
    expect(decide(blank, A, B)).toMatchObject({ kind: "refuse" });
    expect(decide(blank, null, B)).toEqual({ kind: "confirm", conventionId: B });
    expect(decide(blank, B, B)).toEqual({ kind: "deposit", conventionId: B, recognition: "manual", idFromFile: false });
    expect(decide(analysis({}), null, A)).toMatchObject({ kind: "deposit", conventionId: A, recognition: "automatic" });
  });
});
