import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/auth/actor";
import { applyConventionTransition, type TransitionResult } from "./apply-convention-transition";

/**
 * A host admin puts a pending convention back to its original document (the stored bytes, never
 * regenerated, so byte-identical); the deposited files stay in the history.
 */
export async function regenerateConvention(
  db: Db,
  { conventionId, actor, expectedVersion, now }: { conventionId: string; actor: Actor; expectedVersion?: number; now?: Date },
): Promise<TransitionResult> {
  return db.transaction((tx) =>
    applyConventionTransition(tx, { conventionId, event: "regenerate", by: { kind: "user", actor }, expectedVersion, now }),
  );
}
