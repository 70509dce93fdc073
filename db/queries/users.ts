import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { schools, users } from "../schema";
import type { Actor, Role } from "@/lib/server/auth/actor";

export type UserWithSecret = Actor & { passwordHash: string };

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
    .select({ ...actorColumns, passwordHash: users.passwordHash })
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
