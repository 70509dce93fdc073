import type { Tx } from "@/db/client";
import { formatDateFr } from "@/lib/core/format-date";
import { formatStudentName } from "@/lib/core/format-student-name";
import { conventionUrlFor } from "@/lib/server/deposit-links";
import type { MailPayloads, QueuedMail } from "@/lib/server/mail/mail-types";
import { schoolRecipients } from "@/lib/server/mail/queue-mail";
import type { TransitionConvention } from "./apply-convention-transition";

type OriginSchoolTemplate = "convention-validated" | "convention-invalidated";
type CommonFields = MailPayloads["convention-validated"];

/** One mail per recipient of the convention's origin school, telling it what the host decided. */
export async function originSchoolMails<T extends OriginSchoolTemplate>(
  tx: Tx,
  convention: TransitionConvention,
  template: T,
  extra: Omit<MailPayloads[T], keyof CommonFields>,
): Promise<QueuedMail<T>[]> {
  const common: CommonFields = {
    schoolName: convention.originSchoolName,
    studentName: formatStudentName(convention.studentLastName, convention.studentFirstName),
    internshipDate: formatDateFr(convention.internshipDate),
    hostSchoolName: convention.hostSchoolName,
    conventionUrl: conventionUrlFor(convention.id),
  };
  const recipients = await schoolRecipients(tx, convention.originSchoolId);
  return recipients.map((to) => ({
    template,
    to,
    conventionId: convention.id,
    schoolId: convention.originSchoolId,
    payload: { ...common, ...extra } as MailPayloads[T],
  }));
}
