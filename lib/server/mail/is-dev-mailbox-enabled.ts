import { isMailProviderConfigured } from "@/lib/server/config/env";

/** The dev mailbox exists only when no provider sends the mails, and never in production. */
export function isDevMailboxEnabled(): boolean {
  return !isMailProviderConfigured() && process.env.NODE_ENV !== "production";
}
