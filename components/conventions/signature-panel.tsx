import type { PdfAnalysis, SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { formatDateTimeFr } from "@/lib/core/format-date";

const fieldLabels: Record<string, string> = {
  Signature_Accueil: "Établissement d'accueil",
  Signature_Origine: "Établissement d'origine",
  Signature_Responsable: "Responsable légal",
};

const verdictLabels: Record<PdfAnalysis["verdict"], { text: string; tone: string }> = {
  signed: { text: "Signé, aucune modification depuis la signature", tone: "border-green-200 bg-green-50 text-green-900" },
  "signed-then-modified": { text: "Signé, puis des champs ont été remplis ou des annotations ajoutées", tone: "border-amber-200 bg-amber-50 text-amber-900" },
  altered: { text: "Le document a été modifié après la signature", tone: "border-red-200 bg-red-50 text-red-900" },
  invalid: { text: "Au moins une signature n'est pas valide", tone: "border-red-200 bg-red-50 text-red-900" },
  unsigned: { text: "Aucune signature électronique (document scanné ou non signé)", tone: "border-slate-200 bg-slate-50 text-slate-800" },
  unreadable: { text: "Document illisible", tone: "border-red-200 bg-red-50 text-red-900" },
};

const modificationLabels: Record<SignatureAnalysis["modificationsAfter"], string> = {
  none: "Non modifié après signature",
  signatures: "Seulement d'autres signatures ajoutées après celle-ci",
  "form-filling": "Modifié après signature : champs de formulaire remplis ou annotations",
  other: "Modifié après signature",
};

function isAnalysis(value: unknown): value is PdfAnalysis {
  return typeof value === "object" && value !== null && "verdict" in value && Array.isArray((value as PdfAnalysis).signatures);
}

/** Acrobat-like signature panel of the current deposit, in French. */
export function SignaturePanel({ analysis }: { analysis: unknown }) {
  if (!isAnalysis(analysis)) {
    return <p className="text-sm text-slate-600">Aucun document déposé : le document actuel est la convention d&apos;origine, non signée.</p>;
  }
  const verdict = verdictLabels[analysis.verdict] ?? verdictLabels.unreadable;
  return (
    <div className="space-y-3">
      <p className={`rounded-md border px-3 py-2 text-sm font-medium ${verdict.tone}`}>{verdict.text}</p>
      {analysis.signatures.length === 0 ? null : (
        <ul className="space-y-2">
          {analysis.signatures.map((signature, index) => {
            const name = signature.signer?.commonName || "Signataire inconnu";
            const isIntact = signature.integrity === "valid";
            return (
              <li key={`${signature.field}-${index}`} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-semibold text-slate-900">
                  {signature.isTimestamp ? "Horodatage" : `Signé par ${name}`}
                  <span className="font-normal text-slate-600"> — {fieldLabels[signature.field] ?? signature.field}</span>
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
                  {signature.signer?.organization ? (<><dt>Organisation</dt><dd>{signature.signer.organization}</dd></>) : null}
                  {signature.signer?.email ? (<><dt>Courriel</dt><dd>{signature.signer.email}</dd></>) : null}
                  <dt>Date</dt>
                  <dd>{signature.signingTime ? formatDateTimeFr(signature.signingTime) : "non indiquée"}</dd>
                  <dt>Intégrité</dt>
                  <dd className={isIntact ? "text-green-800" : "font-medium text-red-800"}>
                    {isIntact ? "Intacte : le contenu signé n'a pas été altéré" : "Non intacte : le contenu signé a été altéré"}
                  </dd>
                  <dt>Modifications</dt>
                  <dd className={signature.modificationsAfter === "none" || signature.modificationsAfter === "signatures" ? "" : "text-amber-800"}>
                    {modificationLabels[signature.modificationsAfter]}
                  </dd>
                  <dt>Identité</dt>
                  <dd>
                    {signature.trust === "trusted" ? "Identité vérifiée (certificat reconnu)" : signature.trust === "self-signed"
                      ? "Identité non vérifiée (certificat auto-signé)" : "Identité non vérifiée"}
                  </dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {analysis.problems.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-amber-900">
          {analysis.problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
