"use client";

import { ConventionPicker } from "./convention-picker";
import type { DepositResult } from "./deposit-answer";
import { DepositStatusBox } from "./deposit-status-box";
import { TECHNICAL_DETAIL_SEPARATOR } from "@/lib/core/deposits/deposit-status";

export type DepositItemState = {
  key: string;
  file: File;
  phase: "uploading" | "answered" | "failed";
  progress: number;
  result?: DepositResult;
  failure?: string;
};

const tones = {
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-slate-300 bg-slate-50 text-slate-800",
  question: "border-amber-300 bg-amber-50 text-amber-900",
  error: "border-red-300 bg-red-50 text-red-900",
} as const;

function toneOf(item: DepositItemState): keyof typeof tones {
  if (item.phase === "failed") return "error";
  if (item.phase === "uploading") return "info";
  switch (item.result?.outcome) {
    case "deposited": {
      const tone = item.result.analysis.status?.tone;
      return tone === "danger" ? "error" : tone === "warning" ? "question" : "success";
    }
    case "needs-mismatch-confirmation": return "error";
    case "already-deposited": return "info";
    default: return "question";
  }
}

function ProgressBar({ fraction, fileName }: { fraction: number; fileName: string }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="mt-1">
      <div
        role="progressbar"
        aria-label={`Envoi de ${fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-0.5 text-xs text-slate-600">{percent < 100 ? `Envoi… ${percent} %` : "Analyse du PDF…"}</p>
    </div>
  );
}

/** The comparison with the original, told before the depositor confirms: what differs, or why it could not be compared. */
function VisualComparisonWarning({ comparison }: { comparison: DepositResult["analysis"]["visualComparison"] }) {
  if (!comparison || (comparison.status !== "changed" && comparison.status !== "impossible")) return null;
  const pages = comparison.changedPages;
  return (
    <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-2 py-1 text-red-900">
      {comparison.status === "changed"
        ? `Attention : ce document diffère de la convention d'origine${pages.length > 0 ? ` (page${pages.length > 1 ? "s" : ""} ${pages.join(", ")})` : ""}. Vérifiez que c'est le bon fichier avant de le confirmer ; l'établissement d'accueil verra ces différences.`
        : comparison.reason ?? "Comparaison impossible avec la convention d'origine."}
    </p>
  );
}

/** The refusal in plain French, its technical detail (when the server gave one) folded below. */
function FailureMessage({ failure }: { failure: string }) {
  const [message, detail] = failure.split(TECHNICAL_DETAIL_SEPARATOR);
  return (
    <div className="mt-1">
      <p>Refusé : {message}</p>
      {detail ? (
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer underline">Détail technique</summary>
          <p className="mt-1">{detail}</p>
        </details>
      ) : null}
    </div>
  );
}

/** One file of the deposit box: its progress, then what became of it and what the user can do next. */
export function DepositItem({ item, restrictedConventionId, token, onConfirm, onDismiss }: {
  item: DepositItemState;
  restrictedConventionId?: string | null;
  token?: string | null;
  onConfirm: (item: DepositItemState, conventionId: string, acknowledgedMismatch?: boolean) => void;
  onDismiss: (item: DepositItemState) => void;
}) {
  const result = item.result;
  const isFinal = item.phase === "failed" || result?.outcome === "deposited" || result?.outcome === "already-deposited";
  return (
    <li className={`rounded-md border px-3 py-2 text-sm ${tones[toneOf(item)]}`}>
      <div className="flex items-start justify-between gap-2">
        <p className="break-all font-medium">{item.file.name}</p>
        {isFinal && (
          <button type="button" onClick={() => onDismiss(item)} className="shrink-0 text-xs underline"
            aria-label={`Retirer ${item.file.name} de cette liste (le dépôt reste enregistré)`}
            title="Retire seulement la ligne de cette liste : ce qui a été déposé reste enregistré.">
            Retirer de la liste
          </button>
        )}
      </div>
      {item.phase === "uploading" && <ProgressBar fraction={item.progress} fileName={item.file.name} />}
      {item.phase === "failed" && <FailureMessage failure={item.failure ?? ""} />}
      {result && <p className="mt-1">{result.message}</p>}
      {result && result.outcome !== "needs-mismatch-confirmation" && result.analysis.status
        ? <DepositStatusBox status={result.analysis.status} showTitle={!result.message.includes(result.analysis.status.title)} /> : null}
      {result && !result.analysis.status?.title.includes("diffère de la convention d'origine")
        ? <VisualComparisonWarning comparison={result.analysis.visualComparison} /> : null}

      {result?.outcome === "needs-mismatch-confirmation" && (
        <div className="mt-2 flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => onConfirm(item, result.candidate.id, true)}
            className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
          >
            Je confirme : déposer pour {result.candidate.studentName}
          </button>
          <button type="button" onClick={() => onDismiss(item)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800">
            Annuler ce dépôt
          </button>
        </div>
      )}

      {result?.outcome === "needs-confirmation" && (
        <div className="mt-2 space-y-2">
          <button
            type="button"
            onClick={() => onConfirm(item, result.candidate.id)}
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
          >
            Confirmer : {result.candidate.studentName}
          </button>
          {!restrictedConventionId && !token && (
            <details className="text-xs">
              <summary className="cursor-pointer underline">Ce n&apos;est pas ce stagiaire ? Choisir dans la liste</summary>
              <ConventionPicker onChoose={(option) => onConfirm(item, option.id)} />
            </details>
          )}
        </div>
      )}

      {result?.outcome === "needs-choice" && (
        restrictedConventionId ? (
          <button
            type="button"
            onClick={() => onConfirm(item, restrictedConventionId)}
            className="mt-2 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
          >
            Déposer pour cette convention
          </button>
        ) : (
          <ConventionPicker token={token} onChoose={(option) => onConfirm(item, option.id)} />
        )
      )}

      {result && (result.analysis.problems.length > 0 || result.analysis.signers.length > 0) && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer underline">Détails de l&apos;analyse</summary>
          <p className="mt-1 whitespace-pre-line">{result.analysis.signatureSummary}</p>
        </details>
      )}
    </li>
  );
}
