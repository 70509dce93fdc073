import { isAppError } from "@/lib/core/errors";

/** `{ error: { code, message } }` with the AppError's status; anything else is logged and stays vague. */
export function depositErrorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return Response.json({ error: { code: error.code, message: error.userMessage } }, { status: error.status });
  }
  console.error("Deposit request failed", error);
  return Response.json(
    { error: { code: "INTERNAL", message: "Une erreur inattendue est survenue. Réessayez dans un instant." } },
    { status: 500 },
  );
}
