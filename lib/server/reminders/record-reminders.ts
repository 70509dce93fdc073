import type { Tx } from "@/db/client";
import { conventionEvents } from "@/db/schema";
import { daysBetween } from "@/lib/core/conventions/convention-urgency";
import { formatDateFr } from "@/lib/core/format-date";
import { formatStudentName } from "@/lib/core/format-student-name";
import { appUrl } from "@/lib/server/config/env";
import { depositLinkFor } from "@/lib/server/deposit-links";
import type { QueuedMail } from "@/lib/server/mail/mail-types";
import { queueMail, schoolRecipients } from "@/lib/server/mail/queue-mail";

/** A convention whose reminder was just claimed (its last_reminded_at set to now). */
export type RemindedConvention = {
  id: string;
  originSchoolId: string;
  originSchoolName: string;
  studentLastName: string;
  studentFirstName: string;
  internshipDate: string;
};

/** A reminder mail lists this many conventions; the others are counted. */
export const MAX_LISTED_IN_REMINDER = 200;
const EVENT_BATCH = 1_000;

function urgencyOf(internshipDate: string, today: string): string {
  const days = daysBetween(today, internshipDate);
  if (days <= 0) return "aujourd'hui";
  return days === 1 ? "demain" : `dans ${days} jours`;
}

/**
 * Writes, in the transaction that claimed them, one history row per reminded convention and one mail
 * per origin school listing its conventions, each with a fresh deposit link.
 */
export async function recordReminders(
  tx: Tx,
  reminded: RemindedConvention[],
  { hostSchoolId, hostSchoolName, actorUserId, actorLabel, now, today }: {
    hostSchoolId: string; hostSchoolName: string; actorUserId: string | null; actorLabel: string; now: Date; today: string;
  },
): Promise<{ mails: number }> {
  for (let start = 0; start < reminded.length; start += EVENT_BATCH) {
    await tx.insert(conventionEvents).values(reminded.slice(start, start + EVENT_BATCH).map((convention) => ({
      conventionId: convention.id,
      event: "remind",
      fromState: "not_returned" as const,
      toState: "not_returned" as const,
      actorUserId,
      actorLabel,
      note: `Relance envoyée à ${convention.originSchoolName}`,
      createdAt: now,
    })));
  }
  const byOrigin = new Map<string, RemindedConvention[]>();
  for (const convention of reminded) {
    const list = byOrigin.get(convention.originSchoolId) ?? [];
    list.push(convention);
    byOrigin.set(convention.originSchoolId, list);
  }
  const mails: QueuedMail<"conventions-reminder">[] = [];
  for (const [originSchoolId, list] of byOrigin) {
    list.sort((a, b) => a.internshipDate.localeCompare(b.internshipDate) || a.studentLastName.localeCompare(b.studentLastName));
    const payload = {
      schoolName: list[0].originSchoolName,
      hostSchoolName,
      conventions: list.slice(0, MAX_LISTED_IN_REMINDER).map((convention) => ({
        conventionId: convention.id,
        studentName: formatStudentName(convention.studentLastName, convention.studentFirstName),
        internshipDate: formatDateFr(convention.internshipDate),
        urgency: urgencyOf(convention.internshipDate, today),
        depositUrl: depositLinkFor(convention.id, now),
      })),
      moreCount: Math.max(0, list.length - MAX_LISTED_IN_REMINDER),
      portalUrl: `${appUrl()}/conventions/non-retournees`,
    };
    for (const to of await schoolRecipients(tx, originSchoolId)) {
      mails.push({ template: "conventions-reminder", to, schoolId: originSchoolId, hostSchoolId, conventionId: list.length === 1 ? list[0].id : null, payload });
    }
  }
  await queueMail(tx, mails);
  return { mails: mails.length };
}
