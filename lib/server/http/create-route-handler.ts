import type { z } from "zod";
import type { Actor } from "@/lib/core/auth/actor";
import type { Depositor } from "@/lib/core/auth/depositor";
import { AppError, isAppError, type ErrorCode } from "@/lib/core/errors";
import { requireActorOrThrow } from "@/lib/server/auth/require-actor";
import { resolveDepositor } from "@/lib/server/deposits/resolve-depositor";
import { appErrorResponse, type ResponseFormat } from "./app-error-response";

/** Who may call: a signed-in user, a signed-in user or the holder of a deposit link, or anyone. */
export type RouteCaller = "session" | "depositor" | "public";

type CallerContext<Caller extends RouteCaller> = Caller extends "session"
  ? { actor: Actor }
  : Caller extends "depositor"
    ? { depositor: Depositor }
    : unknown;

export type RouteContext<Caller extends RouteCaller, Params, Query, Body> = {
  request: Request;
  params: Params;
  query: Query;
  body: Body;
} & CallerContext<Caller>;

type RouteSegment = { params: Promise<Record<string, string | string[] | undefined>> };

type RouteHandlerOptions<Caller extends RouteCaller, ParamsSchema extends z.ZodType, QuerySchema extends z.ZodType, Body> = {
  caller: Caller;
  /** The path segments ([id] …); a value it refuses answers `invalidParams` (a malformed id is simply not found). */
  params?: ParamsSchema;
  invalidParams?: ErrorCode;
  /** The search parameters, as an object of strings; a refused value answers INVALID_INPUT. */
  query?: QuerySchema;
  /** Reads the request body (size limits, multipart) once the caller is known: an unknown caller is refused without it being read. */
  readBody?: (request: Request) => Promise<Body>;
  /** For `depositor`: the deposit link's token, when the request carries one (never in the body, which is read after). */
  depositToken?: (input: { query: z.infer<QuerySchema> }) => string | null | undefined;
  /** How errors are answered: JSON for the pages' scripts, plain text for links the browser opens. */
  errors: ResponseFormat;
  /** For links a person opens (a file to download): without a session, go to the login page and come back. */
  redirectToLogin?: boolean;
  /** The French message of an unexpected failure (500). */
  failureMessage?: string;
  handle: (context: RouteContext<Caller, z.infer<ParamsSchema>, z.infer<QuerySchema>, Body>) => Promise<Response>;
};

/**
 * The one wrapper of every route handler: checks the caller (session or deposit link), parses the
 * path and search parameters with zod, calls the use-case and maps any error once to an HTTP answer.
 */
export function createRouteHandler<
  Caller extends RouteCaller,
  ParamsSchema extends z.ZodType = z.ZodType<Record<string, never>>,
  QuerySchema extends z.ZodType = z.ZodType<Record<string, never>>,
  Body = undefined,
>(options: RouteHandlerOptions<Caller, ParamsSchema, QuerySchema, Body>) {
  return async function routeHandler(request: Request, segment?: RouteSegment): Promise<Response> {
    try {
      const rawParams = (await segment?.params) ?? {};
      const params = options.params ? options.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success) throw new AppError(options.invalidParams ?? "INVALID_INPUT");
      const searchParams: Record<string, string> = {};
      // A repeated parameter counts once, by its first value, as URLSearchParams.get reads it.
      for (const [key, value] of new URL(request.url).searchParams) searchParams[key] ??= value;
      const query = options.query ? options.query.safeParse(searchParams) : { success: true as const, data: {} };
      if (!query.success) throw new AppError("INVALID_INPUT");
      let caller: object = {};
      if (options.caller === "session") caller = { actor: await requireActorOrThrow() };
      if (options.caller === "depositor") {
        const token = options.depositToken?.({ query: query.data as z.infer<QuerySchema> }) ?? null;
        caller = { depositor: await resolveDepositor({ token }) };
      }
      const body = (options.readBody ? await options.readBody(request) : undefined) as Body;
      const base = { request, params: params.data, query: query.data, body };
      return await options.handle({ ...base, ...caller } as RouteContext<Caller, z.infer<ParamsSchema>, z.infer<QuerySchema>, Body>);
    } catch (error) {
      // A link opened without a session (a Conv. button, a file in a mail) goes through the login page and back.
      if (options.redirectToLogin && request.method === "GET" && isAppError(error) && error.code === "UNAUTHENTICATED") {
        const { pathname, search } = new URL(request.url);
        return new Response(null, { status: 303, headers: { Location: `/connexion?retour=${encodeURIComponent(pathname + search)}` } });
      }
      return appErrorResponse(error, options.errors, options.failureMessage);
    }
  };
}
