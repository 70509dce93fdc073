import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pinnedSignerKeys } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { assertHostAdmin } from "./assert-host-admin";

/** « Ne plus faire confiance »: forgets one signer key the actor's school accepted; another school's is "not found". */
export async function removePinnedSigner(db: DbOrTx, actor: Actor, pinId: string): Promise<{ signerName: string }> {
  assertHostAdmin(actor);
  const [removed] = await db
    .delete(pinnedSignerKeys)
    .where(and(eq(pinnedSignerKeys.id, pinId), eq(pinnedSignerKeys.hostSchoolId, actor.schoolId)))
    .returning({ signerName: pinnedSignerKeys.signerName });
  if (!removed) throw new AppError("NOT_FOUND", "Ce signataire n'est plus dans la liste de votre établissement.");
  return removed;
}
