import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { deleteFileIfUnreferenced } from "@/lib/server/files/delete-file-if-unreferenced";

/** Removes the signature image of the actor's own school; later conventions carry no stamp. */
export async function removeSchoolSignatureImage(db: DbOrTx, actor: Actor): Promise<{ wasRemoved: boolean }> {
  const [previous] = await db.select({ key: schools.signatureImageKey }).from(schools).where(eq(schools.id, actor.schoolId));
  if (!previous?.key) return { wasRemoved: false };
  await db.update(schools).set({ signatureImageKey: null, signatureImageType: null }).where(eq(schools.id, actor.schoolId));
  await deleteFileIfUnreferenced(db, previous.key);
  return { wasRemoved: true };
}
