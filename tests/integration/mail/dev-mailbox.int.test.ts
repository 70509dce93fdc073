import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { GET as downloadAttachment } from "@/app/dev/courriels/[id]/pieces-jointes/[index]/route";
import { findDevMailboxMail } from "@/lib/server/mail/find-dev-mailbox-mail";
import { isDevMailboxEnabled } from "@/lib/server/mail/is-dev-mailbox-enabled";
import { listDevMailboxMails } from "@/lib/server/mail/list-dev-mailbox-mails";
import { drainOutbox } from "@/lib/server/mail/drain-outbox";
import { DevMailboxMailer } from "@/lib/server/mail/dev-mailbox-mailer";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createGeneratedConvention, useTemporaryFileStore } from "./mail-fixtures";

// Loaded shared machine: database copies and password hashing in beforeAll can take several seconds.
jest.setTimeout(60_000);

function withEnv<T>(values: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (next: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) delete process.env[key];
      else Object.assign(process.env, { [key]: value });
    }
  };
  apply(values);
  return run().finally(() => apply(saved));
}

describe.each(testDrivers())("dev mailbox on %s", (driver) => {
  let database: TestDatabase;
  let conventionId: string;
  let mailId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useTemporaryFileStore();
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college.test" });
    ({ conventionId } = await createGeneratedConvention(database.db, host, origin, "Lefèvre"));
    await drainOutbox(database.db, { mailer: new DevMailboxMailer() });
    [{ id: mailId }] = await database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.conventionId, conventionId));
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    await database.close();
  });

  it("lists the delivered mail with its recipient, subject and status", async () => {
    const mails = await listDevMailboxMails(database.db);
    expect(mails).toEqual([expect.objectContaining({
      id: mailId, toAddress: "secretariat@college.test", status: "sent", attempts: 1, attachmentCount: 1,
      subject: expect.stringContaining("LEFÈVRE Léa"),
    })]);
  });

  it("shows the mail as rendered, with the deep link readable before logging in", async () => {
    const mail = await findDevMailboxMail(database.db, mailId);
    expect(mail.html).toContain("LEFÈVRE Léa");
    expect(mail.text).toContain(`/conventions/${conventionId}`);
    expect(mail.links).toEqual(expect.arrayContaining([
      { name: "conventionUrl", url: expect.stringMatching(new RegExp(`/conventions/${conventionId}$`)) },
      { name: "depositUrl", url: expect.stringContaining("/depot/") },
    ]));
  });

  it("lets the developer download the attached PDF", async () => {
    const response = await downloadAttachment(new Request("http://localhost/"), { params: Promise.resolve({ id: mailId, index: "0" }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    // The same name as the Conv. download: accents folded, so that every mail client keeps it.
    expect(response.headers.get("content-disposition")).toContain("convention-LEFEVRE-Lea-2026-03-14.pdf");
    expect(new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).subarray(0, 5))).toBe("%PDF-");
    const missing = await downloadAttachment(new Request("http://localhost/"), { params: Promise.resolve({ id: mailId, index: "3" }) });
    expect(missing.status).toBe(404);
  });

  it("does not exist once a provider is configured, nor in production", async () => {
    expect(isDevMailboxEnabled()).toBe(true);
    await withEnv({ RESEND_API_KEY: "re_test" }, async () => {
      expect(isDevMailboxEnabled()).toBe(false);
      await expect(listDevMailboxMails(database.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(findDevMailboxMail(database.db, mailId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      const response = await downloadAttachment(new Request("http://localhost/"), { params: Promise.resolve({ id: mailId, index: "0" }) });
      expect(response.status).toBe(404);
    });
    await withEnv({ NODE_ENV: "production" }, async () => {
      await expect(listDevMailboxMails(database.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  it("answers not-found for an unknown or malformed id", async () => {
    await expect(findDevMailboxMail(database.db, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findDevMailboxMail(database.db, "'; drop table outbox; --")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.select({ id: outbox.id }).from(outbox)).toHaveLength(1);
  });
});
