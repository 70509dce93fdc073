import { isMailProviderConfigured } from "@/lib/server/config/env";

/**
 * The dev mailbox exists only when no provider sends the mails, and never in production unless
 * DEV_MAILBOX=1 asks for it explicitly (the end-to-end test runs against `next start`).
 */
export function isDevMailboxEnabled(): boolean {
  if (isMailProviderConfigured()) return false;
  return process.env.NODE_ENV !== "production" || process.env.DEV_MAILBOX === "1";
}
