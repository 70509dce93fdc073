/** Raised for any file the analysis refuses to go on with; the message is shown to the user (French). */
export class PdfUnreadableError extends Error {
  constructor(frenchReason: string) {
    super(frenchReason);
    this.name = "PdfUnreadableError";
  }
}

export interface AnalysisLimits {
  maxBytes: number;
  timeLimitMs: number;
  maxInflatedBytesPerStream: number;
  maxInflatedBytesTotal: number;
  maxInflateRatio: number;
  maxNestingDepth: number;
  maxObjects: number;
  maxRevisions: number;
  /** Content-stream operators interpreted, over every page and form. */
  maxContentOperators: number;
  /** Form XObject invocations, over every page (nested ones included). */
  maxFormInvocations: number;
  /** Wall time the QR code search may take: it only yields a suggestion, never a verdict. */
  qrScanTimeMs: number;
  maxQrImagePixels: number;
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeLimitMs: 2_500,
  maxInflatedBytesPerStream: 32 * 1024 * 1024,
  maxInflatedBytesTotal: 96 * 1024 * 1024,
  maxInflateRatio: 1000,
  maxNestingDepth: 64,
  maxObjects: 500_000,
  maxRevisions: 200,
  maxContentOperators: 2_000_000,
  maxFormInvocations: 20_000,
  // Generous: a busy server is slow to decode a page image, and a missed QR code costs the user a manual choice.
  qrScanTimeMs: 3000,
  maxQrImagePixels: 12_000_000,
};

/** Tracks the resources one analysis may spend: wall time and inflated bytes. */
export class AnalysisBudget {
  readonly limits: AnalysisLimits;
  private readonly deadline: number;
  private inflatedTotal = 0;

  constructor(limits: AnalysisLimits) {
    this.limits = limits;
    this.deadline = Date.now() + limits.timeLimitMs;
  }

  isExpired(): boolean {
    return Date.now() > this.deadline;
  }

  checkTime(): void {
    if (this.isExpired()) {
      throw new PdfUnreadableError("L'analyse du fichier a pris trop de temps ; le fichier est peut-être endommagé.");
    }
  }

  chargeInflated(encodedLength: number, decodedLength: number): void {
    this.inflatedTotal += decodedLength;
    if (this.inflatedTotal > this.limits.maxInflatedBytesTotal) {
      throw new PdfUnreadableError("Le fichier contient trop de données compressées pour être analysé.");
    }
    if (decodedLength > 1024 * 1024 && decodedLength > Math.max(1, encodedLength) * this.limits.maxInflateRatio) {
      throw new PdfUnreadableError("Le fichier contient des données compressées anormales (taux de compression excessif).");
    }
  }

  remainingInflateAllowance(): number {
    return Math.max(0, Math.min(this.limits.maxInflatedBytesPerStream, this.limits.maxInflatedBytesTotal - this.inflatedTotal));
  }
}
