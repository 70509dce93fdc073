import { z } from "zod";
import { getDb } from "@/db/client";
import { depositConvention } from "@/lib/server/deposits/deposit-convention";
import { maxDepositBytes } from "@/lib/server/deposits/deposit-limits";
import { readDepositForm } from "@/lib/server/deposits/read-deposit-form";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";
import { scheduleOutboxDrain } from "@/lib/server/mail/schedule-outbox-drain";

export const runtime = "nodejs";

/**
 * POST /api/conventions/depot?token=: multipart `file`, optional `conventionId` (choice or confirmation);
 * `token` (deposit link) in the address, so that the depositor is known before the body is read.
 */
export const POST = createRouteHandler({
  caller: "depositor",
  query: z.object({ token: z.string().optional() }),
  readBody: async (request) => {
    const maxBytes = maxDepositBytes();
    return { maxBytes, form: await readDepositForm(request, maxBytes) };
  },
  depositToken: ({ query }) => query.token,
  errors: "json",
  handle: async ({ depositor, body: { form, maxBytes } }) => {
    const result = await depositConvention(await getDb(), {
      depositor,
      bytes: form.bytes,
      fileName: form.fileName,
      requestedConventionId: form.conventionId,
      acknowledgedMismatch: form.acknowledgedMismatch,
      maxBytes,
    });
    if (result.outcome === "deposited") scheduleOutboxDrain();
    return Response.json(result, { status: result.outcome === "deposited" ? 201 : 200 });
  },
});
