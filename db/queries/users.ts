import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { schools, users } from "../schema";
import type { Actor, Role } from "@/lib/core/auth/actor";

export type UserWithSecret = Actor & { passwordHash: string; sessionVersion: number };

const actorColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  schoolId: users.schoolId,
  schoolName: schools.name,
};

/** Login lookup: the only query that runs before there is an actor. */
export async function findUserForLogin(db: DbOrTx, email: string): Promise<UserWithSecret | null> {
  const rows = await db
    .select({ ...actorColumns, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  const row = rows[0];
  return row ? { ...row, role: row.role as Role } : null;
}

/** Re-reads the session's user, so that a deleted account or a changed school takes effect at once. */
export async function findActorById(db: DbOrTx, userId: string): Promise<Actor | null> {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  return row ? { ...row, role: row.role as Role } : null;
}

/**
 * The session's user, only while the session's version is the account's current one: logging out,
 * a new password or a removed account end every session opened before.
 */
export async function findActorForSession(db: DbOrTx, userId: string, sessionVersion: number): Promise<Actor | null> {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
    .limit(1);
  const row = rows[0];
  return row ? { ...row, role: row.role as Role } : null;
}
