import { and, eq, inArray, sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { conventionEvents, conventions, enrollments, internships, outbox } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { conventionIdFromDepositToken } from "@/lib/server/deposit-links";
import { isJobLeader, releaseJobLeadership } from "@/lib/server/jobs/is-job-leader";
import type { MailPayloads } from "@/lib/server/mail/mail-types";
import { remindSelectedConventions } from "@/lib/server/reminders/remind-selected-conventions";
import { sendDueReminders } from "@/lib/server/reminders/send-due-reminders";
import { REMINDER_SCHEDULE, runReminderJob } from "@/lib/server/reminders/start-reminder-schedule";
import { Cron } from "croner";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "../conventions/convention-fixtures";

jest.setTimeout(120_000);

/** 09:00 in Paris on Monday 2 March 2026. */
const monday = new Date("2026-03-02T08:00:00Z");
const at = (iso: string) => new Date(iso);

describe.each(testDrivers())("reminders of unreturned conventions on %s", (driver) => {
  let database: TestDatabase;
  let secondServer: DbHandle | null = null;
  let host: Actor;
  let origin: Actor;
  const ids: Record<string, string> = {};

  const reminderMails = (hostSchoolId: string) =>
    database.db.select().from(outbox).where(and(eq(outbox.template, "conventions-reminder"), eq(outbox.hostSchoolId, hostSchoolId)));
  const remindEvents = (conventionId: string) =>
    database.db.select().from(conventionEvents).where(and(eq(conventionEvents.conventionId, conventionId), eq(conventionEvents.event, "remind")));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    if (driver === "postgres") secondServer = await openDatabase({ url: database.url });
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college-relance.test" });
    const make = (lastName: string, date: string) => createConvention(database.db, { host, origin, lastName, date });
    ids.soon = await make("Proche", "2026-03-05");
    ids.edge = await make("Limite", "2026-03-09");
    ids.far = await make("Lointain", "2026-03-20");
    ids.past = await make("Passe", "2026-03-01");
    ids.cancelled = await make("Annule", "2026-03-04");
    ids.returned = await make("Retourne", "2026-03-06");
    await depositFile(database.db, ids.returned);
    const [cancelled] = await database.db.select({ enrollmentId: conventions.enrollmentId }).from(conventions).where(eq(conventions.id, ids.cancelled));
    const [enrollment] = await database.db.select({ internshipId: enrollments.internshipId }).from(enrollments).where(eq(enrollments.id, cancelled.enrollmentId));
    await database.db.update(internships).set({ cancelledAt: monday }).where(eq(internships.id, enrollment.internshipId));
  });
  afterAll(async () => {
    await releaseJobLeadership(database.db, "reminders");
    if (secondServer) {
      await releaseJobLeadership(secondServer.db, "reminders");
      await secondServer.close();
    }
    await database.close();
  });

  it("reminds the conventions whose session is within the window, never a cancelled, past, far or returned one, in one mail per origin school", async () => {
    const report = await sendDueReminders(database.db, { now: monday });
    expect(report.reminded).toBe(2);
    const mails = await reminderMails(host.schoolId);
    expect(mails).toHaveLength(1);
    expect(mails[0].toAddress).toBe("secretariat@college-relance.test");
    const payload = mails[0].payload as MailPayloads["conventions-reminder"];
    expect(payload.conventions.map((convention) => convention.studentName)).toEqual(["PROCHE Léa", "LIMITE Léa"]);
    expect(payload.conventions[0].urgency).toBe("dans 3 jours");
    // Each line carries a fresh deposit link for its own convention.
    const tokens = payload.conventions.map((convention) => convention.depositUrl.split("/depot/")[1]);
    expect(tokens.map((token) => conventionIdFromDepositToken(token, monday))).toEqual([ids.soon, ids.edge]);
    for (const name of ["far", "past", "cancelled", "returned"]) expect(await remindEvents(ids[name])).toHaveLength(0);
    const [event] = await remindEvents(ids.soon);
    expect(event).toMatchObject({ actorLabel: "Relance automatique", fromState: "not_returned", toState: "not_returned" });
  });

  it("waits for the cooldown (3 days by default) before reminding the same convention again", async () => {
    expect((await sendDueReminders(database.db, { now: at("2026-03-02T17:00:00Z") })).reminded).toBe(0);
    expect((await sendDueReminders(database.db, { now: at("2026-03-04T21:00:00Z") })).reminded).toBe(0);
    const thursday = await sendDueReminders(database.db, { now: at("2026-03-05T06:00:00Z") });
    expect(thursday.reminded).toBe(2);
    expect(await remindEvents(ids.soon)).toHaveLength(2);
    expect(await reminderMails(host.schoolId)).toHaveLength(2);
  });

  it("« Relancer » applies the same cooldown and says why a convention is left out", async () => {
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const foreign = await createConvention(database.db, { host: otherHost, origin, lastName: "Etranger", date: "2026-03-06" });
    const report = await remindSelectedConventions(database.db, {
      actor: host, conventionIds: [ids.far, ids.soon, ids.cancelled, ids.returned, ids.past, foreign], now: at("2026-03-05T09:00:00Z"),
    });
    expect(report.reminded.map((row) => row.conventionId)).toEqual([ids.far]);
    const reasons = Object.fromEntries(report.skipped.map((row) => [row.conventionId, row.reason]));
    expect(reasons).toEqual({
      [ids.soon]: "déjà relancée le 05-03",
      [ids.cancelled]: "session annulée",
      [ids.returned]: "déjà retournée",
      [ids.past]: "la session est passée",
      [foreign]: "introuvable dans votre établissement",
    });
    const [event] = await remindEvents(ids.far);
    expect(event.actorUserId).toBe(host.userId);
    expect(await remindEvents(foreign)).toHaveLength(0);
  });

  it("runs every morning at 7:00 in Paris, through the job lock, and queues the mails", async () => {
    const schedule = new Cron(REMINDER_SCHEDULE, { timezone: "Europe/Paris", paused: true });
    expect(schedule.nextRun(new Date("2026-03-02T08:00:00Z"))?.toISOString()).toBe("2026-03-03T06:00:00.000Z");
    expect(schedule.nextRun(new Date("2026-07-02T08:00:00Z"))?.toISOString()).toBe("2026-07-03T05:00:00.000Z");
    schedule.stop();
    const lycee = await createSchoolWithUser(database.db, { role: "host_admin" });
    const college = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "college-matin@test.example" });
    const late = await createConvention(database.db, { host: lycee, origin: college, lastName: "Matin", date: "2026-03-12" });
    await runReminderJob(at("2026-03-10T06:00:00Z"));
    expect(await remindEvents(late)).toHaveLength(1);
    const [mail] = await reminderMails(lycee.schoolId);
    expect(mail.toAddress).toBe("college-matin@test.example");
  });

  it("sends once when two servers run the job at the same moment", async () => {
    const lycee = await createSchoolWithUser(database.db, { role: "host_admin" });
    const college = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "college-double@test.example" });
    const late = await Promise.all(["Un", "Deux", "Trois"].map((lastName) =>
      createConvention(database.db, { host: lycee, origin: college, lastName, date: "2026-03-10" })));
    const now = at("2026-03-06T06:00:00Z");
    const servers = [database.db, secondServer?.db ?? database.db];
    // Without the job lock, the guarded claim alone keeps the second run from reminding again…
    const runs = await Promise.all(servers.map((db) => sendDueReminders(db, { now })));
    const remindedHere = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(conventionEvents)
      .where(and(inArray(conventionEvents.conventionId, late), eq(conventionEvents.event, "remind"))))[0].n;
    expect(Number(await remindedHere())).toBe(3);
    // The other schools' due conventions of that morning (one) are reminded once as well.
    expect(runs.reduce((sum, run) => sum + run.reminded, 0)).toBe(4);
    expect(await reminderMails(lycee.schoolId)).toHaveLength(1);
    // …and with it, as the schedule runs it, only the server holding the lock runs at all.
    const leaders = await Promise.all(servers.map((db) => isJobLeader(db, "reminders")));
    expect(leaders.filter(Boolean)).toHaveLength(driver === "postgres" ? 1 : 2);
    const later = at("2026-03-09T06:00:00Z");
    await Promise.all(servers.map(async (db, index) => { if (leaders[index]) await sendDueReminders(db, { now: later }); }));
    expect(Number(await remindedHere())).toBe(6);
    expect(await reminderMails(lycee.schoolId)).toHaveLength(2);
  });
});
