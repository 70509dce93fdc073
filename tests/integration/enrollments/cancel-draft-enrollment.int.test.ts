import { listEnrollmentsOfStudent } from "@/db/queries/enrollments";
import { isAppError } from "@/lib/core/errors";
import { cancelDraftEnrollment } from "@/lib/server/enrollments/cancel-draft-enrollment";
import { completeEnrollment } from "@/lib/server/enrollments/complete-enrollment";
import { enrollStudent } from "@/lib/server/enrollments/enroll-student";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createPupil, createSession, NOW, useTemporaryFileStore } from "../internships/stage-fixtures";

const codeOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (isAppError(error) ? error.code : String(error)));

describe.each(testDrivers())("abandoning a draft enrollment on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useTemporaryFileStore();
  }, 60_000);
  afterAll(async () => { await database.close(); });

  it("removes a draft of one's own pupil only; a completed one and another school's stay", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const staff = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college.test" });
    const otherStaff = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const studentId = await createPupil(database.db, staff, { lastName: "Roux", firstName: "Inès" });
    const first = await enrollStudent(database.db, staff, { studentId, internshipId: await createSession(database.db, host) }, NOW);
    const second = await enrollStudent(database.db, staff, { studentId, internshipId: await createSession(database.db, host, { date: "2026-12-18" }) }, NOW);

    expect(await codeOf(cancelDraftEnrollment(database.db, otherStaff, { enrollmentId: first.enrollmentId }))).toBe("NOT_FOUND");
    expect(await codeOf(cancelDraftEnrollment(database.db, host, { enrollmentId: first.enrollmentId }))).toBe("FORBIDDEN");
    expect(await cancelDraftEnrollment(database.db, staff, { enrollmentId: first.enrollmentId })).toEqual({ studentId });
    expect((await listEnrollmentsOfStudent(database.db, staff, studentId)).map((row) => row.enrollmentId)).toEqual([second.enrollmentId]);

    await completeEnrollment(database.db, staff, { enrollmentId: second.enrollmentId }, NOW);
    expect(await codeOf(cancelDraftEnrollment(database.db, staff, { enrollmentId: second.enrollmentId }))).toBe("TRANSITION_NOT_ALLOWED");
    expect(await listEnrollmentsOfStudent(database.db, staff, studentId)).toHaveLength(1);
  });
});
