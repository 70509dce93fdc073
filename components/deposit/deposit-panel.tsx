import { DepositBox } from "./deposit-box";

/**
 * "Dépôt d'une convention remplie": the box of the conventions tabs' right-hand column. With
 * `conventionId` (a convention's own page) every file goes to that convention, and a file signed
 * for another one is refused; with a deposit-link `token`, only the link's convention is allowed.
 */
export function DepositPanel({ conventionId, token, maxBytes }: { conventionId?: string; token?: string; maxBytes: number }) {
  return (
    <section aria-labelledby="deposit-panel-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="deposit-panel-title" className="text-base font-semibold text-brand-800">Dépôt d&apos;une convention remplie</h2>
      <p className="mb-3 mt-1 text-xs text-slate-600">
        Une convention signée électroniquement est reconnue automatiquement ; pour un scan, confirmez ou choisissez le stagiaire.
      </p>
      <DepositBox conventionId={conventionId ?? null} token={token ?? null} maxBytes={maxBytes} />
    </section>
  );
}
