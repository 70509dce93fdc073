import { Cron } from "croner";
import { getDb } from "@/db/client";
import { isJobLeader } from "@/lib/server/jobs/is-job-leader";
import { runOutboxDrain } from "@/lib/server/mail/run-outbox-drain";
import { sendDueReminders } from "./send-due-reminders";

/** Every morning at 7:00, French time: the secretaries find the mails when they arrive. */
export const REMINDER_SCHEDULE = "0 7 * * *";

type GlobalWithReminders = typeof globalThis & { __conventionsReminderCron?: Cron };
const globalForReminders = globalThis as GlobalWithReminders;

/** One run on the server leading the « reminders » job; never throws (a failure is logged, tomorrow tries again). */
export async function runReminderJob(now = new Date()): Promise<void> {
  try {
    const db = await getDb();
    if (!(await isJobLeader(db, "reminders"))) return;
    const report = await sendDueReminders(db, { now });
    if (report.reminded > 0) {
      console.info(`Relances : ${report.reminded} convention(s), ${report.mails} courriel(s).`);
      await runOutboxDrain();
    }
  } catch (error) {
    console.error("Daily reminder run failed", error);
  }
}

/**
 * Schedules the daily reminders with croner (`protect`: a run still going is not overlapped). Every
 * server schedules it; the advisory lock of isJobLeader lets one of them run it, and the guarded
 * claim of each convention keeps a second run from reminding it again.
 */
export function startReminderSchedule(): void {
  if (globalForReminders.__conventionsReminderCron) return;
  globalForReminders.__conventionsReminderCron = new Cron(REMINDER_SCHEDULE, { timezone: "Europe/Paris", protect: true, unref: true }, () => runReminderJob());
}
