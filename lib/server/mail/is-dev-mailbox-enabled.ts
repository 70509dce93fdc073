import { isMailProviderConfigured, isProduction, serverEnv } from "@/lib/server/config/env";

/**
 * The dev mailbox exists only when no provider sends the mails, and never in production unless
 * DEV_MAILBOX=1 asks for it explicitly (the end-to-end test runs against `next start`).
 */
export function isDevMailboxEnabled(): boolean {
  if (isMailProviderConfigured()) return false;
  return !isProduction() || serverEnv().DEV_MAILBOX === "1";
}
