import type { Db } from "@/db/client";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { depositLinkFor } from "@/lib/server/deposit-links";
import { originSchoolMails } from "./origin-school-mails";
import { applyConventionTransition, type TransitionResult } from "./apply-convention-transition";

/** The reasons a host admin picks from; the French label is what the history, badge and mail show. */
export const invalidationReasons = {
  "signature-manquante": "Signature manquante",
  "mauvais-stagiaire": "Mauvais stagiaire",
  "document-illisible": "Document illisible",
  "modifie-apres-signature": "Document modifié après signature",
} as const;

export type InvalidationReasonCode = keyof typeof invalidationReasons;

export function isInvalidationReasonCode(value: string): value is InvalidationReasonCode {
  return Object.hasOwn(invalidationReasons, value);
}

export const MAX_INVALIDATION_NOTE_LENGTH = 1000;

/**
 * A host admin refuses the returned document (it stays pending, flagged) or withdraws a validation
 * (back to not returned); the origin school gets the reason and a fresh deposit link.
 */
export async function invalidateConvention(
  db: Db,
  { conventionId, actor, reason, note, expectedVersion, now = new Date() }: {
    conventionId: string; actor: Actor; reason: string; note?: string | null; expectedVersion?: number; now?: Date;
  },
): Promise<TransitionResult> {
  if (!isInvalidationReasonCode(reason)) throw new AppError("INVALID_INPUT", "Choisissez le motif de l'invalidation dans la liste.");
  const reasonLabel = invalidationReasons[reason];
  const cleanNote = note?.trim() ? note.trim() : null;
  // Refused rather than cut: the origin school must read the whole of what was written.
  if (cleanNote && cleanNote.length > MAX_INVALIDATION_NOTE_LENGTH) {
    throw new AppError("INVALID_INPUT", `Les précisions ne doivent pas dépasser 1 000 caractères (${cleanNote.length} saisis) : raccourcissez-les.`);
  }
  return db.transaction((tx) =>
    applyConventionTransition(tx, {
      conventionId,
      event: "invalidate",
      by: { kind: "user", actor },
      reason: reasonLabel,
      note: cleanNote,
      expectedVersion,
      now,
      mails: ({ tx: inner, convention }) =>
        originSchoolMails(inner, convention, "convention-invalidated", {
          reason: reasonLabel,
          note: cleanNote,
          depositUrl: depositLinkFor(convention.id, now),
        }),
    }),
  );
}
