import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray, sql } from "drizzle-orm";
import { outbox, schools } from "@/db/schema";
import { listFailedMailsForConvention } from "@/db/queries/outbox";
import { drainOutbox, RETRY_WINDOW_MS, SENDING_LEASE_MS } from "@/lib/server/mail/drain-outbox";
import { DevMailboxMailer } from "@/lib/server/mail/dev-mailbox-mailer";
import { ResendMailer } from "@/lib/server/mail/resend-mailer";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createGeneratedConvention, queueTestMails, RecordingMailer, useTemporaryFileStore } from "./mail-fixtures";

// Loaded shared machine: database copies and password hashing in beforeAll can take several seconds.
jest.setTimeout(60_000);

const secondsLater = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe.each(testDrivers())("outbox on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let originWithoutContact: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useTemporaryFileStore();
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college.test" });
    originWithoutContact = await createSchoolWithUser(database.db, { role: "origin_staff" });
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    await database.close();
  });
  // Each test starts from an empty outbox so that counts mean what they say.
  beforeEach(async () => { await database.db.delete(outbox).where(sql`true`); });

  const mailsOf = (conventionId: string) => database.db.select().from(outbox).where(eq(outbox.conventionId, conventionId));

  it("queues the generation mail to the origin school's contact e-mail, with the deep links and the PDF", async () => {
    const { conventionId, studentName } = await createGeneratedConvention(database.db, host, origin);
    const mails = await mailsOf(conventionId);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ template: "convention-generated", toAddress: "secretariat@college.test", status: "pending", attempts: 0 });
    const payload = mail.payload as Record<string, string>;
    expect(payload.conventionUrl).toMatch(new RegExp(`/conventions/${conventionId}$`));
    expect(payload.depositUrl).toMatch(/\/depot\/[\w.-]+$/);
    expect(payload.studentName).toBe(studentName);
    expect(mail.attachments).toEqual([expect.objectContaining({ contentType: "application/pdf" })]);

    const mailer = new RecordingMailer();
    const report = await drainOutbox(database.db, { mailer });
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [delivered] = mailer.sent;
    expect(delivered.to).toBe("secretariat@college.test");
    expect(delivered.html).toContain(studentName);
    expect(delivered.html).toContain(payload.depositUrl);
    expect(delivered.text).toContain(payload.conventionUrl);
    expect(new TextDecoder().decode(delivered.attachments[0].content.subarray(0, 5))).toBe("%PDF-");
    const [after] = await mailsOf(conventionId);
    expect(after).toMatchObject({ status: "sent", providerId: "rec-1", attempts: 1, lastError: null });
    expect(after.sentAt).toBeInstanceOf(Date);
  });

  it("falls back to the accounts of an origin school without a contact e-mail", async () => {
    const { conventionId } = await createGeneratedConvention(database.db, host, originWithoutContact, "Martin");
    const mails = await mailsOf(conventionId);
    expect(mails.map((mail) => mail.toAddress)).toEqual([originWithoutContact.email]);
  });

  it("marks the mail delivered to the dev mailbox when no provider is configured", async () => {
    const [id] = await queueTestMails(database.db, 1);
    await drainOutbox(database.db, { mailer: new DevMailboxMailer() });
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: "sent", providerId: `dev-mailbox:${id}` });
  });

  it("keeps a mail the provider refused, retries it later, and records the provider id once it succeeds", async () => {
    const { conventionId } = await createGeneratedConvention(database.db, host, origin, "Bernard");
    const start = secondsLater(new Date(), 1);
    const mailer = new RecordingMailer(1);

    expect(await drainOutbox(database.db, { mailer, now: () => start })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [queued] = await mailsOf(conventionId);
    expect(queued).toMatchObject({ status: "pending", attempts: 1, lastError: "Fournisseur indisponible (503)", providerId: null });
    expect(queued.nextAttemptAt.getTime()).toBeGreaterThan(start.getTime());

    // Not due yet: a drain a second later leaves it alone.
    expect(await drainOutbox(database.db, { mailer, now: () => secondsLater(start, 1) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(mailer.sent).toHaveLength(0);

    const later = secondsLater(queued.nextAttemptAt, 1);
    expect(await drainOutbox(database.db, { mailer, now: () => later })).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [sent] = await mailsOf(conventionId);
    expect(sent).toMatchObject({ status: "sent", attempts: 2, providerId: "rec-1", lastError: null });
  });

  it("sends through Resend, retrying after an HTTP 500 and keeping Resend's id", async () => {
    const requests: { body: Record<string, unknown>; idempotencyKey: string | undefined }[] = [];
    let answers = [500, 200];
    const server: Server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => { body += chunk; });
      request.on("end", () => {
        requests.push({ body: JSON.parse(body), idempotencyKey: request.headers["idempotency-key"] as string | undefined });
        const status = answers.shift() ?? 200;
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(status === 200 ? { id: "re_test_123" } : { name: "internal_server_error", message: "Panne chez le fournisseur" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const mailer = new ResendMailer({ apiKey: "re_test", from: "Mini-stages <no-reply@test.example>", baseUrl: `http://127.0.0.1:${port}` });
      const [id] = await queueTestMails(database.db, 1);
      const start = secondsLater(new Date(), 1);

      expect(await drainOutbox(database.db, { mailer, now: () => start })).toMatchObject({ retried: 1 });
      const [failedOnce] = await database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(failedOnce).toMatchObject({ status: "pending", attempts: 1, providerId: null });
      expect(failedOnce.lastError).toContain("Panne chez le fournisseur");

      expect(await drainOutbox(database.db, { mailer, now: () => secondsLater(failedOnce.nextAttemptAt, 1) })).toMatchObject({ sent: 1 });
      const [sent] = await database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(sent).toMatchObject({ status: "sent", providerId: "re_test_123" });
      expect(requests).toHaveLength(2);
      expect(requests[1].body).toMatchObject({ to: "destinataire-0@test.example", from: "Mini-stages <no-reply@test.example>" });
      // The same key on both attempts lets Resend drop a duplicate if the first answer was lost.
      expect(requests[0].idempotencyKey).toBe(`outbox-${id}`);
      expect(requests[1].idempotencyKey).toBe(`outbox-${id}`);
    } finally {
      answers = [];
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("keeps retrying for 48 hours, then marks the mail failed and shows it to the host admins of that school only", async () => {
    const { conventionId } = await createGeneratedConvention(database.db, host, origin, "Petit");
    const mailer = new RecordingMailer(Number.POSITIVE_INFINITY);
    const [queued] = await mailsOf(conventionId);
    let clock = secondsLater(queued.createdAt, 1);
    let row = queued;
    let previousDelay = 0;
    // Each retry waits longer than the one before, until the delay reaches its ceiling.
    while (row.status !== "failed") {
      await drainOutbox(database.db, { mailer, now: () => clock });
      [row] = await mailsOf(conventionId);
      if (row.status === "failed") break;
      expect(row.status).toBe("pending");
      const delay = row.nextAttemptAt.getTime() - clock.getTime();
      expect(delay).toBeGreaterThanOrEqual(Math.min(previousDelay, row.retryUntil.getTime() - clock.getTime()));
      previousDelay = delay;
      clock = row.nextAttemptAt;
    }
    // Given up at the deadline, 48 h after queueing, not before.
    expect(clock.getTime()).toBeGreaterThanOrEqual(queued.createdAt.getTime() + RETRY_WINDOW_MS);
    expect(row.attempts).toBeGreaterThan(100);
    // A failed mail is not picked up again by the drain.
    expect(await drainOutbox(database.db, { mailer, now: () => secondsLater(clock, 86_400) })).toEqual({ sent: 0, retried: 0, failed: 0 });

    const shown = await listFailedMailsForConvention(host, conventionId);
    expect(shown).toEqual([expect.objectContaining({
      toAddress: "secretariat@college.test", attempts: row.attempts, lastError: "Fournisseur indisponible (503)",
    })]);
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    expect(await listFailedMailsForConvention(otherHost, conventionId)).toEqual([]);
    expect(await listFailedMailsForConvention(origin, conventionId)).toEqual([]);
  });

  it("sends each mail exactly once when two drainers run at the same time", async () => {
    const ids = await queueTestMails(database.db, 30);
    const mailer = new RecordingMailer(0, 5);
    const reports = await Promise.all([
      drainOutbox(database.db, { mailer, batchSize: 7 }),
      drainOutbox(database.db, { mailer, batchSize: 7 }),
    ]);
    expect(reports[0].sent + reports[1].sent).toBe(30);
    // Both really worked at once: each claimed and sent part of the queue.
    expect(reports[0].sent).toBeGreaterThan(0);
    expect(reports[1].sent).toBeGreaterThan(0);
    const sentKeys = mailer.sent.map((mail) => mail.idempotencyKey).sort();
    expect(sentKeys).toEqual([...ids].sort());
    expect(new Set(sentKeys).size).toBe(30);
    const rows = await database.db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("sends again a mail whose sender crashed mid-send, once its lease has expired", async () => {
    const [id] = await queueTestMails(database.db, 1);
    const crashedAt = secondsLater(new Date(), 1);
    await database.db.update(outbox)
      .set({ status: "sending", attempts: 1, nextAttemptAt: new Date(crashedAt.getTime() + SENDING_LEASE_MS) })
      .where(eq(outbox.id, id));
    const mailer = new RecordingMailer();
    expect(await drainOutbox(database.db, { mailer, now: () => secondsLater(crashedAt, 60) })).toMatchObject({ sent: 0 });
    expect(await drainOutbox(database.db, { mailer, now: () => new Date(crashedAt.getTime() + SENDING_LEASE_MS + 1000) })).toMatchObject({ sent: 1 });
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("reads the contact e-mail set in Options for the next mails", async () => {
    await database.db.update(schools).set({ contactEmail: "nouvelle@college.test" }).where(eq(schools.id, originWithoutContact.schoolId));
    const { conventionId } = await createGeneratedConvention(database.db, host, originWithoutContact, "Roux");
    expect((await mailsOf(conventionId)).map((mail) => mail.toAddress)).toEqual(["nouvelle@college.test"]);
  });
});
