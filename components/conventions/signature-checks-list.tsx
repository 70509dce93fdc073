import type { SignatureCheck } from "@/lib/core/pdf-analysis/analysis-types";

const checkLabels: Record<string, string> = {
  integrity: "Intégrité",
  chain: "Chaîne de confiance",
  timestamp: "Horodatage",
  validity: "Validité du certificat",
  "key-usage": "Usage de la clé",
  revocation: "Révocation",
};

const resultMarks: Record<SignatureCheck["result"], { mark: string; label: string; tone: string }> = {
  ok: { mark: "✓", label: "vérifié", tone: "text-green-700" },
  failed: { mark: "✗", label: "échec", tone: "text-red-700" },
  "not-checked": { mark: "–", label: "non vérifié", tone: "text-slate-500" },
};

/** The checks of one signature, as Acrobat lists them in « Propriétés de la signature », each with its result. */
export function SignatureChecksList({ checks }: { checks: SignatureCheck[] | undefined }) {
  if (!checks || checks.length === 0) return null;
  return (
    <details className="mt-2 rounded border border-slate-200 bg-slate-50 px-2 py-1">
      <summary className="cursor-pointer text-slate-800">Propriétés de la signature (contrôles au moment du dépôt)</summary>
      <ul aria-label="Contrôles de la signature" className="mt-1 space-y-1">
        {checks.map((check) => {
          const result = resultMarks[check.result] ?? resultMarks["not-checked"];
          return (
            <li key={check.name} className="flex items-start gap-2">
              <span aria-hidden="true" className={`w-4 shrink-0 font-bold ${result.tone}`}>{result.mark}</span>
              <span>
                <span className="font-medium text-slate-900">{checkLabels[check.name] ?? check.name}</span>
                <span className="sr-only"> ({result.label})</span>
                <span className="text-slate-700"> : {check.detail}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
