import type { DbOrTx } from "@/db/client";
import { findUserForLogin } from "@/db/queries/users";
import type { Actor } from "./actor";
import { spendPasswordCheck, verifyPassword } from "./password";

/** Returns the actor for a correct e-mail and password, null otherwise (never says which was wrong). */
export async function verifyCredentials(db: DbOrTx, email: unknown, password: unknown): Promise<Actor | null> {
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) return null;
  if (email.length > 320 || password.length > 200) return null;
  const user = await findUserForLogin(db, email);
  if (!user) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const { passwordHash: _unused, ...actor } = user;
  return actor;
}
