import type { DepositStatus } from "@/lib/core/deposits/deposit-status";

const tones: Record<DepositStatus["tone"], string> = {
  ok: "border-green-300 bg-green-50 text-green-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-900",
  neutral: "border-slate-300 bg-slate-50 text-slate-800",
};

/** The status of a deposited file and the lines that explain it, as both the depositor and the host read it. */
export function DepositStatusBox({ status, heading, showTitle = true }: { status: DepositStatus; heading?: string; showTitle?: boolean }) {
  if (!showTitle && status.details.length === 0) return null;
  const isAlert = status.tone === "danger" || status.tone === "warning";
  return (
    <div role={isAlert ? "alert" : "status"} className={`mt-2 rounded-md border px-3 py-2 text-sm ${tones[status.tone]}`}>
      {heading ? <p className="text-xs font-semibold uppercase tracking-wide">{heading}</p> : null}
      {showTitle ? <p className="font-medium">{status.title}</p> : null}
      {status.details.length > 0 ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {status.details.map((line) => <li key={line}>{line}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
