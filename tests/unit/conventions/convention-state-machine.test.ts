import {
  canApply, conventionEvents, conventionStates, planTransition, type ConventionEvent, type ConventionState,
} from "@/lib/core/conventions/convention-state-machine";
import { isAppError } from "@/lib/core/errors";

type Expected = { to: ConventionState; flag?: "set" | "clear"; restoresOriginal?: boolean; validated?: "mark" | "clear" };

// DESIGN.md §2, written out independently of the implementation's table.
const allowed: Partial<Record<`${ConventionState}:${ConventionEvent}`, Expected>> = {
  "not_returned:deposit": { to: "pending_validation", flag: "clear" },
  "pending_validation:deposit": { to: "pending_validation", flag: "clear" },
  "pending_validation:validate": { to: "validated", flag: "clear", validated: "mark" },
  "pending_validation:invalidate": { to: "pending_validation", flag: "set" },
  "pending_validation:regenerate": { to: "not_returned", flag: "clear", restoresOriginal: true },
  "validated:invalidate": { to: "not_returned", flag: "set", restoresOriginal: true, validated: "clear" },
};

const pairs = conventionStates.flatMap((state) => conventionEvents.map((event) => [state, event] as const));

describe("convention state machine", () => {
  it("covers the 12 state × event pairs", () => {
    expect(pairs).toHaveLength(12);
  });

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}:${event}`];
    if (expected) {
      const effect = planTransition(state, event);
      expect(canApply(state, event)).toBe(true);
      expect(effect.to).toBe(expected.to);
      expect(effect.setsInvalidationFlag).toBe(expected.flag === "set");
      expect(effect.clearsInvalidationFlag).toBe(expected.flag === "clear");
      expect(effect.restoresOriginal).toBe(Boolean(expected.restoresOriginal));
      expect(effect.marksValidated).toBe(expected.validated === "mark");
      expect(effect.clearsValidation).toBe(expected.validated === "clear");
      return;
    }
    expect(canApply(state, event)).toBe(false);
    let refusal: unknown;
    try {
      planTransition(state, event);
    } catch (error) {
      refusal = error;
    }
    expect(isAppError(refusal)).toBe(true);
    const appError = refusal as { code: string; status: number; userMessage: string };
    expect(["TRANSITION_NOT_ALLOWED", "CONVENTION_ALREADY_VALIDATED"]).toContain(appError.code);
    expect(appError.status).toBe(409);
    // A French sentence the secretary can read, mentioning the convention.
    expect(appError.userMessage).toMatch(/convention/i);
    expect(appError.userMessage).toMatch(/[éèà]|déjà|n'a pas/);
  });
});
