"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { cancelInternship } from "@/lib/server/internships/cancel-internship";
import { createInternship } from "@/lib/server/internships/create-internship";
import { internshipFormSchema } from "@/lib/server/internships/internship-form-schema";
import { updateInternship } from "@/lib/server/internships/update-internship";

const internshipIdSchema = z.object({ internshipId: z.uuid("Stage introuvable.") });

export const createInternshipAction = createAction(
  { schema: internshipFormSchema, roles: ["host_admin"] },
  async (input, actor) => {
    const { internshipId } = await createInternship(await getDb(), actor, input);
    return { message: "Le stage est publié.", redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier"] };
  },
);

export const updateInternshipAction = createAction(
  { schema: z.intersection(internshipIdSchema, internshipFormSchema), roles: ["host_admin"] },
  async (input, actor) => {
    const { internshipId } = await updateInternship(await getDb(), actor, input);
    return { message: "Le stage est modifié.", redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier"] };
  },
);

export const cancelInternshipAction = createAction(
  { schema: internshipIdSchema.extend({ confirmation: z.literal("oui").optional() }), roles: ["host_admin"] },
  async ({ internshipId, confirmation }, actor) => {
    const result = await cancelInternship(await getDb(), actor, { internshipId, isConfirmed: confirmation === "oui" });
    const notice = result.notifiedSchools === 0
      ? ""
      : ` ${result.notifiedSchools === 1 ? "L'établissement d'origine est prévenu" : `Les ${result.notifiedSchools} établissements d'origine sont prévenus`} par courriel.`;
    return { message: `Le stage est annulé.${notice}`, redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier", "/stagiaires"] };
  },
);
