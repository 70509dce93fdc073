"use client";

import { useState } from "react";
import type { PageComparison, PageRegion, VisualComparison } from "@/lib/server/visual-comparison/visual-comparison-types";

const statusLines: Record<VisualComparison["status"], { text: string; tone: string }> = {
  identical: {
    text: "Identique à la convention d'origine, en dehors des signatures apposées dans les cadres prévus.",
    tone: "border-green-200 bg-green-50 text-green-900",
  },
  changed: { text: "Le document déposé diffère de la convention d'origine.", tone: "border-red-200 bg-red-50 text-red-900" },
  scan: {
    text: "Document scanné : comparez-le à l'œil avec l'original, page par page (pas de comparaison automatique d'un scan).",
    tone: "border-slate-200 bg-slate-50 text-slate-800",
  },
  impossible: { text: "Comparaison impossible.", tone: "border-amber-200 bg-amber-50 text-amber-900" },
};

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function RegionBoxes({ regions, pageNumber }: { regions: PageRegion[]; pageNumber: number }) {
  return (
    <>
      {regions.map((region, index) => (
        <div key={index} data-change-region="" aria-hidden
          className="pointer-events-none absolute border-2 border-red-600 bg-red-500/10"
          style={{ left: percent(region.x), top: percent(region.y), width: percent(region.width), height: percent(region.height) }}
          title={`Zone modifiée, page ${pageNumber}`} />
      ))}
    </>
  );
}

function PageImage({ src, alt }: { src: string | null; alt: string }) {
  if (!src) return <div className="flex aspect-[210/297] items-center justify-center rounded border border-dashed border-slate-300 text-sm text-slate-500">{alt}</div>;
  // eslint-disable-next-line @next/next/no-img-element -- served by our own route, already at its display resolution
  return <img src={src} alt={alt} loading="lazy" className="block w-full rounded border border-slate-300 bg-white" />;
}

function pageLabel(page: PageComparison | undefined): { text: string; tone: string } {
  if (!page) return { text: "non comparée", tone: "bg-slate-100 text-slate-700" };
  if (page.status === "changed") return { text: page.note ?? `différences (${(page.changedShare * 100).toLocaleString("fr-FR", { maximumFractionDigits: 2 })} % des pixels)`, tone: "bg-red-100 text-red-800" };
  if (page.status === "scan") return { text: "scan", tone: "bg-slate-100 text-slate-700" };
  return { text: "identique", tone: "bg-green-100 text-green-800" };
}

/**
 * "Comparer avec l'original": each page of the original beside the deposit's, the changed regions
 * outlined in red on the deposit; or both superimposed, the deposit half transparent over the original.
 */
export function VisualComparisonView({ conventionId, depositId, comparison }: {
  conventionId: string; depositId: string; comparison: VisualComparison;
}) {
  const [isOverlay, setOverlay] = useState(false);
  const status = statusLines[comparison.status];
  const pageCount = Math.min(Math.max(comparison.originalPageCount, comparison.depositedPageCount), 20);
  const imageOf = (query: string, page: number) => `/api/conventions/${conventionId}/page?${query}&page=${page}`;
  const changedPages = comparison.pages.filter((page) => page.status === "changed").map((page) => page.index + 1);

  return (
    <section id="comparaison" aria-labelledby="comparaison-titre" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className={`mb-3 rounded-md border px-3 py-2 text-sm ${status.tone}`}>
        {comparison.status === "impossible" ? comparison.reason ?? status.text : status.text}
        {changedPages.length > 0 ? ` Pages concernées : ${changedPages.join(", ")}.` : ""}
        {comparison.originalPageCount !== comparison.depositedPageCount && comparison.status !== "impossible"
          ? ` Le dépôt a ${comparison.depositedPageCount} page(s), l'original ${comparison.originalPageCount}.` : ""}
      </p>
      {/* Closed until asked for: the page images are rendered on first view. */}
      <details>
        <summary id="comparaison-titre" className="cursor-pointer text-lg font-semibold text-slate-900">Comparer avec l&apos;original</summary>
        <div className="mt-3 space-y-3">
          {comparison.limitedTo20 ? <p className="text-sm text-slate-700">Comparaison limitée aux 20 premières pages.</p> : null}
          {pageCount > 0 ? (
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={isOverlay} onChange={(event) => setOverlay(event.target.checked)} />
              Superposer le dépôt à la convention d&apos;origine
            </label>
          ) : null}
          <ol className="space-y-6">
            {Array.from({ length: pageCount }, (_, index) => {
              const number = index + 1;
              const page = comparison.pages.find((entry) => entry.index === index);
              const label = pageLabel(page);
              const original = number <= comparison.originalPageCount ? imageOf("version=original", number) : null;
              const deposit = number <= comparison.depositedPageCount ? imageOf(`depot=${depositId}`, number) : null;
              const regions = page?.status === "changed" && deposit ? page.regions : [];
              return (
                <li key={number} aria-label={`Page ${number}`}>
                  <p className="mb-2 text-sm font-medium text-slate-900">
                    Page {number} <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${label.tone}`}>{label.text}</span>
                  </p>
                  {isOverlay ? (
                    <div className="relative mx-auto max-w-xl">
                      <PageImage src={original} alt={`Convention d'origine, page ${number}`} />
                      {deposit ? (
                        <div className="absolute inset-0 opacity-50">
                          <PageImage src={deposit} alt={`Document déposé superposé, page ${number}`} />
                        </div>
                      ) : null}
                      <RegionBoxes regions={regions} pageNumber={number} />
                    </div>
                  ) : (
                    <div className="grid grid-cols-2 gap-3">
                      <figure>
                        <figcaption className="mb-1 text-xs text-slate-600">Convention d&apos;origine</figcaption>
                        <PageImage src={original} alt={original ? `Convention d'origine, page ${number}` : "Pas de page à cet endroit dans l'original"} />
                      </figure>
                      <figure>
                        <figcaption className="mb-1 text-xs text-slate-600">Document déposé</figcaption>
                        <div className="relative">
                          <PageImage src={deposit} alt={deposit ? `Document déposé, page ${number}` : "Pas de page à cet endroit dans le dépôt"} />
                          <RegionBoxes regions={regions} pageNumber={number} />
                        </div>
                      </figure>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      </details>
    </section>
  );
}
