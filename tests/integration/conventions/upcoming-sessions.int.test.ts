import { eq } from "drizzle-orm";
import { enrollments, students } from "@/db/schema";
import { listUpcomingSessions } from "@/db/queries/upcoming-sessions";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createWorld, tempFileStore } from "../deposits/deposit-fixtures";

describe.each(testDrivers())("the dashboard's upcoming sessions on %s", (driver) => {
  let database: TestDatabase;

  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  it("counts each session's enrollments as its own page does (drafts included, cancelled ones not), for host and origin", async () => {
    const world = await createWorld(database.db, tempFileStore().store);
    const [enrolled] = await database.db.select({ internshipId: enrollments.internshipId, studentId: enrollments.studentId })
      .from(enrollments).innerJoin(students, eq(students.id, enrollments.studentId)).where(eq(students.lastName, "Durand"));
    const [other] = await database.db.insert(students).values({
      originSchoolId: world.origin.schoolId, lastName: "Roux", firstName: "Inès", className: "3e B",
      birthDate: "2011-05-02", guardianName: "M. Roux", guardianEmail: null,
    }).returning({ id: students.id });
    const [third] = await database.db.insert(students).values({
      originSchoolId: world.origin.schoolId, lastName: "Blanc", firstName: "Noé", className: "3e B",
      birthDate: "2011-06-02", guardianName: "M. Blanc", guardianEmail: null,
    }).returning({ id: students.id });
    await database.db.insert(enrollments).values([
      { studentId: other.id, internshipId: enrolled.internshipId, status: "draft" },
      { studentId: third.id, internshipId: enrolled.internshipId, status: "cancelled" },
    ]);

    const forHost = await listUpcomingSessions(database.db, world.host, "2026-01-01", 10);
    expect(forHost.find((session) => session.id === enrolled.internshipId)?.enrolled).toBe(2);
    expect(forHost.map((session) => session.enrolled).sort()).toEqual([1, 1, 2]);
    const forOrigin = await listUpcomingSessions(database.db, world.origin, "2026-01-01", 10);
    expect(forOrigin.find((session) => session.id === enrolled.internshipId)?.enrolled).toBe(2);
    expect(await listUpcomingSessions(database.db, world.otherHost, "2026-01-01", 10)).toEqual([]);
  });
});
