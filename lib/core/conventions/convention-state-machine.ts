import { AppError } from "@/lib/core/errors";

export const conventionStates = ["not_returned", "pending_validation", "validated"] as const;
export type ConventionState = (typeof conventionStates)[number];

export const conventionEvents = ["deposit", "validate", "invalidate", "regenerate"] as const;
export type ConventionEvent = (typeof conventionEvents)[number];

export type TransitionEffect = {
  to: ConventionState;
  /** The pending convention keeps its tab but carries the invalidation badge. */
  setsInvalidationFlag: boolean;
  clearsInvalidationFlag: boolean;
  /** The current document becomes the original bytes again. */
  restoresOriginal: boolean;
  marksValidated: boolean;
  clearsValidation: boolean;
};

const noEffects = {
  setsInvalidationFlag: false,
  clearsInvalidationFlag: false,
  restoresOriginal: false,
  marksValidated: false,
  clearsValidation: false,
};

const transitions: Record<ConventionState, Partial<Record<ConventionEvent, TransitionEffect>>> = {
  not_returned: {
    deposit: { ...noEffects, to: "pending_validation", clearsInvalidationFlag: true },
  },
  pending_validation: {
    deposit: { ...noEffects, to: "pending_validation", clearsInvalidationFlag: true },
    validate: { ...noEffects, to: "validated", clearsInvalidationFlag: true, marksValidated: true },
    invalidate: { ...noEffects, to: "pending_validation", setsInvalidationFlag: true },
    regenerate: { ...noEffects, to: "not_returned", clearsInvalidationFlag: true, restoresOriginal: true },
  },
  validated: {
    // The reason stays visible in « Non retournées » until the next deposit clears it.
    invalidate: { ...noEffects, to: "not_returned", setsInvalidationFlag: true, clearsValidation: true, restoresOriginal: true },
  },
};

const refusals: Record<ConventionState, Partial<Record<ConventionEvent, string>>> = {
  not_returned: {
    validate: "Cette convention n'a pas encore été retournée : il n'y a rien à valider.",
    invalidate: "Cette convention n'a pas encore été retournée : il n'y a rien à invalider.",
    regenerate: "Cette convention n'a pas encore été retournée : elle est déjà dans sa version d'origine.",
  },
  pending_validation: {},
  validated: {
    deposit: "Cette convention est déjà validée : un nouveau dépôt n'est pas possible.",
    validate: "Cette convention est déjà validée.",
    regenerate: "Une convention validée doit d'abord être invalidée.",
  },
};

export function canApply(state: ConventionState, event: ConventionEvent): boolean {
  return Boolean(transitions[state][event]);
}

/** The effect of an event in a state, or a TRANSITION_NOT_ALLOWED error with a French reason. */
export function planTransition(state: ConventionState, event: ConventionEvent): TransitionEffect {
  const effect = transitions[state][event];
  if (!effect) {
    const code = state === "validated" && event === "deposit" ? "CONVENTION_ALREADY_VALIDATED" : "TRANSITION_NOT_ALLOWED";
    throw new AppError(code, refusals[state][event]);
  }
  return effect;
}

export const conventionStateLabels: Record<ConventionState, string> = {
  not_returned: "Non retournée",
  pending_validation: "En attente de validation",
  validated: "Validée",
};
