import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { findActorById } from "@/db/queries/users";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";

describe.each(testDrivers())("foundation on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  it("applies every migration, including the trigram extension the name search needs", async () => {
    const tables = rowsOf<{ table_name: string }>(await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    )).map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining([
      "convention_events", "conventions", "deposits", "enrollments", "internships", "outbox", "schools", "students", "users",
    ]));
    const similarity = rowsOf<{ s: number }>(await database.db.execute(sql`select similarity('dupont', 'dupond') as s`));
    expect(Number(similarity[0].s)).toBeGreaterThan(0.3);
  });

  it("logs in with the right password, whatever the case of the e-mail", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "host_admin" });
    const loggedIn = await verifyCredentials(database.db, actor.email.toUpperCase(), "secret-de-test");
    expect(loggedIn).toMatchObject({ userId: actor.userId, schoolId: actor.schoolId, role: "host_admin" });
    expect(loggedIn).not.toHaveProperty("passwordHash");
  });

  it("refuses a wrong password and an unknown e-mail alike", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "origin_staff" });
    expect(await verifyCredentials(database.db, actor.email, "mauvais")).toBeNull();
    expect(await verifyCredentials(database.db, "inconnu@test.example", "secret-de-test")).toBeNull();
    expect(await verifyCredentials(database.db, actor.email, "")).toBeNull();
    expect(await verifyCredentials(database.db, undefined, undefined)).toBeNull();
  });

  it("re-reads the session's user so a deleted account loses access", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "origin_staff" });
    expect(await findActorById(database.db, actor.userId)).toMatchObject({ schoolName: actor.schoolName });
    expect(await findActorById(database.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
