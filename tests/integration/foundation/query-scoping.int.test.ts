import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { eq } from "drizzle-orm";
import { conventions, enrollments, internships, schools, students } from "@/db/schema";
import { seedDemo } from "@/lib/server/seed/seed-demo";
import { countConventionTabs } from "@/db/queries/convention-tab-counts";
import { findConventionDetail } from "@/db/queries/convention-detail";
import { findConventionFile } from "@/db/queries/convention-file";
import { listConventionTab } from "@/db/queries/convention-tab";
import { listUpcomingSessions } from "@/db/queries/upcoming-sessions";
import { searchConventions } from "@/db/queries/convention-search";
import { findConventionForDeposit, listDepositableConventions } from "@/db/queries/deposits";
import { listEnrollmentsOfInternship, listEnrollmentsOfStudent } from "@/db/queries/enrollments";
import { findInternship, listInternships, listInternshipsOfMonth } from "@/db/queries/internships";
import { listFailedMailsForConvention } from "@/db/queries/outbox";
import { findSchoolOptions } from "@/db/queries/schools";
import { findStudent, listStudents } from "@/db/queries/students";
import { findUserForLogin } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/actor";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";

const page = { q: "", order: "asc" as const, page: 1, size: 50 };

type Ids = { conventionId: string; internshipId: string; studentId: string; month: string };

/** Every read a page, action or route makes, called as one actor; each answers what that actor may see. */
function reads(database: TestDatabase, actor: Actor, ids: Ids) {
  const db = database.db;
  return {
    countConventionTabs: async () => {
      const counts = await countConventionTabs(db, actor);
      return counts.not_returned.total + counts.pending_validation.total + counts.validated.total;
    },
    listConventionTab: async () => (await listConventionTab(db, actor, "not_returned", { ...page, sort: "nom" })).rows.length,
    findConventionDetail: async () => (await findConventionDetail(db, actor, ids.conventionId)) ? 1 : 0,
    findConventionFile: async () => (await findConventionFile(db, actor, ids.conventionId)) ? 1 : 0,
    searchConventions: async () => (await searchConventions(db, actor, "a")).length,
    listUpcomingSessions: async () => (await listUpcomingSessions(db, actor, "2026-09-01")).length,
    listEnrollmentsOfInternship: async () => (await listEnrollmentsOfInternship(db, actor, ids.internshipId)).length,
    listEnrollmentsOfStudent: async () => (await listEnrollmentsOfStudent(db, actor, ids.studentId)).length,
    findStudent: async () => (await findStudent(db, actor, ids.studentId)) ? 1 : 0,
    listStudents: async () => (await listStudents(db, actor, { ...page, sort: "nom" })).rows.length,
    listFailedOrDepositable: async () => (await listDepositableConventions(db, { kind: "user", actor })).length,
    // The deposit needs to know a convention exists to answer "convention d'un autre établissement",
    // so this one read answers for any id, flagged out of scope.
    findConventionForDeposit: async () => (await findConventionForDeposit(db, { kind: "user", actor }, ids.conventionId))?.isInScope ? 1 : 0,
  };
}

/** Reads that only concern a host school's own sessions. */
function hostReads(database: TestDatabase, actor: Actor, ids: Ids) {
  const db = database.db;
  return {
    findInternship: async () => (await findInternship(db, actor, ids.internshipId)) ? 1 : 0,
    listInternships: async () => (await listInternships(db, actor, { ...page, sort: "date" }, "2026-09-01")).rows.length,
    listInternshipsOfMonth: async () => (await listInternshipsOfMonth(db, actor, ids.month)).length,
  };
}

async function demoActor(database: TestDatabase, email: string): Promise<Actor> {
  const user = await findUserForLogin(database.db, email);
  const { passwordHash: _unused, ...actor } = user!;
  return actor;
}

describe.each(testDrivers())("every query is scoped by the actor's school on %s", (driver) => {
  let database: TestDatabase;
  let filesDir: string;
  let ids: Ids;
  let hostAdmin: Actor;
  let originStaff: Actor;
  let outsiderHost: Actor;
  let outsiderOrigin: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    filesDir = mkdtempSync(path.join(os.tmpdir(), "scoping-files-"));
    setFileStoreForTests(new LocalFileStore(filesDir));
    await seedDemo(database.db, { now: new Date("2026-11-29T08:00:00Z"), enrollmentCount: 24 });
    hostAdmin = await demoActor(database, "admin@lycee-demo.test");
    originStaff = await demoActor(database, "secretariat@college-demo.test");
    outsiderHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    outsiderOrigin = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const [row] = await database.db
      .select({ conventionId: conventions.id, internshipId: internships.id, studentId: students.id, date: internships.date })
      .from(conventions)
      .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(schools, eq(schools.id, students.originSchoolId))
      .where(eq(schools.uai, "0751003C"))
      .limit(1);
    ids = { ...row, month: row.date.slice(0, 7) };
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    rmSync(filesDir, { recursive: true, force: true });
    await database.close();
  });

  it("shows the demo host admin and the demo collège their own data", async () => {
    for (const [name, read] of Object.entries({ ...reads(database, hostAdmin, ids), ...hostReads(database, hostAdmin, ids) })) {
      if (name === "listStudents" || name === "listFailedOrDepositable" || name === "findConventionForDeposit") continue;
      expect({ name, found: (await read()) > 0 }).toEqual({ name, found: true });
    }
    for (const [name, read] of Object.entries(reads(database, originStaff, ids))) {
      expect({ name, found: (await read()) > 0 }).toEqual({ name, found: true });
    }
  });

  it("shows a host admin and a collège of other schools nothing of them", async () => {
    for (const outsider of [outsiderHost, outsiderOrigin]) {
      for (const [name, read] of Object.entries(reads(database, outsider, ids))) {
        expect({ name, role: outsider.role, found: await read() }).toEqual({ name, role: outsider.role, found: 0 });
      }
    }
    for (const [name, read] of Object.entries(hostReads(database, outsiderHost, ids))) {
      expect({ name, found: await read() }).toEqual({ name, found: 0 });
    }
    expect(await listFailedMailsForConvention(outsiderHost, ids.conventionId)).toEqual([]);
    expect((await findSchoolOptions(outsiderHost)).name).toBe(outsiderHost.schoolName);
  });

  it("fails closed when there is no actor", async () => {
    const nobody = null as unknown as Actor;
    for (const [name, read] of Object.entries({ ...reads(database, nobody, ids), ...hostReads(database, nobody, ids) })) {
      await expect(read().then(() => name)).rejects.toBeDefined();
    }
    await expect(listFailedMailsForConvention(nobody, ids.conventionId)).rejects.toBeDefined();
    await expect(findSchoolOptions(nobody)).rejects.toBeDefined();
  });
});
