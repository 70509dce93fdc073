"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction, type ActionSuccess } from "@/lib/server/actions/create-action";
import { invalidateConvention, invalidationReasons } from "@/lib/server/conventions/invalidate-convention";
import { regenerateConvention } from "@/lib/server/conventions/regenerate-convention";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { validateConventionsInBulk } from "@/lib/server/conventions/validate-conventions-in-bulk";
import { remindSelectedConventions } from "@/lib/server/reminders/remind-selected-conventions";
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

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The selected rows, sent as one field "id:version,id:version…" (a form posts each checkbox under the same name). */
const bulkSelectionSchema = z.object({
  selection: z.string("Sélectionnez au moins une convention.").max(40_000, "Sélection trop longue.")
    .transform((value) => value.split(",").filter(Boolean).map((item) => item.split(":")))
    .refine((items) => items.length > 0, "Sélectionnez au moins une convention.")
    .refine((items) => items.every(([id, version]) => uuidPattern.test(id ?? "") && /^\d{1,9}$/.test(version ?? "")), "Sélection invalide.")
    .transform((items) => items.map(([id, version]) => ({ conventionId: id, version: Number(version) }))),
});

const namesOf = (rows: { studentName: string }[]) => rows.map((row) => row.studentName).join(", ");
const skippedLines = (rows: { studentName: string; reason: string }[]) => rows.map((row) => `• ${row.studentName} : ${row.reason}`).join("\n");
const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export const validateConventionsInBulkAction = createAction({ schema: bulkSelectionSchema, roles: ["host_admin"] }, async ({ selection }, actor) => {
  const report = await validateConventionsInBulk(await getDb(), { actor, selections: selection });
  const parts = [
    report.validated.length > 0 ? `${plural(report.validated.length, "convention validée", "conventions validées")} : ${namesOf(report.validated)}.` : "Aucune convention validée.",
    report.skipped.length > 0 ? `${plural(report.skipped.length, "laissée de côté", "laissées de côté")} :\n${skippedLines(report.skipped)}` : "",
  ];
  return { message: parts.filter(Boolean).join("\n"), revalidate: tabPaths };
});

const remindSchema = z.object({
  conventionIds: z.string("Sélectionnez au moins une convention.").max(40_000, "Sélection trop longue.")
    .transform((value) => value.split(",").filter(Boolean))
    .refine((ids) => ids.length > 0, "Sélectionnez au moins une convention.")
    .refine((ids) => ids.every((id) => uuidPattern.test(id)), "Sélection invalide."),
});

export const remindConventionsAction = createAction({ schema: remindSchema, roles: ["host_admin"] }, async ({ conventionIds }, actor) => {
  const report = await remindSelectedConventions(await getDb(), { actor, conventionIds });
  const parts = [
    report.reminded.length > 0 ? `Relance envoyée pour ${plural(report.reminded.length, "convention", "conventions")} : ${namesOf(report.reminded)}.` : "Aucune relance envoyée.",
    report.skipped.length > 0 ? `Non relancée${report.skipped.length > 1 ? "s" : ""} :\n${skippedLines(report.skipped)}` : "",
  ];
  return { message: parts.filter(Boolean).join("\n"), revalidate: ["/conventions/non-retournees", "/tableau-de-bord"] };
});
