import { and, between, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventions, enrollments, internships, schools } from "@/db/schema";
import { addDays, reminderCooldownCutoff } from "@/lib/core/conventions/convention-urgency";
import { parisToday } from "@/lib/server/internships/paris-today";
import { claimReminders, queueReminderMails } from "./claim-reminders";

export type ReminderRunReport = { reminded: number; mails: number };

/**
 * The session is held: neither the session nor the enrollment was cancelled. A scalar subquery, read
 * by primary key for each convention of the window: the planner cannot turn it into a join over every
 * enrollment of the school.
 */
export const sessionIsHeld = sql`coalesce((select ${enrollments.status} <> 'cancelled' and ${internships.cancelledAt} is null
  from ${enrollments} inner join ${internships} on ${internships.id} = ${enrollments.internshipId}
  where ${enrollments.id} = ${conventions.enrollmentId}), false)`;

/**
 * The daily reminder: for every host school, each convention not returned whose session is within the
 * school's urgency window (today included) and whose last reminder is older than its cooldown is
 * claimed by one guarded upsert (a second run at the same moment claims nothing), recorded in its
 * history, and listed in one mail per origin school.
 */
export async function sendDueReminders(
  db: Db,
  { now = new Date(), hostSchoolId }: { now?: Date; /** One host school only (measurements); every host school by default. */ hostSchoolId?: string } = {},
): Promise<ReminderRunReport> {
  const today = parisToday(now);
  const hosts = await db
    .select({ id: schools.id, name: schools.name, urgencyDays: schools.urgencyDays, cooldownDays: schools.reminderCooldownDays })
    .from(schools)
    .where(and(eq(schools.isHost, true), hostSchoolId ? eq(schools.id, hostSchoolId) : undefined));
  const report: ReminderRunReport = { reminded: 0, mails: 0 };
  for (const host of hosts) {
    const run = await db.transaction(async (tx) => {
      const claimed = await claimReminders(tx, {
        candidates: and(
          eq(conventions.hostSchoolId, host.id),
          eq(conventions.state, "not_returned"),
          between(conventions.internshipDate, today, addDays(today, host.urgencyDays)),
          sessionIsHeld,
        )!,
        cutoff: reminderCooldownCutoff(today, host.cooldownDays), now, actorUserId: null, actorLabel: "Relance automatique",
      });
      const { mails } = await queueReminderMails(tx, claimed, { hostSchoolId: host.id, hostSchoolName: host.name, now, today });
      return { reminded: claimed.length, mails };
    });
    report.reminded += run.reminded;
    report.mails += run.mails;
  }
  return report;
}
