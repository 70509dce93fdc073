"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { importTrustAnchors } from "@/lib/server/trust/import-trust-anchors";
import { removePinnedSigner } from "@/lib/server/trust/remove-pinned-signer";
import { removeTrustAnchor } from "@/lib/server/trust/remove-trust-anchor";

const importSchema = z.object({
  certificate: z.instanceof(File, { message: "Choisissez le fichier du certificat." }),
});

export const importTrustAnchorsAction = createAction({ schema: importSchema, roles: ["host_admin"] }, async (input, actor) => {
  const bytes = new Uint8Array(await input.certificate.arrayBuffer());
  const { added, alreadyPresent } = await importTrustAnchors(await getDb(), actor, bytes);
  const parts = [
    added.length === 1 ? `Certificat importé : ${added[0]}.` : added.length > 1 ? `${added.length} certificats importés.` : "",
    alreadyPresent.length === 1 ? `Déjà présent : ${alreadyPresent[0]}.` : alreadyPresent.length > 1 ? `${alreadyPresent.length} certificats étaient déjà présents.` : "",
  ];
  return { message: parts.filter(Boolean).join(" "), revalidate: ["/options"] };
});

export const removeTrustAnchorAction = createAction({ schema: z.object({ anchorId: z.uuid("Certificat introuvable.") }), roles: ["host_admin"] }, async (input, actor) => {
  const { subject } = await removeTrustAnchor(await getDb(), actor, input.anchorId);
  return { message: `Certificat retiré : ${subject}.`, revalidate: ["/options"] };
});

export const removePinnedSignerAction = createAction({ schema: z.object({ pinId: z.uuid("Signataire introuvable.") }), roles: ["host_admin"] }, async (input, actor) => {
  const { signerName } = await removePinnedSigner(await getDb(), actor, input.pinId);
  return { message: `${signerName} n'est plus un signataire connu.`, revalidate: ["/options"] };
});
