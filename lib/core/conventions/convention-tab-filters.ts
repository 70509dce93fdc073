import { addDays } from "./convention-urgency";
import { isVerificationStatus, verificationStatuses, type VerificationStatus } from "./convention-verification";

/** A tab's own filters: the « Vérification » of the current deposit, sessions between two dates (« sessions dans les N jours »). */
export type ConventionTabFilters = {
  verification?: VerificationStatus;
  sessionsBetween?: { from: string; to: string };
};

/** The URL parameters of the filters and their accepted values (for parseTableQuery). */
export const conventionTabFilterParams = {
  verification: verificationStatuses,
  urgence: ["1"],
} as const satisfies Record<string, readonly string[]>;

/** The filters of a parsed table query; « urgence=1 » means the sessions from today to `urgencyDays` days ahead. */
export function conventionTabFiltersOf(
  params: Record<string, string> | undefined,
  { today, urgencyDays }: { today: string; urgencyDays: number },
): ConventionTabFilters {
  const filters: ConventionTabFilters = {};
  if (isVerificationStatus(params?.verification)) filters.verification = params.verification;
  if (params?.urgence === "1") filters.sessionsBetween = { from: today, to: addDays(today, urgencyDays) };
  return filters;
}

export function hasTabFilters(filters: ConventionTabFilters | undefined): boolean {
  return Boolean(filters?.verification || filters?.sessionsBetween);
}
