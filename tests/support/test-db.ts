import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { openDatabase, setDbForTests, type Db } from "@/db/client";
import * as schema from "@/db/schema";

export type TestDriver = "pglite" | "postgres";

/** The drivers integration tests run on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function testDrivers(): TestDriver[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** `url`: on PostgreSQL, the copy's address, for tests that open a second connection as another server would. */
export type TestDatabase = { db: Db; driver: TestDriver; close: () => Promise<void>; url?: string };

/** A fresh, migrated database for one test file; it is also what getDb() returns meanwhile. */
export async function createTestDatabase(driver: TestDriver): Promise<TestDatabase> {
  if (driver === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const snapshot = readFileSync(process.env.TEST_PGLITE_SNAPSHOT!);
    const client = await PGlite.create({ loadDataDir: new Blob([snapshot]), extensions: { pg_trgm } });
    const db = drizzle(client, { schema }) as unknown as Db;
    setDbForTests(db);
    return { db, driver, close: async () => { setDbForTests(undefined); await client.close(); } };
  }
  const url = process.env.DATABASE_URL!;
  const { default: postgres } = await import("postgres");
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `conventions_test_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_PG_TEMPLATE}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ url: target.toString() });
  setDbForTests(handle.db);
  return {
    db: handle.db,
    driver,
    url: target.toString(),
    close: async () => {
      setDbForTests(undefined);
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
