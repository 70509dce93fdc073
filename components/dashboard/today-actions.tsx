import Link from "next/link";

export type TodayAction = { label: string; count: number; isEstimated?: boolean; href: string; tone: "urgent" | "normal" };

const numberFr = new Intl.NumberFormat("fr-FR");

/** The dashboard's first block: what needs action today, each with the way to it. */
export function TodayActions({ actions }: { actions: TodayAction[] }) {
  const pending = actions.filter((action) => action.count > 0);
  return (
    <section aria-labelledby="a-faire" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="a-faire" className="mb-2 text-lg font-semibold text-slate-900">À faire aujourd&apos;hui</h2>
      {pending.length === 0 ? <p className="text-sm text-slate-600">Rien d&apos;urgent : tout est à jour.</p> : (
        <ul className="grid gap-3 sm:grid-cols-3">
          {pending.map((action) => (
            <li key={action.label}>
              <Link href={action.href}
                className={`block rounded-lg border p-3 hover:border-brand-600 ${action.tone === "urgent" ? "border-red-300 bg-red-50" : "border-amber-300 bg-amber-50"}`}>
                <span className={`block text-2xl font-bold ${action.tone === "urgent" ? "text-red-800" : "text-amber-900"}`}>
                  {action.isEstimated ? "≈ " : ""}{numberFr.format(action.count)}
                </span>
                <span className="text-sm text-slate-800">{action.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
