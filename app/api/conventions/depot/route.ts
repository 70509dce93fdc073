import { handleDepositRequest } from "@/lib/server/deposits/handle-deposit-request";

export const runtime = "nodejs";

export async function POST(request: Request): Promise<Response> {
  return handleDepositRequest(request);
}
