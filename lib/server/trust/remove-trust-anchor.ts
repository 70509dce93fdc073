import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { trustAnchors } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { assertHostAdmin } from "./assert-host-admin";

/** Removes one trust anchor of the actor's own school; another school's anchor is "not found". */
export async function removeTrustAnchor(db: DbOrTx, actor: Actor, anchorId: string): Promise<{ subject: string }> {
  assertHostAdmin(actor);
  const [removed] = await db
    .delete(trustAnchors)
    .where(and(eq(trustAnchors.id, anchorId), eq(trustAnchors.schoolId, actor.schoolId)))
    .returning({ subject: trustAnchors.subject });
  if (!removed) throw new AppError("NOT_FOUND", "Ce certificat n'est plus dans la liste de votre établissement.");
  return removed;
}
