/**
 * The one guarded transition of a convention, shared by validate / invalidate / regenerate and the
 * deposit use-case. Call it inside a transaction:
 *
 *   await db.transaction((tx) => applyConventionTransition(tx, {
 *     conventionId, event: "validate", by: { kind: "user", actor },
 *     expectedVersion,                       // the version the user saw (forms send it), optional
 *     reason, note,                          // invalidate: reason required
 *     depositId,                             // deposit: the new deposit row, becomes current_deposit_id
 *     mails: async ({ tx, convention }) => [...QueuedMail],   // written with queueMail in the same tx
 *   }));
 *
 * Steps: load the convention scoped to who acts (another school → CONVENTION_NOT_FOUND) → version
 * check (CONCURRENT_CHANGE) → planTransition (French refusal) → guarded UPDATE … WHERE id AND state
 * AND version, bumping version (zero rows → CONCURRENT_CHANGE) → convention_events row → outbox rows.
 * Who may act: host admins of the host school for every event; for `deposit` also origin staff of
 * the origin school and the holder of a deposit link for that convention.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { conventionEvents, conventions, schools } from "@/db/schema";
import { planTransition, type ConventionEvent, type ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { mayApplyConventionEvent } from "@/lib/core/conventions/convention-permissions";
import { AppError } from "@/lib/core/errors";
import type { Depositor } from "@/lib/core/auth/depositor";
import { queueMail } from "@/lib/server/mail/queue-mail";
import type { QueuedMail } from "@/lib/server/mail/mail-types";

/** A transition is made by a signed-in user, or by the holder of a deposit link (deposit only). */
export type TransitionBy = Depositor;

export type TransitionConvention = {
  id: string;
  state: ConventionState;
  version: number;
  hostSchoolId: string;
  hostSchoolName: string;
  originSchoolId: string;
  originSchoolName: string;
  studentLastName: string;
  studentFirstName: string;
  internshipDate: string;
  currentDepositId: string | null;
};

export type TransitionResult = {
  conventionId: string;
  from: ConventionState;
  to: ConventionState;
  version: number;
  convention: TransitionConvention;
};

export type ApplyConventionTransitionInput = {
  conventionId: string;
  event: ConventionEvent;
  by: TransitionBy;
  expectedState?: ConventionState;
  expectedVersion?: number;
  reason?: string | null;
  note?: string | null;
  depositId?: string | null;
  now?: Date;
  mails?: (context: { tx: Tx; convention: TransitionConvention; from: ConventionState; to: ConventionState }) => Promise<QueuedMail[]> | QueuedMail[];
};

export function labelOf(by: TransitionBy): string {
  if (by.kind === "link") return "Lien de dépôt (établissement d'origine)";
  return `${by.actor.name} (${by.actor.schoolName})`;
}

/** Reads the convention for a transition; null when it does not exist. */
export async function loadTransitionConvention(tx: Tx, conventionId: string): Promise<TransitionConvention | null> {
  const [row] = await tx
    .select({
      id: conventions.id,
      state: conventions.state,
      version: conventions.version,
      hostSchoolId: conventions.hostSchoolId,
      hostSchoolName: schools.name,
      originSchoolId: conventions.originSchoolId,
      originSchoolName: conventions.originSchoolName,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      internshipDate: conventions.internshipDate,
      currentDepositId: conventions.currentDepositId,
    })
    .from(conventions)
    .innerJoin(schools, eq(schools.id, conventions.hostSchoolId))
    .where(eq(conventions.id, conventionId))
    .limit(1);
  return row ?? null;
}

export async function applyConventionTransition(tx: Tx, input: ApplyConventionTransitionInput): Promise<TransitionResult> {
  const now = input.now ?? new Date();
  const convention = await loadTransitionConvention(tx, input.conventionId);
  // Someone who may not act on it learns nothing, not even that it exists.
  if (!convention || !mayApplyConventionEvent(input.by, input.event, convention)) throw new AppError("CONVENTION_NOT_FOUND");

  if (input.expectedVersion !== undefined && input.expectedVersion !== convention.version) throw new AppError("CONCURRENT_CHANGE");
  if (input.expectedState !== undefined && input.expectedState !== convention.state) throw new AppError("CONCURRENT_CHANGE");

  const effect = planTransition(convention.state, input.event);
  const reason = input.reason?.trim() || null;
  const note = input.note?.trim() || null;
  if (input.event === "invalidate" && !reason) throw new AppError("INVALID_INPUT", "Indiquez le motif de l'invalidation.");
  if (input.event === "deposit" && !input.depositId) throw new AppError("INVALID_INPUT", "Aucun fichier déposé.");
  const actorUserId = input.by.kind === "user" ? input.by.actor.userId : null;

  const updated = await tx
    .update(conventions)
    .set({
      state: effect.to,
      version: sql`${conventions.version} + 1`,
      updatedAt: now,
      ...(effect.clearsInvalidationFlag ? { invalidatedAt: null, invalidationReason: null, invalidationNote: null } : {}),
      ...(effect.setsInvalidationFlag ? { invalidatedAt: now, invalidationReason: reason, invalidationNote: note } : {}),
      ...(effect.restoresOriginal ? { currentDepositId: null } : {}),
      ...(effect.marksValidated ? { validatedAt: now, validatedByUserId: actorUserId } : {}),
      ...(effect.clearsValidation ? { validatedAt: null, validatedByUserId: null } : {}),
      ...(input.event === "deposit" ? { currentDepositId: input.depositId } : {}),
    })
    .where(and(eq(conventions.id, convention.id), eq(conventions.state, convention.state), eq(conventions.version, convention.version)))
    .returning({ version: conventions.version });
  if (updated.length === 0) throw new AppError("CONCURRENT_CHANGE");

  await tx.insert(conventionEvents).values({
    conventionId: convention.id,
    event: input.event,
    fromState: convention.state,
    toState: effect.to,
    actorUserId,
    actorLabel: labelOf(input.by),
    reason,
    note,
    depositId: input.event === "deposit" ? input.depositId : null,
    createdAt: now,
  });

  const after: TransitionConvention = {
    ...convention,
    state: effect.to,
    version: updated[0].version,
    currentDepositId: effect.restoresOriginal ? null : input.event === "deposit" ? (input.depositId ?? null) : convention.currentDepositId,
  };
  if (input.mails) await queueMail(tx, await input.mails({ tx, convention: after, from: convention.state, to: effect.to }));
  return { conventionId: convention.id, from: convention.state, to: effect.to, version: after.version, convention: after };
}
