import { inArray, sql } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { listFailedMailsForHost } from "@/db/queries/outbox";
import type { Actor } from "@/lib/core/auth/actor";
import { drainOutbox, RETRY_WINDOW_MS } from "@/lib/server/mail/drain-outbox";
import type { Mailer, OutgoingMail } from "@/lib/server/mail/mailer";
import { queueMail } from "@/lib/server/mail/queue-mail";
import { resendFailedMail } from "@/lib/server/mail/resend-failed-mail";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/test-db";
import { createSchoolWithUser } from "../support/seed-fixtures";

jest.setTimeout(300_000);

/** A provider that is down until `upFrom` on the test's clock, and records every mail it accepts. */
class OutageMailer implements Mailer {
  readonly name = "outage";
  readonly delivered: OutgoingMail[] = [];
  constructor(private readonly clock: () => Date, public upFrom: Date) {}
  async send(mail: OutgoingMail) {
    if (this.clock().getTime() < this.upFrom.getTime()) throw new Error("Fournisseur indisponible (503)");
    this.delivered.push(mail);
    return { providerId: `p-${mail.idempotencyKey}` };
  }
}

describe.each(testDrivers())("no mail lost to a provider outage, on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff" });
  });
  afterAll(async () => { await database.close(); });
  beforeEach(async () => { await database.db.delete(outbox).where(sql`true`); });

  async function queueCancellations(count: number): Promise<string[]> {
    await queueMail(database.db, Array.from({ length: count }, (_, index) => ({
      template: "internship-cancelled" as const,
      to: `secretariat-${index}@college.test`,
      schoolId: origin.schoolId,
      hostSchoolId: host.schoolId,
      payload: { schoolName: "Collège", internshipTitle: `Stage ${index}`, internshipDate: "14-03-2026", hostSchoolName: host.schoolName, studentNames: ["DUPONT Léa"] },
    })));
    return (await database.db.select({ id: outbox.id }).from(outbox)).map((row) => row.id);
  }

  it("sends every mail exactly once after the provider was down for 2 hours", async () => {
    const ids = await queueCancellations(12);
    const start = new Date();
    let clock = start;
    const mailer = new OutageMailer(() => clock, new Date(start.getTime() + 2 * 60 * 60_000));
    // The drain runs every 5 s on each server; two servers here, for 3 hours of the test's clock.
    for (let elapsed = 0; elapsed <= 3 * 60 * 60_000; elapsed += 5_000) {
      clock = new Date(start.getTime() + elapsed);
      await Promise.all([drainOutbox(database.db, { mailer, now: () => clock }), drainOutbox(database.db, { mailer, now: () => clock })]);
      if (mailer.delivered.length === ids.length && elapsed > 2 * 60 * 60_000) break;
    }
    const keys = mailer.delivered.map((mail) => mail.idempotencyKey).sort();
    expect(keys).toEqual([...ids].sort());
    const rows = await database.db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((row) => row.status === "sent")).toBe(true);
    // Sent within 20 minutes of the provider's return.
    expect(clock.getTime() - mailer.upFrom.getTime()).toBeLessThanOrEqual(20 * 60_000 + 5_000);
  });

  it("marks a mail failed only after 48 hours; the host admins see it, with no convention, and « Renvoyer » sends it", async () => {
    const [id] = await queueCancellations(1);
    const start = new Date();
    let clock = start;
    const mailer = new OutageMailer(() => clock, new Date(start.getTime() + 100 * 60 * 60_000));
    while (true) {
      await drainOutbox(database.db, { mailer, now: () => clock });
      const [row] = await database.db.select().from(outbox).where(inArray(outbox.id, [id]));
      if (row.status === "failed") break;
      expect(row.status).toBe("pending");
      clock = row.nextAttemptAt;
    }
    expect(clock.getTime() - start.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS - 60_000);

    const shown = await listFailedMailsForHost(database.db, host);
    expect(shown).toEqual([expect.objectContaining({ id, conventionId: null, toAddress: "secretariat-0@college.test" })]);
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    expect(await listFailedMailsForHost(database.db, otherHost)).toEqual([]);
    expect(await listFailedMailsForHost(database.db, origin)).toEqual([]);
    await expect(resendFailedMail(database.db, otherHost, { mailId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resendFailedMail(database.db, origin, { mailId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    mailer.upFrom = clock;
    await resendFailedMail(database.db, host, { mailId: id, now: clock });
    await expect(resendFailedMail(database.db, host, { mailId: id, now: clock })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await drainOutbox(database.db, { mailer, now: () => clock })).toMatchObject({ sent: 1 });
    expect(mailer.delivered.map((mail) => mail.idempotencyKey)).toEqual([id]);
    expect(await listFailedMailsForHost(database.db, host)).toEqual([]);
  });
});
