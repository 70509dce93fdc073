import type { Db } from "@/db/client";
import { clearLoginAttempts, countLoginAttempt, type ThrottleRule } from "@/db/queries/login-throttles";
import { hasControlCharacters } from "@/lib/core/text/control-characters";
import type { Actor } from "@/lib/core/auth/actor";
import { verifyCredentials } from "./verify-credentials";

/** Five attempts per account in 15 minutes, then 15 minutes of lockout. */
export const ACCOUNT_THROTTLE: ThrottleRule = { maxAttempts: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** An address (a school's shared connection included) gets more room, across every account. */
export const ADDRESS_THROTTLE: ThrottleRule = { maxAttempts: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type LoginOutcome =
  | { kind: "logged-in"; actor: Actor; sessionVersion: number }
  | { kind: "refused" }
  | { kind: "locked"; retryAfterSeconds: number };

export type LogInInput = { email: unknown; password: unknown; ipAddress: string | null; now?: Date };

function accountKeyOf(email: unknown): string | null {
  if (typeof email !== "string") return null;
  const normalized = email.trim().toLowerCase();
  if (!normalized || normalized.length > 320 || hasControlCharacters(normalized)) return null;
  return `compte:${normalized}`;
}

/**
 * Checks an e-mail and password under the login throttle. Each attempt is counted (per account and
 * per address, in the database) before the password is checked; past the limit the attempt is
 * refused unchecked and the lockout is recorded. A successful login resets the account's count.
 */
export async function logInWithPassword(db: Db, input: LogInInput): Promise<LoginOutcome> {
  const now = input.now ?? new Date();
  const accountKey = accountKeyOf(input.email);
  const counted = await Promise.all([
    accountKey ? countLoginAttempt(db, accountKey, ACCOUNT_THROTTLE, now) : null,
    input.ipAddress ? countLoginAttempt(db, `ip:${input.ipAddress.slice(0, 100)}`, ADDRESS_THROTTLE, now) : null,
  ]);
  const lockedUntil = counted
    .map((attempt) => attempt?.lockedUntil?.getTime() ?? 0)
    .reduce((latest, time) => Math.max(latest, time), 0);
  if (lockedUntil > now.getTime()) {
    return { kind: "locked", retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
  }
  if (!accountKey) return { kind: "refused" };
  const user = await verifyCredentials(db, input.email, input.password);
  if (!user) return { kind: "refused" };
  await clearLoginAttempts(db, accountKey);
  const { sessionVersion, ...actor } = user;
  return { kind: "logged-in", actor, sessionVersion };
}

/** « Réessayez dans 15 minutes. » — the wait rounded up to the minute. */
export function lockoutMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Trop de tentatives de connexion. Par sécurité, la connexion est bloquée : réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}
