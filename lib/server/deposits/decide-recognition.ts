import type { PdfAnalysis, Recognition } from "@/lib/core/pdf-analysis/analysis-types";
import { allowsAutomaticRecognition } from "@/lib/server/visual-comparison/describe-visual-comparison";
import type { VisualComparison } from "@/lib/server/visual-comparison/visual-comparison-types";

export type RecognitionDecision =
  /** Deposit now, for this convention, recorded with this recognition. */
  | { kind: "deposit"; conventionId: string; recognition: Recognition; idFromFile: boolean }
  /** The file points to this convention, but not cryptographically: the user must confirm. */
  | { kind: "confirm"; conventionId: string }
  /** Nothing identifies the convention: the user must choose the pupil. */
  | { kind: "choose" }
  | { kind: "refuse"; reason: "signed-for-another-convention" | "link-for-another-convention" };

/**
 * Automatic only for an intact signed file whose id comes from the stored original's bytes or from
 * the signed revision (DESIGN.md §4); the engine's own `recognition` is not trusted blindly.
 */
export function isAutomaticallyRecognised(analysis: PdfAnalysis): boolean {
  return analysis.verdict === "signed"
    && analysis.recognition === "automatic"
    && analysis.conventionId !== null
    && (analysis.idSource === "original-hash" || analysis.idSource === "signed-revision");
}

/**
 * Which convention a deposit goes to. `requestedConventionId` is the user's explicit choice or
 * confirmation; `linkConventionId` the only convention a deposit link allows. Once the file was
 * compared with the original (`visualComparison`), `automatic` also needs it identical outside the
 * signed fields and the original's bytes extended; otherwise the user confirms.
 */
export function decideRecognition({ analysis, requestedConventionId, linkConventionId, visualComparison }: {
  analysis: PdfAnalysis;
  requestedConventionId: string | null;
  linkConventionId: string | null;
  visualComparison?: VisualComparison | null;
}): RecognitionDecision {
  const signedFor = isAutomaticallyRecognised(analysis);
  const automatic = signedFor && (!visualComparison || allowsAutomaticRecognition(visualComparison, analysis.idSource));
  const foundId = analysis.conventionId;

  if (linkConventionId) {
    // A link holder has no account: any id read from the file must be the link's own convention.
    if (foundId && foundId !== linkConventionId) return { kind: "refuse", reason: "link-for-another-convention" };
    if (requestedConventionId && requestedConventionId !== linkConventionId) {
      return { kind: "refuse", reason: "link-for-another-convention" };
    }
    if (automatic) return { kind: "deposit", conventionId: linkConventionId, recognition: "automatic", idFromFile: true };
    if (requestedConventionId) {
      return { kind: "deposit", conventionId: linkConventionId, recognition: foundId ? "suggested" : "manual", idFromFile: false };
    }
    return { kind: "confirm", conventionId: linkConventionId };
  }

  if (requestedConventionId) {
    // A signature proves which convention this is; a scan's QR code or text is only a hint the user may overrule.
    if (signedFor && foundId !== requestedConventionId) return { kind: "refuse", reason: "signed-for-another-convention" };
    if (automatic) return { kind: "deposit", conventionId: requestedConventionId, recognition: "automatic", idFromFile: true };
    const recognition: Recognition = foundId === requestedConventionId ? "suggested" : "manual";
    return { kind: "deposit", conventionId: requestedConventionId, recognition, idFromFile: false };
  }

  if (automatic && foundId) return { kind: "deposit", conventionId: foundId, recognition: "automatic", idFromFile: true };
  if (foundId) return { kind: "confirm", conventionId: foundId };
  return { kind: "choose" };
}
