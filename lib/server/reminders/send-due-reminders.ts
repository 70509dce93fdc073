import { and, between, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventions, enrollments, internships, schools } from "@/db/schema";
import { addDays, reminderCooldownCutoff } from "@/lib/core/conventions/convention-urgency";
import { parisToday } from "@/lib/server/internships/paris-today";
import { recordReminders } from "./record-reminders";

export type ReminderRunReport = { reminded: number; mails: number };

/** The session is held: neither the session nor the enrollment was cancelled. */
export const sessionIsHeld = sql`exists (select 1 from ${enrollments} inner join ${internships} on ${internships.id} = ${enrollments.internshipId}
  where ${enrollments.id} = ${conventions.enrollmentId} and ${enrollments.status} <> 'cancelled' and ${internships.cancelledAt} is null)`;

/**
 * The daily reminder: for every host school, each convention not returned whose session is within the
 * school's urgency window (today included) and whose last reminder is older than its cooldown is
 * claimed by one guarded UPDATE (a second run at the same moment claims nothing), recorded in its
 * history, and listed in one mail per origin school.
 */
export async function sendDueReminders(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<ReminderRunReport> {
  const today = parisToday(now);
  const hosts = await db
    .select({ id: schools.id, name: schools.name, urgencyDays: schools.urgencyDays, cooldownDays: schools.reminderCooldownDays })
    .from(schools)
    .where(eq(schools.isHost, true));
  const report: ReminderRunReport = { reminded: 0, mails: 0 };
  for (const host of hosts) {
    const run = await db.transaction(async (tx) => {
      const claimed = await tx
        .update(conventions)
        .set({ lastRemindedAt: now })
        .where(and(
          eq(conventions.hostSchoolId, host.id),
          eq(conventions.state, "not_returned"),
          between(conventions.internshipDate, today, addDays(today, host.urgencyDays)),
          or(isNull(conventions.lastRemindedAt), lt(conventions.lastRemindedAt, reminderCooldownCutoff(today, host.cooldownDays))),
          sessionIsHeld,
        ))
        .returning({
          id: conventions.id,
          originSchoolId: conventions.originSchoolId,
          originSchoolName: conventions.originSchoolName,
          studentLastName: conventions.studentLastName,
          studentFirstName: conventions.studentFirstName,
          internshipDate: conventions.internshipDate,
        });
      const { mails } = await recordReminders(tx, claimed, {
        hostSchoolId: host.id, hostSchoolName: host.name, actorUserId: null, actorLabel: "Relance automatique", now, today,
      });
      return { reminded: claimed.length, mails };
    });
    report.reminded += run.reminded;
    report.mails += run.mails;
  }
  return report;
}
