import { getDb } from "@/db/client";
import { scheduleOutboxDrain } from "@/lib/server/mail/schedule-outbox-drain";
import { depositConvention } from "./deposit-convention";
import { depositErrorResponse } from "./deposit-error-response";
import { maxDepositBytes } from "./deposit-limits";
import { readDepositForm } from "./read-deposit-form";
import { resolveDepositor } from "./resolve-depositor";

/** POST /api/conventions/depot: multipart `file`, optional `conventionId` (choice or confirmation) and `token` (deposit link). */
export async function handleDepositRequest(request: Request): Promise<Response> {
  try {
    const maxBytes = maxDepositBytes();
    const form = await readDepositForm(request, maxBytes);
    const depositor = await resolveDepositor({ token: form.token });
    const result = await depositConvention(await getDb(), {
      depositor,
      bytes: form.bytes,
      fileName: form.fileName,
      requestedConventionId: form.conventionId,
      maxBytes,
    });
    if (result.outcome === "deposited") scheduleOutboxDrain();
    return Response.json(result, { status: result.outcome === "deposited" ? 201 : 200 });
  } catch (error) {
    return depositErrorResponse(error);
  }
}
