import { sql } from "drizzle-orm";
import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { seedDemo } from "@/lib/server/seed/seed-demo";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";

async function counts(database: TestDatabase) {
  const result = await database.db.execute(sql`select
    (select count(*) from schools)::int as schools, (select count(*) from users)::int as users,
    (select count(*) from internships)::int as internships, (select count(*) from enrollments)::int as enrollments,
    (select count(*) from conventions)::int as conventions, (select count(*) from outbox)::int as mails`);
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows)[0];
}

describe.each(testDrivers())("demo seed on %s", (driver) => {
  let database: TestDatabase;
  let filesDir: string;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    filesDir = mkdtempSync(path.join(os.tmpdir(), "seed-files-"));
    setFileStoreForTests(new LocalFileStore(filesDir));
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    rmSync(filesDir, { recursive: true, force: true });
    await database.close();
  });

  it("creates the demo schools, accounts, sessions and conventions, and adds nothing the second time", async () => {
    const now = new Date("2026-11-29T08:00:00Z");
    const first = await seedDemo(database.db, { now, enrollmentCount: 24 });
    expect(first.conventionsCreated).toBe(24);
    const before = await counts(database);
    expect(before).toMatchObject({ schools: 8, users: 4, internships: 40, enrollments: 24, conventions: 24 });

    const states = await database.db.execute(sql`select state, count(*)::int as n from conventions group by state`);
    const byState = Object.fromEntries((Array.isArray(states) ? states : (states as unknown as { rows: { state: string; n: number }[] }).rows)
      .map((row) => [(row as { state: string }).state, (row as { n: number }).n]));
    expect(byState).toEqual({ not_returned: expect.any(Number), pending_validation: expect.any(Number), validated: expect.any(Number) });

    const second = await seedDemo(database.db, { now, enrollmentCount: 24 });
    expect(second.conventionsCreated).toBe(0);
    expect(await counts(database)).toEqual(before);
  });

  it("lets each demo account log in with demo1234", async () => {
    for (const email of ["admin@lycee-demo.test", "secretariat@college-demo.test", "admin@lycee-autre.test"]) {
      expect(await verifyCredentials(database.db, email, "demo1234")).not.toBeNull();
    }
  });
});
