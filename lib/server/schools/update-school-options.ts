import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";

export type SchoolOptionsInput = { headName: string | null; contactEmail: string | null };

/** Saves the head's name and the contact e-mail of the actor's own school, never another's. */
export async function updateSchoolOptions(db: DbOrTx, actor: Actor, input: SchoolOptionsInput): Promise<void> {
  await db
    .update(schools)
    .set({
      headName: input.headName?.trim() || null,
      contactEmail: input.contactEmail?.trim().toLowerCase() || null,
    })
    .where(eq(schools.id, actor.schoolId));
}
