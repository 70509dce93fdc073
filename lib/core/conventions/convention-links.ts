import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";

/** The three tabs of the conventions, one per state, in the order the portal shows them. */
export const conventionTabs: Array<{ state: ConventionState; href: string; label: string }> = [
  { state: "not_returned", href: "/conventions/non-retournees", label: "Non retournées" },
  { state: "pending_validation", href: "/conventions/en-attente", label: "En attente de validation" },
  { state: "validated", href: "/conventions/validees", label: "Validées" },
];

export function tabHrefOf(state: ConventionState): string {
  return conventionTabs.find((tab) => tab.state === state)!.href;
}

/** The Conv. rule's address for one convention; `params` picks the file (version=…, depot=…, apercu=1). */
export function conventionPdfHref(id: string, params: string): string {
  return `/api/conventions/${id}/pdf?${params}`;
}
