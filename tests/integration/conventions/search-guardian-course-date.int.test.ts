import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { conventions, enrollments, internships, students } from "@/db/schema";
import { searchConventions, searchOwnStudents } from "@/db/queries/convention-search";
import { listStudents } from "@/db/queries/students";
import { listInternships } from "@/db/queries/internships";
import { listDepositableConventions } from "@/db/queries/deposits";
import { loadConventionTab } from "@/app/(portal)/conventions/load-convention-tab";
import type { Actor } from "@/lib/core/auth/actor";
import { conventionSearchText, internshipSearchText, studentSearchText } from "@/lib/core/text/search-texts";
import { completeEnrollment } from "@/lib/server/enrollments/complete-enrollment";
import { enrollStudent } from "@/lib/server/enrollments/enroll-student";
import { updateInternship } from "@/lib/server/internships/update-internship";
import { updateStudent } from "@/lib/server/students/update-student";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createPupil, createSession, NOW, TODAY, useTemporaryFileStore } from "../internships/stage-fixtures";

jest.setTimeout(90_000);

// The rest of the session as stage-fixtures creates it, for its edition.
const sessionForm = { startTime: "08:30", endTime: "12:00", place: "Atelier B12", teacherName: "M. Girard", seats: "12" };
const tableQuery = { sort: "nom" as const, order: "asc" as const, page: 1, size: 50 };

