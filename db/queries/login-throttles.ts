import { eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { loginLockouts, loginThrottles } from "../schema";

export type ThrottleRule = { maxAttempts: number; windowMs: number; lockMs: number };

export type CountedAttempt = {
  /** Attempts counted in the current window, this one included (unchanged while locked). */
  attempts: number;
  /** Set while the key is locked, this attempt included when it is the one that locked it. */
  lockedUntil: Date | null;
  /** True when this very attempt locked the key. */
  isNewLock: boolean;
};

type CountedRow = { attempts: number; locked_until: string | Date | null };

/**
 * Counts one login attempt for a key before the password is checked, in one statement: parallel
 * attempts from several servers each get their own number, so no more than `maxAttempts` ever
 * reach the password check in a window. The attempt past the limit locks the key for `lockMs`
 * (at least the window, so the count starts afresh when the lock ends); attempts while locked
 * change nothing.
 */
export async function countLoginAttempt(db: DbOrTx, key: string, rule: ThrottleRule, now: Date): Promise<CountedAttempt> {
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - rule.windowMs).toISOString()}::timestamptz`;
  const lockUntil = new Date(now.getTime() + Math.max(rule.lockMs, rule.windowMs));
  const isLocked = sql`(t.locked_until is not null and t.locked_until > ${nowAt})`;
  const isWindowOver = sql`(t.window_started_at <= ${windowStart})`;
  const result = await db.execute(sql`
    insert into ${loginThrottles} as t (key, attempts, window_started_at, locked_until)
    values (${key}, 1, ${nowAt}, null)
    on conflict (key) do update set
      attempts = case when ${isLocked} then t.attempts when ${isWindowOver} then 1 else t.attempts + 1 end,
      window_started_at = case when ${isLocked} then t.window_started_at when ${isWindowOver} then ${nowAt} else t.window_started_at end,
      locked_until = case
        when ${isLocked} then t.locked_until
        when not ${isWindowOver} and t.attempts + 1 > ${rule.maxAttempts} then ${lockUntil.toISOString()}::timestamptz
        else null end
    returning attempts, locked_until`);
  const [row] = rowsOf<CountedRow>(result);
  const lockedUntil = row.locked_until === null ? null : new Date(row.locked_until);
  const isActiveLock = lockedUntil !== null && lockedUntil.getTime() > now.getTime();
  const isNewLock = isActiveLock && lockedUntil.getTime() === lockUntil.getTime();
  if (isNewLock) {
    await db.insert(loginLockouts).values({ key, attempts: row.attempts, lockedAt: now, lockedUntil });
  }
  return { attempts: Number(row.attempts), lockedUntil: isActiveLock ? lockedUntil : null, isNewLock };
}

/** A successful login starts the account's count afresh (the address's count stays). */
export async function clearLoginAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
