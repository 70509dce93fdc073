import type { Db } from "@/db/client";
import { findBulkValidationCandidates } from "@/db/queries/bulk-validation-candidates";
import type { Actor } from "@/lib/core/auth/actor";
import { bulkValidationRefusal } from "@/lib/core/conventions/convention-verification";
import { canManageTabConventions } from "@/lib/core/conventions/convention-permissions";
import { AppError, isAppError } from "@/lib/core/errors";
import { formatDateFr } from "@/lib/core/format-date";
import { formatStudentName } from "@/lib/core/format-student-name";
import { appUrl } from "@/lib/server/config/env";
import { conventionUrlFor } from "@/lib/server/deposit-links";
import type { QueuedMail } from "@/lib/server/mail/mail-types";
import { queueMail, schoolRecipients } from "@/lib/server/mail/queue-mail";
import { applyConventionTransition, type TransitionConvention } from "./apply-convention-transition";

export const MAX_BULK_SELECTION = 500;
/** A grouped mail lists this many conventions; the others are counted. */
export const MAX_LISTED_IN_MAIL = 200;

export type BulkSelection = { conventionId: string; version: number };
export type BulkValidationReport = {
  validated: { conventionId: string; studentName: string }[];
  skipped: { conventionId: string; studentName: string; reason: string }[];
};

/**
 * A host admin validates the selected conventions that are safe to validate unseen (see
 * bulkValidationRefusal); every other one is skipped with its reason. Each convention is its own
 * guarded transition (a savepoint): one changed meanwhile is skipped, the others go on. Each origin
 * school then gets one mail listing its validated conventions.
 */
export async function validateConventionsInBulk(
  db: Db,
  { actor, selections, now = new Date() }: { actor: Actor; selections: BulkSelection[]; now?: Date },
): Promise<BulkValidationReport> {
  if (!canManageTabConventions(actor)) throw new AppError("FORBIDDEN");
  if (selections.length === 0) throw new AppError("INVALID_INPUT", "Sélectionnez au moins une convention.");
  if (selections.length > MAX_BULK_SELECTION) throw new AppError("INVALID_INPUT", `Sélectionnez au plus ${MAX_BULK_SELECTION} conventions à la fois.`);
  const unique = [...new Map(selections.map((selection) => [selection.conventionId, selection])).values()];
  return db.transaction(async (tx) => {
    const candidates = await findBulkValidationCandidates(tx, actor, unique.map((selection) => selection.conventionId));
    const report: BulkValidationReport = { validated: [], skipped: [] };
    const validatedByOrigin = new Map<string, TransitionConvention[]>();
    for (const selection of unique) {
      const candidate = candidates.get(selection.conventionId);
      if (!candidate) {
        report.skipped.push({ conventionId: selection.conventionId, studentName: "Convention inconnue", reason: "introuvable dans votre établissement" });
        continue;
      }
      const studentName = formatStudentName(candidate.studentLastName, candidate.studentFirstName);
      const refusal = bulkValidationRefusal(candidate, selection.version, { requiresKnownSigner: candidate.requiresKnownSigner });
      if (refusal) {
        report.skipped.push({ conventionId: selection.conventionId, studentName, reason: refusal });
        continue;
      }
      try {
        const result = await tx.transaction((savepoint) => applyConventionTransition(savepoint, {
          conventionId: selection.conventionId, event: "validate", by: { kind: "user", actor },
          expectedState: "pending_validation", expectedVersion: selection.version, now,
        }));
        report.validated.push({ conventionId: selection.conventionId, studentName });
        const list = validatedByOrigin.get(result.convention.originSchoolId) ?? [];
        list.push(result.convention);
        validatedByOrigin.set(result.convention.originSchoolId, list);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const reason = error.code === "CONCURRENT_CHANGE" ? "a changé entre-temps : ouvrez-la pour la vérifier" : error.userMessage;
        report.skipped.push({ conventionId: selection.conventionId, studentName, reason });
      }
    }
    const mails: QueuedMail<"conventions-validated">[] = [];
    for (const [originSchoolId, validated] of validatedByOrigin) {
      const first = validated[0];
      for (const to of await schoolRecipients(tx, originSchoolId)) {
        mails.push({
          template: "conventions-validated",
          to,
          schoolId: originSchoolId,
          hostSchoolId: actor.schoolId,
          // A single convention's mail stays linked to it, as the one-by-one validation's.
          conventionId: validated.length === 1 ? first.id : null,
          payload: {
            schoolName: first.originSchoolName,
            hostSchoolName: first.hostSchoolName,
            conventions: validated.slice(0, MAX_LISTED_IN_MAIL).map((convention) => ({
              conventionId: convention.id,
              studentName: formatStudentName(convention.studentLastName, convention.studentFirstName),
              internshipDate: formatDateFr(convention.internshipDate),
              conventionUrl: conventionUrlFor(convention.id),
            })),
            moreCount: Math.max(0, validated.length - MAX_LISTED_IN_MAIL),
            portalUrl: `${appUrl()}/conventions/validees`,
          },
        });
      }
    }
    await queueMail(tx, mails);
    return report;
  });
}
