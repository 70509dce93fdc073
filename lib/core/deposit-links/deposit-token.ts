import { createHmac, timingSafeEqual } from "node:crypto";

export const DEPOSIT_LINK_LIFETIME_DAYS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", `deposit-link:${secret}`).update(payload).digest("base64url");
}

/** A token that lets its holder deposit for one convention until it expires. */
export function createDepositToken(conventionId: string, secret: string, now = new Date()): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + DEPOSIT_LINK_LIFETIME_DAYS * 24 * 3600;
  const payload = `${conventionId}.${expiresAt.toString(36)}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** The convention id the token grants, or null when it is forged, malformed or expired. */
export function readDepositToken(token: string, secret: string, now = new Date()): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [conventionId, expiresAt36, signature] = parts;
  if (!UUID.test(conventionId)) return null;
  const expected = Buffer.from(sign(`${conventionId}.${expiresAt36}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = parseInt(expiresAt36, 36);
  if (!Number.isFinite(expiresAt) || expiresAt * 1000 < now.getTime()) return null;
  return conventionId;
}
