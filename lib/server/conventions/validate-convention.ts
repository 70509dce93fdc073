import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/auth/actor";
import { originSchoolMails } from "./origin-school-mails";
import { applyConventionTransition, type TransitionResult } from "./apply-convention-transition";

/** A host admin declares the returned convention compliant; the origin school is told by mail. */
export async function validateConvention(
  db: Db,
  { conventionId, actor, expectedVersion, now }: { conventionId: string; actor: Actor; expectedVersion?: number; now?: Date },
): Promise<TransitionResult> {
  return db.transaction((tx) =>
    applyConventionTransition(tx, {
      conventionId,
      event: "validate",
      by: { kind: "user", actor },
      expectedVersion,
      now,
      mails: ({ tx: inner, convention }) => originSchoolMails(inner, convention, "convention-validated", {}),
    }),
  );
}
