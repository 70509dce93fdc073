import Link from "next/link";
import type { TabCounts } from "@/db/queries/convention-tab-counts";
import { conventionTabs } from "@/lib/core/conventions/convention-links";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";

const numberFr = new Intl.NumberFormat("fr-FR");

export function ConventionTabsNav({ current, counts }: { current: ConventionState; counts: TabCounts }) {
  return (
    <nav aria-label="Onglets des conventions" className="border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {conventionTabs.map((tab) => {
          const isCurrent = tab.state === current;
          const count = counts[tab.state];
          return (
            <li key={tab.state}>
              <Link href={tab.href} aria-current={isCurrent ? "page" : undefined}
                className={`-mb-px inline-flex items-center gap-2 rounded-t-md border px-4 py-2 text-sm font-medium ${
                  isCurrent ? "border-slate-200 border-b-white bg-white text-brand-800" : "border-transparent text-slate-600 hover:text-brand-700"}`}>
                {tab.label}
                <span className={`rounded-full px-2 py-0.5 text-xs ${isCurrent ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-700"}`}
                  title={count.isEstimated ? "Nombre estimé" : undefined}>
                  {count.isEstimated ? "≈ " : ""}{numberFr.format(count.total)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
