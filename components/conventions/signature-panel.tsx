import type { PdfAnalysis, SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { formatDateTimeFr } from "@/lib/core/format-date";
import { describeDepositStatus, type DepositStatusInput } from "@/lib/core/deposits/deposit-status";
import { DepositStatusBox } from "@/components/deposit/deposit-status-box";
import type { ActionState } from "@/lib/server/actions/create-action";
import type { KnownSignerStatus } from "@/lib/core/trust/judge-known-signer";
import { SignatureChecksList } from "./signature-checks-list";
import { KnownSignerNotice } from "./known-signer-notice";
import { TrustSignerForm } from "./trust-signer-form";

/** The host admin's view of known signers: each signature's status (same order as the analysis) and the action that accepts one. */
export type SignerTrustView = {
  statuses: KnownSignerStatus[];
  originSchoolName: string;
  trustAction: (previous: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Our three signature fields, in the order the convention prints them. */
const expectedFields = ["Signature_Accueil", "Signature_Origine", "Signature_Responsable"] as const;

const fieldLabels: Record<string, string> = {
  Signature_Accueil: "Établissement d'accueil",
  Signature_Origine: "Établissement d'origine",
  Signature_Responsable: "Responsable légal",
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

/** Where a signature sits: one of our three fields, or somewhere the convention did not provide. */
function fieldLabelOf(field: string): string {
  return fieldLabels[field] ?? "signature ajoutée hors des champs prévus";
}

/** The three signatures the convention expects, each present (by whom, when) or missing. */
function ExpectedSignatures({ signatures }: { signatures: SignatureAnalysis[] }) {
  return (
    <ul aria-label="Signatures attendues" className="space-y-1 text-sm">
      {expectedFields.map((field) => {
        const signature = signatures.find((candidate) => candidate.field === field && !candidate.isTimestamp);
        return (
          <li key={field} className="flex items-start gap-2">
            <span aria-hidden="true" className={signature ? "text-green-700" : "text-slate-500"}>{signature ? "✓" : "○"}</span>
            <span>
              <span className="font-medium text-slate-900">{fieldLabels[field]}</span>
              {signature ? (
                <span className="text-slate-700"> : signée par {signature.signer?.commonName || "signataire inconnu"}
                  {signature.signingTime ? ` le ${formatDateTimeFr(signature.signingTime)}` : ""}</span>
              ) : <span className="text-slate-600"> : signature électronique absente</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Acrobat-like signature panel of the current deposit, in French. */
export function SignaturePanel({ analysis, conventionId, depositCount = 0, signerTrust }: {
  analysis: unknown; conventionId: string; depositCount?: number; signerTrust?: SignerTrustView;
}) {
  if (!isAnalysis(analysis)) {
    if (depositCount > 0) {
      return (
        <p className="text-sm text-slate-600">
          Le document actuel est la convention d&apos;origine, non signée : {depositCount === 1 ? "le fichier déposé reste" : `les ${depositCount} fichiers déposés restent`} dans l&apos;historique, téléchargeable{depositCount === 1 ? "" : "s"}.
        </p>
      );
    }
    return <p className="text-sm text-slate-600">Aucun document déposé : le document actuel est la convention d&apos;origine, non signée.</p>;
  }
  const status = describeDepositStatus(analysis as DepositStatusInput, conventionId);
  const documentChanged = analysis.verdict === "altered" || analysis.verdict === "signed-then-modified" || status.tone === "danger";
  return (
    <div className="space-y-3">
      <DepositStatusBox status={status} />
      <ExpectedSignatures signatures={analysis.signatures} />
      {analysis.signatures.length === 0 ? null : (
        <ul className="space-y-2">
          {analysis.signatures.map((signature, index) => {
            const name = signature.signer?.commonName || "Signataire inconnu";
            const isIntact = signature.integrity === "valid";
            return (
              <li key={`${signature.field}-${index}`} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-semibold text-slate-900">
                  {signature.isTimestamp ? "Horodatage" : `Signé par ${name}`}
                  <span className="font-normal text-slate-600"> — {fieldLabelOf(signature.field)}</span>
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
                  {signature.signer?.organization ? (<><dt>Organisation</dt><dd>{signature.signer.organization}</dd></>) : null}
                  {signature.signer?.email ? (<><dt>Courriel</dt><dd>{signature.signer.email}</dd></>) : null}
                  <dt>Date</dt>
                  <dd>{signature.signingTime ? formatDateTimeFr(signature.signingTime) : "non indiquée"}</dd>
                  <dt>Intégrité</dt>
                  <dd className={!isIntact ? "font-medium text-red-800" : documentChanged ? "text-amber-800" : "text-green-800"}>
                    {!isIntact ? "Non intacte : le contenu signé a été altéré"
                      : documentChanged ? "La signature elle-même est intacte, mais voyez l'état du document ci-dessus"
                        : "Intacte : le contenu signé n'a pas été altéré"}
                  </dd>
                  <dt>Modifications</dt>
                  <dd className={signature.modificationsAfter === "none" || signature.modificationsAfter === "signatures" ? "" : "text-amber-800"}>
                    {modificationLabels[signature.modificationsAfter]}
                  </dd>
                  <dt>Identité</dt>
                  <dd>
                    {signature.trust === "trusted" ? "Identité vérifiée (certificat reconnu)" : signature.trust === "pinned"
                      ? "Signataire connu (certificat accepté par le lycée)" : signature.trust === "self-signed"
                      ? "Identité non vérifiée (certificat auto-signé)" : "Identité non vérifiée"}
                  </dd>
                </dl>
                {signerTrust?.statuses[index] ? (
                  <KnownSignerNotice status={signerTrust.statuses[index]} originSchoolName={signerTrust.originSchoolName}>
                    <TrustSignerForm action={signerTrust.trustAction} conventionId={conventionId} field={signature.field}
                      signerKeySha256={signature.signerKeySha256 ?? ""} originSchoolName={signerTrust.originSchoolName} />
                  </KnownSignerNotice>
                ) : null}
                <SignatureChecksList checks={signature.checks} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
