import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { conventionEvents, conventionReminders, conventions } from "@/db/schema";
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

function urgencyOf(internshipDate: string, today: string): string {
  const days = daysBetween(today, internshipDate);
  if (days <= 0) return "aujourd'hui";
  return days === 1 ? "demain" : `dans ${days} jours`;
}

/**
 * Claims the reminder of every convention matching `candidates` whose last reminder is older than
 * `cutoff`, and writes one history row for each, in one statement: the claim is an upsert guarded by
 * the cooldown, so that a second run at the same moment (another server) finds the rows taken and
 * claims nothing. Returns the conventions claimed.
 */
export async function claimReminders(
  tx: Tx,
  { candidates, cutoff, now, actorUserId, actorLabel }: { candidates: SQL; cutoff: Date; now: Date; actorUserId: string | null; actorLabel: string },
): Promise<RemindedConvention[]> {
  // Raw statement: instants go as ISO text, typed, so that both drivers bind them alike.
  const at = sql`${now.toISOString()}::timestamptz`;
  const before = sql`${cutoff.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`
    with claimed as (
      insert into ${conventionReminders} (convention_id, last_reminded_at)
      select ${conventions.id}, ${at} from ${conventions}
      where ${candidates}
        and not exists (select 1 from ${conventionReminders} where ${conventionReminders.conventionId} = ${conventions.id}
          and ${conventionReminders.lastRemindedAt} >= ${before})
      on conflict (convention_id) do update set last_reminded_at = excluded.last_reminded_at
        where ${conventionReminders.lastRemindedAt} < ${before}
      returning convention_id
    ), reminded as (
      select c.id, c.origin_school_id, c.origin_school_name, c.student_last_name, c.student_first_name, c.internship_date::text as internship_date
      from claimed inner join ${conventions} c on c.id = claimed.convention_id
    ), logged as (
      insert into ${conventionEvents} (convention_id, event, from_state, to_state, actor_user_id, actor_label, note, created_at)
      select id, 'remind', 'not_returned', 'not_returned', ${actorUserId}::uuid, ${actorLabel}, 'Relance envoyée à ' || origin_school_name, ${at}
      from reminded
    )
    select * from reminded`);
  return rowsOf<Record<string, string>>(result).map((row) => ({
    id: row.id,
    originSchoolId: row.origin_school_id,
    originSchoolName: row.origin_school_name,
    studentLastName: row.student_last_name,
    studentFirstName: row.student_first_name,
    internshipDate: String(row.internship_date).slice(0, 10),
  }));
}

/** One mail per origin school listing its reminded conventions, each with a fresh deposit link. */
export async function queueReminderMails(
  tx: Tx,
  reminded: RemindedConvention[],
  { hostSchoolId, hostSchoolName, now, today }: { hostSchoolId: string; hostSchoolName: string; now: Date; today: string },
): Promise<{ mails: number }> {
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
