import { z } from "zod";
import { getDb } from "@/db/client";
import { listDepositableConventions } from "@/lib/server/deposits/list-depositable-conventions";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";

export const runtime = "nodejs";

/** GET ?q=&token=: the conventions the caller may deposit a file for, searched by pupil name. */
export const GET = createRouteHandler({
  caller: "depositor",
  query: z.object({ q: z.string().optional(), token: z.string().optional() }),
  depositToken: ({ query }) => query.token,
  errors: "json",
  handle: async ({ depositor, query }) => {
    const conventions = await listDepositableConventions(await getDb(), { depositor, search: query.q ?? null });
    return Response.json({ conventions }, { headers: { "cache-control": "no-store" } });
  },
});
