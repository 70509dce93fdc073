import { openDatabase, type DbHandle } from "@/db/client";
import { isJobLeader, releaseJobLeadership } from "@/lib/server/jobs/is-job-leader";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";

describe.each(testDrivers())("scheduled jobs across servers on %s", (driver) => {
  let database: TestDatabase;
  let secondServer: DbHandle | null = null;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    // A second server: its own connections to the same PostgreSQL database.
    if (driver === "postgres") secondServer = await openDatabase({ url: database.url });
  });
  afterAll(async () => {
    await releaseJobLeadership(database.db, "file-cleanup");
    if (secondServer) {
      await releaseJobLeadership(secondServer.db, "file-cleanup");
      await secondServer.close();
    }
    await database.close();
  });

  it("lets exactly one server run a job, tick after tick, and hands it over when that server lets go", async () => {
    const first = database.db;
    expect(await isJobLeader(first, "file-cleanup")).toBe(true);
    expect(await isJobLeader(first, "file-cleanup")).toBe(true);
    if (!secondServer) return; // The embedded database serves one process: it always runs its jobs.
    const second = secondServer.db;
    expect(await isJobLeader(second, "file-cleanup")).toBe(false);
    expect(await isJobLeader(second, "file-cleanup")).toBe(false);
    // Another job is led independently.
    expect(await isJobLeader(second, "reminders")).toBe(true);
    expect(await isJobLeader(first, "reminders")).toBe(false);
    await releaseJobLeadership(second, "reminders");

    await releaseJobLeadership(first, "file-cleanup");
    expect(await isJobLeader(second, "file-cleanup")).toBe(true);
    expect(await isJobLeader(first, "file-cleanup")).toBe(false);
  });
});
