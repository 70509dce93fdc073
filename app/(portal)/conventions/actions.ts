"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction, type ActionSuccess } from "@/lib/server/actions/create-action";
import { invalidateConvention, invalidationReasons } from "@/lib/server/conventions/invalidate-convention";
import { regenerateConvention } from "@/lib/server/conventions/regenerate-convention";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import type { TransitionResult } from "@/lib/server/conventions/apply-convention-transition";
import { tabHrefOf } from "@/lib/core/conventions/convention-links";
import type { FlashCode } from "@/lib/core/flash-messages";

const transitionSchema = z.object({
  conventionId: z.uuid("Convention introuvable."),
  version: z.coerce.number().int().positive(),
});

const invalidateSchema = transitionSchema.extend({
  reason: z.enum(Object.keys(invalidationReasons) as [keyof typeof invalidationReasons], "Choisissez le motif de l'invalidation."),
  note: z.string().max(1000, "Les précisions ne doivent pas dépasser 1 000 caractères.").optional(),
});

const tabPaths = ["/conventions/non-retournees", "/conventions/en-attente", "/conventions/validees", "/tableau-de-bord"];

/** After an action, the convention is shown in its new tab, found by the pupil's name. */
function landing(result: TransitionResult, flash: FlashCode): ActionSuccess {
  const { convention } = result;
  const q = `${convention.studentLastName} ${convention.studentFirstName}`;
  return {
    flash,
    redirectTo: `${tabHrefOf(result.to)}?q=${encodeURIComponent(q)}`,
    revalidate: [...tabPaths, `/conventions/${convention.id}`],
  };
}

export const validateConventionAction = createAction({ schema: transitionSchema, roles: ["host_admin"] }, async (input, actor) => {
  const result = await validateConvention(await getDb(), { conventionId: input.conventionId, actor, expectedVersion: input.version });
  return landing(result, "convention-validee");
});

export const invalidateConventionAction = createAction({ schema: invalidateSchema, roles: ["host_admin"], multilineFields: ["note"] }, async (input, actor) => {
  const result = await invalidateConvention(await getDb(), {
    conventionId: input.conventionId, actor, reason: input.reason, note: input.note, expectedVersion: input.version,
  });
  return landing(result, result.to === "not_returned" ? "convention-invalidee-non-retournee" : "convention-invalidee-en-attente");
});

export const regenerateConventionAction = createAction({ schema: transitionSchema, roles: ["host_admin"] }, async (input, actor) => {
  const result = await regenerateConvention(await getDb(), { conventionId: input.conventionId, actor, expectedVersion: input.version });
  return landing(result, "convention-version-origine");
});
