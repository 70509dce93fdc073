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
    return { flash: "stage-publie", redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier"] };
  },
);

export const updateInternshipAction = createAction(
  { schema: z.intersection(internshipIdSchema, internshipFormSchema), roles: ["host_admin"] },
  async (input, actor) => {
    const { internshipId } = await updateInternship(await getDb(), actor, input);
    return { flash: "stage-modifie", redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier"] };
  },
);

export const cancelInternshipAction = createAction(
  { schema: internshipIdSchema.extend({ confirmation: z.literal("oui").optional() }), roles: ["host_admin"] },
  async ({ internshipId, confirmation }, actor) => {
    const result = await cancelInternship(await getDb(), actor, { internshipId, isConfirmed: confirmation === "oui" });
    const flash = result.notifiedSchools === 0
      ? "stage-annule" as const
      : result.notifiedSchools === 1 ? "stage-annule-un-etablissement-prevenu" as const : "stage-annule-etablissements-prevenus" as const;
    return { flash, redirectTo: `/stages/${internshipId}`, revalidate: ["/stages", "/calendrier", "/stagiaires"] };
  },
);
