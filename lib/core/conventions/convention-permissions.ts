import type { Actor } from "@/lib/core/auth/actor";
import type { Depositor } from "@/lib/core/auth/depositor";
import type { ConventionEvent } from "@/lib/core/conventions/convention-state-machine";

/** The schools a convention binds, and its id (a deposit link names one convention). */
export type ConventionParties = { id: string; hostSchoolId: string; originSchoolId: string };

/** Validates, invalidates and regenerates: the host admin of the convention's host school, no one else. */
export function canManageConvention(actor: Actor, convention: Pick<ConventionParties, "hostSchoolId">): boolean {
  return actor.role === "host_admin" && actor.schoolId === convention.hostSchoolId;
}

/** The tabs list only the actor's school's conventions: a host admin manages every one of them. */
export function canManageTabConventions(actor: Actor): boolean {
  return canManageConvention(actor, { hostSchoolId: actor.schoolId });
}

/**
 * Who may apply an event to a convention: its host admin any event; a deposit also the origin
 * school's staff, or the holder of a deposit link made for this very convention.
 */
export function mayApplyConventionEvent(by: Depositor, event: ConventionEvent, convention: ConventionParties): boolean {
  if (by.kind === "link") return event === "deposit" && by.conventionId === convention.id;
  const { actor } = by;
  if (canManageConvention(actor, convention)) return true;
  return event === "deposit" && actor.role === "origin_staff" && actor.schoolId === convention.originSchoolId;
}
