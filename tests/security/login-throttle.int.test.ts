import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { loginLockouts } from "@/db/schema";
import { clientAddressOf } from "@/lib/server/auth/client-address";
import { ACCOUNT_THROTTLE, lockoutMessage, logInWithPassword } from "@/lib/server/auth/log-in-with-password";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/test-db";
import { createSchoolWithUser } from "../support/seed-fixtures";

jest.setTimeout(120_000);

const minutesLater = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

describe.each(testDrivers())("login throttling on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  it("refuses the right password after 40 wrong ones, says how long to wait, and records the lockout", async () => {
    const user = await createSchoolWithUser(database.db, { role: "host_admin" });
    const start = new Date("2026-03-02T08:00:00Z");
    const outcomes = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      outcomes.push(await logInWithPassword(database.db, { email: user.email, password: `faux-${attempt}`, ipAddress: "203.0.113.7", now: new Date(start.getTime() + attempt * 300) }));
    }
    expect(outcomes.filter((outcome) => outcome.kind === "refused")).toHaveLength(ACCOUNT_THROTTLE.maxAttempts);
    const right = await logInWithPassword(database.db, { email: user.email, password: "secret-de-test", ipAddress: "198.51.100.9", now: new Date(start.getTime() + 13_000) });
    expect(right.kind).toBe("locked");
    if (right.kind !== "locked") return;
    expect(lockoutMessage(right.retryAfterSeconds)).toMatch(/^Trop de tentatives de connexion\. .*réessayez dans 15 minutes\.$/);
    const lockouts = await database.db.select().from(loginLockouts).where(eq(loginLockouts.key, `compte:${user.email}`));
    expect(lockouts).toHaveLength(1);

    // Once the lock has passed, the right password logs in and the account's count starts afresh.
    const later = minutesLater(start, 16);
    expect((await logInWithPassword(database.db, { email: user.email, password: "secret-de-test", ipAddress: "198.51.100.9", now: later })).kind).toBe("logged-in");
    for (let attempt = 0; attempt < ACCOUNT_THROTTLE.maxAttempts - 1; attempt += 1) {
      expect((await logInWithPassword(database.db, { email: user.email, password: "faux", ipAddress: "198.51.100.9", now: later })).kind).toBe("refused");
    }
    expect((await logInWithPassword(database.db, { email: user.email, password: "secret-de-test", ipAddress: "198.51.100.9", now: later })).kind).toBe("logged-in");
  });

  it("lets no more than the limit reach the password check when attempts arrive at once from several servers", async () => {
    const user = await createSchoolWithUser(database.db, { role: "origin_staff" });
    // A second connection stands for a second `next start` process on the same database (PGlite has one).
    const secondHandle = database.url ? await openDatabase({ url: database.url }) : null;
    const second: Db = secondHandle?.db ?? database.db;
    const now = new Date("2026-03-03T08:00:00Z");
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, attempt) =>
      logInWithPassword(attempt % 2 ? second : database.db, { email: user.email, password: attempt === 19 ? "secret-de-test" : `faux-${attempt}`, ipAddress: null, now })));
    const checked = outcomes.filter((outcome) => outcome.kind !== "locked");
    expect(checked.length).toBeLessThanOrEqual(ACCOUNT_THROTTLE.maxAttempts);
    expect(outcomes.filter((outcome) => outcome.kind === "locked").length).toBeGreaterThanOrEqual(20 - ACCOUNT_THROTTLE.maxAttempts);
    await secondHandle?.close();
  });

  it("counts per address across accounts, and treats an address-only flood without a valid e-mail alike", async () => {
    const now = new Date("2026-03-04T08:00:00Z");
    const outcomes = [];
    for (let attempt = 0; attempt < 31; attempt += 1) {
      outcomes.push(await logInWithPassword(database.db, { email: `inconnu-${attempt}@test.example`, password: "faux", ipAddress: "192.0.2.50", now }));
    }
    expect(outcomes.slice(0, 30).every((outcome) => outcome.kind === "refused")).toBe(true);
    expect(outcomes[30].kind).toBe("locked");
    const user = await createSchoolWithUser(database.db, { role: "origin_staff" });
    expect((await logInWithPassword(database.db, { email: user.email, password: "secret-de-test", ipAddress: "192.0.2.50", now })).kind).toBe("locked");
    expect((await logInWithPassword(database.db, { email: user.email, password: "secret-de-test", ipAddress: "192.0.2.51", now })).kind).toBe("logged-in");
    // A NUL in the e-mail is a refusal, not a database error.
    expect((await logInWithPassword(database.db, { email: "a\u0000@test.example", password: "x", ipAddress: "192.0.2.52", now })).kind).toBe("refused");
  });

  it("reads the address a reverse proxy appended, not one the client wrote first", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "::1" }))).toBe("::1");
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "<script>" }))).toBeNull();
    expect(clientAddressOf(new Headers())).toBeNull();
  });
});
