import "server-only";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { isAppError } from "@/lib/core/errors";
import type { FlashCode } from "@/lib/core/flash-messages";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "@/lib/core/text/control-characters";
import type { Actor, Role } from "@/lib/core/auth/actor";
import { currentActor } from "@/lib/server/auth/require-actor";
import { scheduleOutboxDrain } from "@/lib/server/mail/schedule-outbox-drain";

export type ActionState = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string>;
} | null;

/**
 * What an action reports: a message shown in place, or a redirect with one of the fixed flash codes
 * (never free text in the URL, so that no link can write the green banner).
 */
export type ActionSuccess =
  | { message: string; redirectTo?: undefined; flash?: undefined; revalidate?: string[] }
  | { redirectTo: string; flash: FlashCode; message?: undefined; revalidate?: string[] };

type ActionOptions<S extends z.ZodType> = {
  schema: S;
  roles?: Role[];
  /** Fields typed in a multi-line box, where tab and line breaks are text; everywhere else they are refused too. */
  multilineFields?: string[];
};

/** Fields holding a control character (a NUL typed into a request, an escape…), each with the French message. */
function controlCharacterErrors(formData: FormData, multilineFields: string[] = []): Record<string, string> | null {
  let errors: Record<string, string> | null = null;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (hasControlCharacters(value, { allowLineBreaks: multilineFields.includes(key) })) {
      errors ??= {};
      errors[key] = CONTROL_CHARACTERS_MESSAGE;
    }
  }
  return errors;
}

/**
 * The one wrapper every server action goes through: session, role, zod-parsed form, and domain
 * errors turned into French messages. Unknown errors are logged, never shown.
 */
export function createAction<S extends z.ZodType>(
  options: ActionOptions<S>,
  handler: (input: z.infer<S>, actor: Actor) => Promise<ActionSuccess>,
) {
  const action = async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await currentActor();
    if (!actor) return { ok: false, message: "Votre session a expiré. Veuillez vous reconnecter." };
    if (options.roles && !options.roles.includes(actor.role)) {
      return { ok: false, message: "Vous n'avez pas les droits nécessaires pour cette action." };
    }
    const refused = controlCharacterErrors(formData, options.multilineFields);
    if (refused) return { ok: false, message: "Certaines informations contiennent un caractère invisible non autorisé.", fieldErrors: refused };
    const parsed = options.schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".");
        if (!fieldErrors[key]) fieldErrors[key] = issue.message;
      }
      return { ok: false, message: "Certaines informations sont manquantes ou invalides.", fieldErrors };
    }
    let success: ActionSuccess;
    try {
      success = await handler(parsed.data, actor);
    } catch (error) {
      if (isAppError(error)) return { ok: false, message: error.userMessage };
      console.error("Action failed", error);
      return { ok: false, message: "Une erreur inattendue est survenue. Réessayez dans un instant." };
    }
    scheduleOutboxDrain();
    for (const path of success.revalidate ?? []) revalidatePath(path);
    if (success.redirectTo !== undefined) {
      const separator = success.redirectTo.includes("?") ? "&" : "?";
      redirect(`${success.redirectTo}${separator}message=${success.flash}`);
    }
    return { ok: true, message: success.message };
  };
  return Object.assign(action, { isWrappedAction: true as const });
}
