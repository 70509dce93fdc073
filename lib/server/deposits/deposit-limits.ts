import { serverEnv } from "@/lib/server/config/env";

const DEFAULT_MAX_DEPOSIT_BYTES = 20 * 1024 * 1024;

/** Largest PDF a deposit accepts: DEPOSIT_MAX_BYTES when set to a positive integer, else 20 Mo. */
export function maxDepositBytes(): number {
  return serverEnv().DEPOSIT_MAX_BYTES ?? DEFAULT_MAX_DEPOSIT_BYTES;
}

/** "20 Mo", for the messages a user reads. */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1).replace(".", ",")} Mo`;
}
