import { isMailProviderConfigured, isProduction, serverEnv } from "@/lib/server/config/env";
import { DevMailboxMailer } from "./dev-mailbox-mailer";
import type { Mailer } from "./mailer";

type GlobalWithMailer = typeof globalThis & { __conventionsMailer?: Mailer; __conventionsMailerWarned?: boolean };
const globalForMailer = globalThis as GlobalWithMailer;

/** The mailer chosen once from the environment: Resend when RESEND_API_KEY is set, the dev mailbox otherwise. */
export async function getMailer(): Promise<Mailer> {
  if (globalForMailer.__conventionsMailer) return globalForMailer.__conventionsMailer;
  let mailer: Mailer;
  const env = serverEnv();
  if (isMailProviderConfigured()) {
    const from = env.MAIL_FROM;
    if (!from) throw new Error("MAIL_FROM doit être défini quand RESEND_API_KEY l'est (ex. « Mini-stages <no-reply@exemple.fr> »).");
    const { ResendMailer } = await import("./resend-mailer");
    mailer = new ResendMailer({ apiKey: env.RESEND_API_KEY!, from, baseUrl: env.RESEND_BASE_URL });
  } else {
    if (isProduction() && !globalForMailer.__conventionsMailerWarned) {
      globalForMailer.__conventionsMailerWarned = true;
      console.warn("RESEND_API_KEY n'est pas défini : les courriels restent dans la table outbox et ne partent pas.");
    }
    mailer = new DevMailboxMailer();
  }
  globalForMailer.__conventionsMailer = mailer;
  return mailer;
}