describe.each(testDrivers())("searching by guardian, course and date on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let otherHost: Actor;
  let otherOrigin: Actor;
  let durandId: string;
  let sessionId: string;

  async function enrolAndComplete(staff: Actor, studentId: string, internshipId: string): Promise<string> {
    const { enrollmentId } = await enrollStudent(database.db, staff, { studentId, internshipId }, NOW);
    return (await completeEnrollment(database.db, staff, { enrollmentId }, NOW)).conventionId;
  }
  const tabNames = async (actor: Actor, q: string) =>
    (await loadConventionTab(database.db, actor, "not_returned", { q, tri: "nom", taille: "100" })).tab.rows.map((row) => row.studentLastName);
  const headerNames = async (actor: Actor, q: string) => (await searchConventions(database.db, actor, q)).map((hit) => hit.studentLastName);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useTemporaryFileStore();
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Jean Moulin" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    otherOrigin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Sévigné" });

    sessionId = await createSession(database.db, host, { title: "Bac pro Métiers de l'électricité", date: "2026-12-03" });
    const cuisine = await createSession(database.db, host, { title: "CAP Cuisine", date: "2026-12-10" });
    durandId = await createPupil(database.db, origin, { lastName: "Durand-Testeur", firstName: "Éloïse", guardianName: "Mme Béatrice Lemaître" });
    const petit = await createPupil(database.db, origin, { lastName: "Petit", firstName: "Hugo", guardianName: "M. Karim Benali" });
    await enrolAndComplete(origin, durandId, sessionId);
    await enrolAndComplete(origin, petit, cuisine);

    // Another lycée with the same course on the same day, and a pupil whose guardian has the same name.
    const elsewhere = await createSession(database.db, otherHost, { title: "Bac pro Métiers de l'électricité", date: "2026-12-03" });
    const stranger = await createPupil(database.db, otherOrigin, { lastName: "Garnier", firstName: "Louis", guardianName: "Mme Béatrice Lemaître" });
    await enrolAndComplete(otherOrigin, stranger, elsewhere);
  });
  afterAll(async () => { await database.close(); });

  it("finds the words in any order, accents and case ignored, in the tabs and the header", async () => {
    for (const q of ["durand testeur", "testeur durand", "TESTEUR-durand", "eloise durand", "Éloïse"]) {
      expect(await tabNames(host, q)).toEqual(["Durand-Testeur"]);
      expect(await headerNames(origin, q)).toEqual(["Durand-Testeur"]);
    }
    expect(await tabNames(host, "durand hugo")).toEqual([]);
  });

  it("finds a convention by its legal guardian, and not another school's pupil with the same guardian", async () => {
    for (const q of ["lemaitre", "Béatrice LEMAÎTRE", "lemaitre beatrice"]) {
      expect(await tabNames(host, q)).toEqual(["Durand-Testeur"]);
      expect(await headerNames(host, q)).toEqual(["Durand-Testeur"]);
      expect(await headerNames(origin, q)).toEqual(["Durand-Testeur"]);
      expect(await headerNames(otherHost, q)).toEqual(["Garnier"]);
      expect(await headerNames(otherOrigin, q)).toEqual(["Garnier"]);
    }
    expect(await tabNames(host, "benali")).toEqual(["Petit"]);
  });

  it("finds a convention by its course, only among the actor's school's conventions", async () => {
    expect(await tabNames(host, "electricite metiers")).toEqual(["Durand-Testeur"]);
    expect(await tabNames(host, "cap cuisine")).toEqual(["Petit"]);
    expect(await headerNames(origin, "bac pro")).toEqual(["Durand-Testeur"]);
    expect(await headerNames(otherHost, "electricite")).toEqual(["Garnier"]);
    expect(await tabNames(otherHost, "cuisine")).toEqual([]);
    const depositable = await listDepositableConventions(database.db, { kind: "user", actor: origin }, { search: "électricité durand" });
    expect(depositable.map((row) => row.studentLastName)).toEqual(["Durand-Testeur"]);
  });

  it("finds a convention by its date as users type it, whole or in part", async () => {
    for (const q of ["03-12-2026", "03-12", "3/12", "3-12-2026", "03.12.2026", "2026-12-03", "12-2026 durand"]) {
      expect(await tabNames(host, q)).toEqual(["Durand-Testeur"]);
    }
    expect(await tabNames(host, "10-12")).toEqual(["Petit"]);
    expect(await tabNames(host, "12-2026")).toEqual(["Durand-Testeur", "Petit"]);
    expect(await tabNames(host, "04-12")).toEqual([]);
    expect(await headerNames(otherHost, "03-12-2026")).toEqual(["Garnier"]);
    expect(await headerNames(otherOrigin, "10-12")).toEqual([]);
  });

  it("finds a pupil by their guardian in Stagiaires and the header, within the actor's school", async () => {
    const listed = async (actor: Actor, q: string) => (await listStudents(database.db, actor, { ...tableQuery, q })).rows.map((row) => row.lastName);
    expect(await listed(origin, "beatrice lemaitre")).toEqual(["Durand-Testeur"]);
    expect(await listed(host, "lemaitre")).toEqual(["Durand-Testeur"]);
    expect(await listed(otherOrigin, "lemaitre")).toEqual(["Garnier"]);
    const header = async (actor: Actor, q: string) => (await searchOwnStudents(database.db, actor, q)).map((hit) => hit.lastName);
    expect(await header(host, "testeur durand")).toEqual(["Durand-Testeur"]);
    expect(await header(origin, "lemaitre")).toEqual(["Durand-Testeur"]);
    expect(await header(otherHost, "durand")).toEqual([]);
  });

  it("finds a session in the list of stages by its date", async () => {
    const titles = async (actor: Actor, q: string) =>
      (await listInternships(database.db, actor, { ...tableQuery, sort: "date", q }, TODAY)).rows.map((row) => row.title);
    expect(await titles(host, "03-12")).toEqual(["Bac pro Métiers de l'électricité"]);
    expect(await titles(host, "cuisine 10-12-2026")).toEqual(["CAP Cuisine"]);
    expect(await titles(otherHost, "10-12")).toEqual([]);
  });

  it("keeps the search text in step when the guardian is corrected and the course renamed", async () => {
    const [pupil] = await database.db.select().from(students).where(eq(students.id, durandId));
    await updateStudent(database.db, origin, {
      studentId: durandId, lastName: pupil.lastName, firstName: pupil.firstName, className: pupil.className,
      birthDate: pupil.birthDate, guardianName: "M. Rémi Fournier", guardianEmail: pupil.guardianEmail,
    });
    expect(await tabNames(host, "fournier remi")).toEqual(["Durand-Testeur"]);
    expect(await tabNames(host, "lemaitre")).toEqual([]);
    expect((await searchOwnStudents(database.db, origin, "fournier")).map((hit) => hit.lastName)).toEqual(["Durand-Testeur"]);

    await updateInternship(database.db, host, { internshipId: sessionId, title: "Bac pro Maintenance des véhicules", date: "2026-12-03", ...sessionForm }, NOW);
    expect(await tabNames(host, "vehicules maintenance")).toEqual(["Durand-Testeur"]);
    expect(await tabNames(host, "electricite")).toEqual([]);
    // The other lycée's session of the same name is not renamed: its convention is found as before.
    expect(await headerNames(otherHost, "electricite")).toEqual(["Garnier"]);
  });

  it("the migration rewrites existing rows exactly as the application builds them", async () => {
    const cœur = await createPupil(database.db, origin, { lastName: "Cœur-Ñúñez", firstName: "Zoé\u00a0Ève", guardianName: "Mme  Æsa   Ødegaard" });
    await enrolAndComplete(origin, cœur, sessionId);
    // Rows as an older version left them: names only.
    await database.db.update(conventions).set({ searchText: "" }).where(eq(conventions.hostSchoolId, host.schoolId));
    await database.db.update(students).set({ searchText: "" }).where(eq(students.originSchoolId, origin.schoolId));
    await database.db.update(internships).set({ searchText: "" }).where(eq(internships.hostSchoolId, host.schoolId));
    expect(await tabNames(host, "coeur")).toEqual([]);

    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0007_search_text_guardian_course_date.sql"), "utf8");
    await database.db.transaction(async (tx) => {
      for (const statement of migration.split("--> statement-breakpoint")) await tx.execute(sql.raw(statement));
    });

    const rows = await database.db
      .select({ convention: conventions, title: internships.title })
      .from(conventions)
      .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
      .innerJoin(internships, eq(internships.id, enrollments.internshipId))
      .where(eq(conventions.hostSchoolId, host.schoolId));
    expect(rows).toHaveLength(3);
    for (const { convention, title } of rows) {
      expect(convention.searchText).toBe(conventionSearchText({ ...convention, internshipTitle: title }));
    }
    for (const pupil of await database.db.select().from(students).where(eq(students.originSchoolId, origin.schoolId))) {
      expect(pupil.searchText).toBe(studentSearchText(pupil));
    }
    for (const session of await database.db.select().from(internships).where(eq(internships.hostSchoolId, host.schoolId))) {
      expect(session.searchText).toBe(internshipSearchText(session));
    }
    expect(await tabNames(host, "nunez coeur eve")).toEqual(["Cœur-Ñúñez"]);
    expect(await tabNames(host, "aesa zoe")).toEqual(["Cœur-Ñúñez"]);
    // Every school's rows are rewritten, each still found only by its own school; the migration's helper is gone.
    expect(await headerNames(otherHost, "03-12 electricite lemaitre")).toEqual(["Garnier"]);
    expect(await headerNames(host, "garnier")).toEqual([]);
    await expect(database.db.execute(sql`select search_fold('x')`)).rejects.toThrow();
  });
});
