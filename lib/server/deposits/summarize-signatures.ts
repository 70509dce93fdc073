import type { PdfAnalysis, SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { formatDateTimeFr } from "@/lib/core/format-date";

function approvalSignatures(analysis: PdfAnalysis): SignatureAnalysis[] {
  return analysis.signatures.filter((signature) => !signature.isTimestamp);
}

/** "Marie Durand (Collège Jean Moulin)": who signed, as a secretary would name them. */
export function signerDisplayName(signature: SignatureAnalysis): string {
  const signer = signature.signer;
  const name = signer?.commonName || signer?.email || "signataire inconnu";
  return signer?.organization && !name.includes(signer.organization) ? `${name} (${signer.organization})` : name;
}

/** The identified signers, for "Reconnue automatiquement : …, signée par …". */
export function signerNames(analysis: PdfAnalysis): string[] {
  return approvalSignatures(analysis).filter((signature) => signature.signer).map(signerDisplayName);
}

const verdictSentences: Record<PdfAnalysis["verdict"], string> = {
  signed: "Signatures électroniques intactes.",
  "signed-then-modified": "Signé électroniquement, puis complété (champs de formulaire ou annotations ajoutés après la signature).",
  altered: "Attention : le document a été modifié après sa signature.",
  invalid: "Attention : une signature électronique est invalide.",
  unsigned: "Aucune signature électronique (document scanné ou non signé).",
  unreadable: "Document illisible.",
};

/** The signature summary of the "Demande de validation" mail and of the deposit answer. */
export function summarizeSignatures(analysis: PdfAnalysis): string {
  const lines = [verdictSentences[analysis.verdict]];
  for (const signature of approvalSignatures(analysis)) {
    const when = signature.signingTime ? ` le ${formatDateTimeFr(signature.signingTime)}` : "";
    const trust = signature.trust === "trusted" ? "certificat reconnu" : signature.trust === "pinned" ? "signataire connu"
      : signature.trust === "self-signed" ? "certificat auto-signé" : "certificat non reconnu";
    const integrity = signature.integrity === "valid" ? "" : ", signature invalide";
    lines.push(`— ${signerDisplayName(signature)}${when} (${trust}${integrity})`);
  }
  for (const problem of analysis.problems) lines.push(`• ${problem}`);
  return lines.join("\n");
}
