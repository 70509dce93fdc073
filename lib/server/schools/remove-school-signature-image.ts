import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";

/** Removes the signature image of the actor's own school; later conventions carry no stamp. The file is left to the periodic clean-up. */
export async function removeSchoolSignatureImage(db: DbOrTx, actor: Actor): Promise<{ wasRemoved: boolean }> {
  const [previous] = await db.select({ key: schools.signatureImageKey }).from(schools).where(eq(schools.id, actor.schoolId));
  if (!previous?.key) return { wasRemoved: false };
  await db.update(schools).set({ signatureImageKey: null, signatureImageType: null }).where(eq(schools.id, actor.schoolId));
  return { wasRemoved: true };
}
