import { X509Certificate as NodeCertificate } from "node:crypto";
import { AnalysisBudget, DEFAULT_ANALYSIS_LIMITS } from "@/lib/core/pdf-analysis/analysis-budget";
import { parseCmsSignature } from "@/lib/core/pdf-analysis/cms-signature";
import { PdfDocument } from "@/lib/core/pdf-analysis/pdf-document";
import { findSignatureFields } from "@/lib/core/pdf-analysis/signature-fields";
import { spkiSha256 } from "@/lib/core/pdf-analysis/signature-checks";

/**
 * The certificate (DER) whose public key has the given SPKI SHA-256, among those a signature field of
 * the PDF carries: what a school stores when it accepts a signer the analysis already identified.
 * Null when no signature of the file holds that key (or the file cannot be read within the budget).
 */
export function findSignerCertificate(pdf: Uint8Array, fieldName: string, keySha256: string): Uint8Array | null {
  const wanted = keySha256.toLowerCase();
  try {
    const doc = new PdfDocument(pdf, new AnalysisBudget(DEFAULT_ANALYSIS_LIMITS));
    for (const field of findSignatureFields(doc, doc.latest)) {
      if (field.fieldName !== fieldName || !field.contents) continue;
      const parsed = parseCmsSignature(field.contents.bytes, field.subFilter);
      if (!parsed.ok) continue;
      for (const der of parsed.cms.certificatesDer) {
        try {
          if (spkiSha256(new NodeCertificate(Buffer.from(der))) === wanted) return new Uint8Array(der);
        } catch {
          // A certificate Node cannot read is not the signer's.
        }
      }
    }
  } catch {
    return null;
  }
  return null;
}
