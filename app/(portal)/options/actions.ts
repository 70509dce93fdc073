"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { removeSchoolSignatureImage } from "@/lib/server/schools/remove-school-signature-image";
import { replaceSchoolSignatureImage } from "@/lib/server/schools/replace-school-signature-image";
import { updateSchoolOptions } from "@/lib/server/schools/update-school-options";
import { COOLDOWN_DAYS_RANGE, URGENCY_DAYS_RANGE, updateFollowUpSettings } from "@/lib/server/schools/update-follow-up-settings";

const schoolOptionsSchema = z.object({
  headName: z.string().trim().max(120, "Le nom est trop long (120 caractères au plus).").default(""),
  contactEmail: z.union([
    z.literal(""),
    z.string().trim().toLowerCase().pipe(z.email("Saisissez une adresse e-mail valide, par exemple secretariat@college.fr.")),
  ]).default(""),
});

export const saveSchoolOptions = createAction({ schema: schoolOptionsSchema }, async (input, actor) => {
  await updateSchoolOptions(await getDb(), actor, { headName: input.headName || null, contactEmail: input.contactEmail || null });
  return { message: "Les options de votre établissement sont enregistrées.", revalidate: ["/options"] };
});

const signatureImageSchema = z.object({
  image: z.instanceof(File, { message: "Choisissez l'image de votre signature." }),
});

export const uploadSignatureImage = createAction({ schema: signatureImageSchema }, async (input, actor) => {
  const bytes = new Uint8Array(await input.image.arrayBuffer());
  await replaceSchoolSignatureImage(await getDb(), actor, bytes);
  return { message: "La signature est enregistrée : elle figurera sur les prochaines conventions générées.", revalidate: ["/options"] };
});

export const deleteSignatureImage = createAction({ schema: z.object({}) }, async (_input, actor) => {
  const { wasRemoved } = await removeSchoolSignatureImage(await getDb(), actor);
  return {
    message: wasRemoved ? "La signature est supprimée : les prochaines conventions n'en porteront plus." : "Aucune signature n'était enregistrée.",
    revalidate: ["/options"],
  };
});

const followUpSettingsSchema = z.object({
  urgencyDays: z.coerce.number("Indiquez un nombre de jours.").int("Indiquez un nombre entier de jours.")
    .min(URGENCY_DAYS_RANGE.min, "Au moins 1 jour.").max(URGENCY_DAYS_RANGE.max, "Au plus 60 jours."),
  reminderCooldownDays: z.coerce.number("Indiquez un nombre de jours.").int("Indiquez un nombre entier de jours.")
    .min(COOLDOWN_DAYS_RANGE.min, "Au moins 1 jour.").max(COOLDOWN_DAYS_RANGE.max, "Au plus 30 jours."),
});

export const saveFollowUpSettings = createAction({ schema: followUpSettingsSchema, roles: ["host_admin"] }, async (input, actor) => {
  await updateFollowUpSettings(await getDb(), actor, input);
  return {
    message: `Enregistré : sessions urgentes à ${input.urgencyDays} jour${input.urgencyDays > 1 ? "s" : ""}, relance au plus tous les ${input.reminderCooldownDays} jour${input.reminderCooldownDays > 1 ? "s" : ""}.`,
    revalidate: ["/options", "/conventions/non-retournees", "/tableau-de-bord"],
  };
});
