import { and, between, eq, like, type SQL } from "drizzle-orm";
import { conventions } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { searchLikePattern } from "@/lib/core/text/normalize-search-text";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import { verificationIs } from "./convention-verification";

/** Host admins see their host school's conventions; origin staff see their own pupils' ones. */
export function conventionScope(actor: Actor): SQL {
  return actor.role === "host_admin" ? eq(conventions.hostSchoolId, actor.schoolId) : eq(conventions.originSchoolId, actor.schoolId);
}

/** Folded, LIKE-escaped pattern for `search_text`, or null when the search is empty. */
export function searchPatternOf(q: string): string | null {
  return searchLikePattern(q);
}

/** The rows of one tab of this actor, narrowed by the search. */
export function conventionTabWhere(actor: Actor, state: ConventionState, q: string, filters?: ConventionTabFilters): SQL {
  const pattern = searchPatternOf(q);
  const where = and(
    conventionScope(actor),
    eq(conventions.state, state),
    pattern ? like(conventions.searchText, pattern) : undefined,
    filters?.verification ? verificationIs(filters.verification) : undefined,
    filters?.sessionsBetween ? between(conventions.internshipDate, filters.sessionsBetween.from, filters.sessionsBetween.to) : undefined,
  );
  return where!;
}
