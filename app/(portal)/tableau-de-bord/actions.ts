"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { resendFailedMail } from "@/lib/server/mail/resend-failed-mail";

export const resendFailedMailAction = createAction(
  { schema: z.object({ mailId: z.uuid("Courriel introuvable.") }), roles: ["host_admin"] },
  async ({ mailId }, actor) => {
    await resendFailedMail(await getDb(), actor, { mailId });
    return { message: "Le courriel est remis dans la file d'envoi : il part dans quelques secondes.", revalidate: ["/tableau-de-bord"] };
  },
);
