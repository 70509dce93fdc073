import type { DbOrTx } from "@/db/client";
import { findUserForLogin } from "@/db/queries/users";
import { hasControlCharacters } from "@/lib/core/text/control-characters";
import type { Actor } from "@/lib/core/auth/actor";
import { spendPasswordCheck, verifyPassword } from "./password";

/** Returns the actor for a correct e-mail and password, null otherwise (never says which was wrong). */
export async function verifyCredentials(db: DbOrTx, email: unknown, password: unknown): Promise<(Actor & { sessionVersion: number }) | null> {
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) return null;
  if (email.length > 320 || password.length > 200) return null;
  // PostgreSQL refuses a NUL in a query parameter; no address holds a control character anyway.
  if (hasControlCharacters(email)) return null;
  const user = await findUserForLogin(db, email);
  if (!user) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const { passwordHash: _unused, ...actor } = user;
  return actor;
}
