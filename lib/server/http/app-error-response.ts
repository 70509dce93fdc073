import { isAppError } from "@/lib/core/errors";

export type ResponseFormat = "json" | "text";

const GENERIC_FAILURE = "Une erreur inattendue est survenue. Réessayez dans un instant.";

/**
 * The one mapping from an error to an HTTP answer: an AppError gives its status and French message
 * (as `{ error: { code, message } }` or as plain text); anything else is logged and stays vague.
 */
export function appErrorResponse(error: unknown, format: ResponseFormat, failureMessage = GENERIC_FAILURE): Response {
  const { status, code, message } = isAppError(error)
    ? { status: error.status, code: error.code, message: error.userMessage }
    : { status: 500, code: "INTERNAL", message: failureMessage };
  if (!isAppError(error)) console.error("Route handler failed", error);
  if (format === "json") return Response.json({ error: { code, message } }, { status });
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
