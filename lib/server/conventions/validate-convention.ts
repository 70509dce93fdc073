import type { Db } from "@/db/client";
import { formatDateFr } from "@/lib/core/format-date";
import type { Actor } from "@/lib/server/auth/actor";
import { conventionUrlFor } from "@/lib/server/deposit-links";
import { schoolRecipients } from "@/lib/server/mail/queue-mail";
import { applyConventionTransition, type TransitionResult } from "./apply-convention-transition";
import { formatStudentName } from "@/lib/core/format-student-name";

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
      mails: async ({ tx: inner, convention }) => {
        const studentName = formatStudentName(convention.studentLastName, convention.studentFirstName);
        const recipients = await schoolRecipients(inner, convention.originSchoolId);
        return recipients.map((to) => ({
          template: "convention-validated" as const,
          to,
          conventionId: convention.id,
          schoolId: convention.originSchoolId,
          payload: {
            schoolName: convention.originSchoolName,
            studentName,
            internshipDate: formatDateFr(convention.internshipDate),
            hostSchoolName: convention.hostSchoolName,
            conventionUrl: conventionUrlFor(convention.id),
          },
        }));
      },
    }),
  );
}
