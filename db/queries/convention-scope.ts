import { and, between, eq, type SQL } from "drizzle-orm";
import { conventions } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import { verificationIs } from "./convention-verification";
import { matchesSearch } from "./search-match";

/** Host admins see their host school's conventions; origin staff see their own pupils' ones. */
export function conventionScope(actor: Actor): SQL {
  return actor.role === "host_admin" ? eq(conventions.hostSchoolId, actor.schoolId) : eq(conventions.originSchoolId, actor.schoolId);
}

/** The rows of one tab of this actor, narrowed by the search. */
export function conventionTabWhere(actor: Actor, state: ConventionState, q: string, filters?: ConventionTabFilters): SQL {
  const where = and(
    conventionScope(actor),
    eq(conventions.state, state),
    matchesSearch(conventions.searchText, q),
    filters?.verification ? verificationIs(filters.verification) : undefined,
    filters?.sessionsBetween ? between(conventions.internshipDate, filters.sessionsBetween.from, filters.sessionsBetween.to) : undefined,
  );
  return where!;
}
