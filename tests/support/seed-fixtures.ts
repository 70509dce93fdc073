import type { Db } from "@/db/client";
import { schools, users } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";

let counter = 0;

/** A school with one account, for tests that need an actor of a given role. */
export async function createSchoolWithUser(
  db: Db,
  { role, name, contactEmail = null }: { role: Actor["role"]; name?: string; contactEmail?: string | null },
): Promise<Actor> {
  counter += 1;
  const suffix = `${process.pid}${counter}`;
  const schoolName = name ?? (role === "host_admin" ? `Lycée Test ${suffix}` : `Collège Test ${suffix}`);
  const [school] = await db.insert(schools).values({
    name: schoolName,
    uai: `T${suffix}`.slice(0, 12),
    city: "Lyon",
    isHost: role === "host_admin",
    isOrigin: role === "origin_staff",
    headName: role === "host_admin" ? "Mme Proviseure" : "M. Principal",
    contactEmail,
  }).returning();
  const email = `${role}-${suffix}@test.example`;
  const [user] = await db.insert(users).values({
    schoolId: school.id, email, name: `Utilisateur ${suffix}`, role, passwordHash: await hashPassword("secret-de-test"),
  }).returning();
  return { userId: user.id, email, name: user.name, role, schoolId: school.id, schoolName };
}
