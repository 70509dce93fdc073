import { eq } from "drizzle-orm";
import { conventionEvents, conventions, enrollments, outbox } from "@/db/schema";
import { findStudent, listStudents } from "@/db/queries/students";
import { listEnrollmentsOfInternship, listEnrollmentsOfStudent } from "@/db/queries/enrollments";
import { findInternship, listOpenInternships } from "@/db/queries/internships";
import type { FileStore } from "@/lib/server/files/file-store";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { completeEnrollment } from "@/lib/server/enrollments/complete-enrollment";
import { enrollStudent } from "@/lib/server/enrollments/enroll-student";
import { updateStudent } from "@/lib/server/students/update-student";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createPupil, createSession, NOW, TODAY, useTemporaryFileStore } from "../internships/stage-fixtures";

const studentQuery = { q: "", sort: "nom" as const, order: "asc" as const, page: 1, size: 50 };

describe.each(testDrivers())("enrollments on %s", (driver) => {
  let database: TestDatabase;
  let filesDir: string;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    filesDir = useTemporaryFileStore();
  }, 60_000);
  afterAll(async () => { await database.close(); });

  async function schools() {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const staff = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college.test" });
    return { host, staff };
  }

  async function mailsOf(conventionId: string) {
    return database.db.select().from(outbox).where(eq(outbox.conventionId, conventionId));
  }

  it("enrolls a pupil and, once completed, creates one convention not returned and one mail to the origin school", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host);
    const studentId = await createPupil(database.db, staff, { lastName: "Dupré", firstName: "Éloïse" });

    const { enrollmentId } = await enrollStudent(database.db, staff, { studentId, internshipId }, NOW);
    const [draft] = await listEnrollmentsOfStudent(database.db, staff, studentId);
    expect(draft).toMatchObject({ enrollmentId, status: "draft", conventionId: null });

    const completed = await completeEnrollment(database.db, staff, { enrollmentId }, NOW);
    expect(completed.isNewConvention).toBe(true);
    const rows = await database.db.select().from(conventions).where(eq(conventions.enrollmentId, enrollmentId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: completed.conventionId, state: "not_returned", studentLastName: "Dupré", originSchoolId: staff.schoolId });
    const mails = await mailsOf(completed.conventionId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "convention-generated", toAddress: "secretariat@college.test" });

    const [afterwards] = await listEnrollmentsOfInternship(database.db, host, internshipId);
    expect(afterwards).toMatchObject({ status: "completed", conventionId: completed.conventionId, conventionState: "not_returned" });
  });

  it("completing twice, one after the other or at the same time, still gives one convention and one mail", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host);
    const first = await enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW);
    const a = await completeEnrollment(database.db, staff, first, NOW);
    const b = await completeEnrollment(database.db, staff, first, NOW);
    expect(b).toMatchObject({ conventionId: a.conventionId, isNewConvention: false });
    expect(await mailsOf(a.conventionId)).toHaveLength(1);

    const second = await enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW);
    const results = await Promise.all([1, 2, 3].map(() => completeEnrollment(database.db, staff, second, NOW)));
    expect(new Set(results.map((result) => result.conventionId)).size).toBe(1);
    expect(results.filter((result) => result.isNewConvention)).toHaveLength(1);
    const rows = await database.db.select().from(conventions).where(eq(conventions.enrollmentId, second.enrollmentId));
    expect(rows).toHaveLength(1);
    expect(await mailsOf(rows[0].id)).toHaveLength(1);
    expect(await database.db.select().from(conventionEvents).where(eq(conventionEvents.conventionId, rows[0].id))).toHaveLength(1);
  });

  it("refuses a full session with a French message, and gives the last seat to exactly one of two requests", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host, { seats: 2 });
    await enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW);
    const contenders = [await createPupil(database.db, staff), await createPupil(database.db, staff)];
    const outcomes = await Promise.allSettled(contenders.map((studentId) => enrollStudent(database.db, staff, { studentId, internshipId }, NOW)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "INTERNSHIP_FULL", message: "Ce stage est complet : il n'y a plus de place disponible." });

    await expect(enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW))
      .rejects.toMatchObject({ code: "INTERNSHIP_FULL" });
    expect(await database.db.select().from(enrollments).where(eq(enrollments.internshipId, internshipId))).toHaveLength(2);
    expect(await listOpenInternships(database.db, staff, TODAY)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: internshipId })]),
    );
  });

  it("refuses a session already past", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host, { date: "2026-11-20" });
    const later = new Date("2026-11-21T08:00:00Z");
    await expect(enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, later))
      .rejects.toMatchObject({ code: "INTERNSHIP_IN_PAST", message: "Ce stage a déjà eu lieu : l'inscription n'est plus possible." });
  });

  it("refuses a second session on the same day for the same pupil", async () => {
    const { host, staff } = await schools();
    const morning = await createSession(database.db, host, { date: "2026-12-10" });
    const afternoon = await createSession(database.db, host, { date: "2026-12-10", startTime: "13:30", endTime: "16:30" });
    const otherDay = await createSession(database.db, host, { date: "2026-12-11" });
    const studentId = await createPupil(database.db, staff);
    await enrollStudent(database.db, staff, { studentId, internshipId: morning }, NOW);
    await expect(enrollStudent(database.db, staff, { studentId, internshipId: afternoon }, NOW))
      .rejects.toMatchObject({ code: "ALREADY_ENROLLED_THAT_DAY", message: "Ce stagiaire est déjà inscrit à un stage ce jour-là." });
    await expect(enrollStudent(database.db, staff, { studentId, internshipId: morning }, NOW))
      .rejects.toMatchObject({ code: "STUDENT_ALREADY_ENROLLED" });
    await expect(enrollStudent(database.db, staff, { studentId, internshipId: otherDay }, NOW)).resolves.toHaveProperty("enrollmentId");
  });

  it("refuses to complete without the guardian's e-mail, then completes once it is given", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host);
    const studentId = await createPupil(database.db, staff, { guardianEmail: "" });
    const { enrollmentId } = await enrollStudent(database.db, staff, { studentId, internshipId }, NOW);
    await expect(completeEnrollment(database.db, staff, { enrollmentId }, NOW)).rejects.toMatchObject({
      code: "GUARDIAN_EMAIL_MISSING",
      message: "L'adresse e-mail du responsable légal est obligatoire pour terminer l'inscription.",
    });
    const [still] = await listEnrollmentsOfStudent(database.db, staff, studentId);
    expect(still).toMatchObject({ status: "draft", conventionId: null });

    const pupil = (await findStudent(database.db, staff, studentId))!;
    await updateStudent(database.db, staff, { ...pupil, studentId, guardianEmail: "parent@exemple.test" });
    await expect(completeEnrollment(database.db, staff, { enrollmentId }, NOW)).resolves.toMatchObject({ isNewConvention: true });
  });

  it("leaves a retryable state when generation fails: the enrollment is completed, the retry creates the convention", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host);
    const studentId = await createPupil(database.db, staff);
    const { enrollmentId } = await enrollStudent(database.db, staff, { studentId, internshipId }, NOW);
    const working = new LocalFileStore(filesDir);
    const broken: FileStore = { put: async () => { throw new Error("disque plein"); }, get: (key) => working.get(key), has: (key) => working.has(key), list: () => working.list(), delete: (key) => working.delete(key) };
    setFileStoreForTests(broken);
    const quiet = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(completeEnrollment(database.db, staff, { enrollmentId }, NOW)).rejects.toMatchObject({ code: "CONVENTION_GENERATION_FAILED" });
    } finally {
      setFileStoreForTests(working);
      quiet.mockRestore();
    }
    const [pending] = await listEnrollmentsOfStudent(database.db, staff, studentId);
    expect(pending).toMatchObject({ status: "completed", conventionId: null });
    const retried = await completeEnrollment(database.db, staff, { enrollmentId }, NOW);
    expect(retried.isNewConvention).toBe(true);
    expect(await mailsOf(retried.conventionId)).toHaveLength(1);
  });

  it("keeps the conventions' copies of the names in step when a pupil is corrected", async () => {
    const { host, staff } = await schools();
    const internshipId = await createSession(database.db, host);
    const studentId = await createPupil(database.db, staff, { lastName: "Lefevre", firstName: "Noe" });
    const completed = await completeEnrollment(database.db, staff, await enrollStudent(database.db, staff, { studentId, internshipId }, NOW), NOW);
    const pupil = (await findStudent(database.db, staff, studentId))!;
    const [before] = await database.db.select().from(conventions).where(eq(conventions.id, completed.conventionId));
    await updateStudent(database.db, staff, { ...pupil, studentId, lastName: "Lefèvre", firstName: "Noé", guardianName: "M. Paul Lefèvre" });
    const [copy] = await database.db.select().from(conventions).where(eq(conventions.id, completed.conventionId));
    expect(copy).toMatchObject({ studentLastName: "Lefèvre", studentFirstName: "Noé", guardianName: "M. Paul Lefèvre", state: "not_returned" });
    expect(copy.searchText).toContain("lefevre noe");
    // Audited like a transition: a new version, and a history line saying who changed what.
    expect(copy.version).toBe(before.version + 1);
    const history = await database.db.select().from(conventionEvents).where(eq(conventionEvents.conventionId, completed.conventionId));
    const correction = history.find((event) => event.event === "correct_student");
    expect(correction).toMatchObject({ fromState: "not_returned", toState: "not_returned", actorUserId: staff.userId });
    expect(correction?.note).toBe("Nom : Lefevre → Lefèvre ; Prénom : Noe → Noé ; Responsable légal : " + before.guardianName + " → M. Paul Lefèvre");

    // Saving the pupil again with the same names leaves the conventions as they are.
    await updateStudent(database.db, staff, { ...(await findStudent(database.db, staff, studentId))!, studentId });
    const [unchanged] = await database.db.select().from(conventions).where(eq(conventions.id, completed.conventionId));
    expect(unchanged.version).toBe(copy.version);
  });

  it("keeps each school to its own: other staff and other hosts get not-found", async () => {
    const { host, staff } = await schools();
    const otherStaff = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const internshipId = await createSession(database.db, host);
    const studentId = await createPupil(database.db, staff, { lastName: "Secret" });
    const { enrollmentId } = await enrollStudent(database.db, staff, { studentId, internshipId }, NOW);

    expect(await findStudent(database.db, otherStaff, studentId)).toBeNull();
    expect(await listEnrollmentsOfStudent(database.db, otherStaff, studentId)).toEqual([]);
    expect((await listStudents(database.db, otherStaff, { ...studentQuery, q: "secret" })).total).toBe(0);
    await expect(enrollStudent(database.db, otherStaff, { studentId, internshipId }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(completeEnrollment(database.db, otherStaff, { enrollmentId }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateStudent(database.db, otherStaff, { studentId, lastName: "Pirate", firstName: "X", className: "3e", birthDate: "2012-01-01", guardianName: "Y" }))
      .rejects.toMatchObject({ code: "NOT_FOUND" });

    // The host admin reads the pupil enrolled on their session; another host sees nothing.
    expect(await findStudent(database.db, host, studentId)).toMatchObject({ lastName: "Secret", canManage: false });
    expect((await listStudents(database.db, host, studentQuery)).rows.map((row) => row.id)).toContain(studentId);
    expect(await findStudent(database.db, otherHost, studentId)).toBeNull();
    expect(await findInternship(database.db, otherHost, internshipId)).toBeNull();
    expect(await listEnrollmentsOfInternship(database.db, otherHost, internshipId)).toEqual([]);
    // Other staff see the offer but not who is enrolled on it.
    expect(await listEnrollmentsOfInternship(database.db, otherStaff, internshipId)).toEqual([]);
    // A host admin cannot enroll, nor enroll into an origin school's data.
    await expect(enrollStudent(database.db, host, { studentId, internshipId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(enrollStudent(database.db, staff, { studentId: "pas-un-uuid", internshipId }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
