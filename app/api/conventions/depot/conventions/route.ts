import { getDb } from "@/db/client";
import { depositErrorResponse } from "@/lib/server/deposits/deposit-error-response";
import { listDepositableConventions } from "@/lib/server/deposits/list-depositable-conventions";
import { resolveDepositor } from "@/lib/server/deposits/resolve-depositor";

export const runtime = "nodejs";

/** GET ?q=&token=: the conventions the caller may deposit a file for, searched by pupil name. */
export async function GET(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const depositor = await resolveDepositor({ token: params.get("token") });
    const conventions = await listDepositableConventions(await getDb(), { depositor, search: params.get("q") });
    return Response.json({ conventions }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return depositErrorResponse(error);
  }
}
