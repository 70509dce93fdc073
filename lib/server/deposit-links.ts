import { createDepositToken, readDepositToken } from "@/lib/core/deposit-links/deposit-token";
import { appUrl, authSecret } from "@/lib/server/config/env";

export function depositLinkFor(conventionId: string, now = new Date()): string {
  return `${appUrl()}/depot/${createDepositToken(conventionId, authSecret(), now)}`;
}

export function conventionIdFromDepositToken(token: string, now = new Date()): string | null {
  return readDepositToken(token, authSecret(), now);
}

export function conventionUrlFor(conventionId: string): string {
  return `${appUrl()}/conventions/${conventionId}`;
}
