"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { pinSignerKey } from "@/lib/server/trust/pin-signer-key";

const trustSignerSchema = z.object({
  conventionId: z.uuid("Convention introuvable."),
  field: z.string().min(1, "Signature introuvable.").max(200, "Signature introuvable."),
  signerKeySha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "Signature introuvable."),
});

export const trustSignerAction = createAction({ schema: trustSignerSchema, roles: ["host_admin"] }, async (input, actor) => {
  const result = await pinSignerKey(await getDb(), actor, input);
  return {
    message: result.wasAlreadyKnown
      ? `${result.signerName} était déjà un signataire connu pour le ${result.originSchoolName}.`
      : `${result.signerName} est désormais un signataire connu pour le ${result.originSchoolName}.`,
    revalidate: [`/conventions/${input.conventionId}`],
  };
});
