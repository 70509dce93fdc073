import { eq } from "drizzle-orm";
import { enrollments, outbox } from "@/db/schema";
import { findInternship, listInternships, listInternshipsOfMonth, listOpenInternships } from "@/db/queries/internships";
import { cancelInternship } from "@/lib/server/internships/cancel-internship";
import { createInternship } from "@/lib/server/internships/create-internship";
import { updateInternship } from "@/lib/server/internships/update-internship";
import { enrollStudent } from "@/lib/server/enrollments/enroll-student";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createPupil, createSession, NOW, TODAY } from "./stage-fixtures";

const listQuery = { q: "", sort: "date" as const, order: "asc" as const, page: 1, size: 50 };
const form = { title: "CAP Cuisine", date: "2026-12-15", startTime: "08:30", endTime: "12:00", place: "Cuisine pédagogique", teacherName: "Mme Roux", seats: "8" };

describe.each(testDrivers())("internships on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); }, 60_000);
  afterAll(async () => { await database.close(); });

  it("lets a host admin publish a session that their list shows, searchable without accents, and that origin staff can choose", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const staff = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const { internshipId } = await createInternship(database.db, host, { ...form, title: "Bac pro Électricité" }, NOW);

    const list = await listInternships(database.db, host, { ...listQuery, q: "electricite" }, TODAY);
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: internshipId, title: "Bac pro Électricité", seats: 8, seatsTaken: 0, isCancelled: false });
    expect((await listOpenInternships(database.db, staff, TODAY)).map((row) => row.id)).toContain(internshipId);
    expect(await findInternship(database.db, staff, internshipId)).toMatchObject({ canManage: false, hostSchoolName: host.schoolName });
  });

  it("refuses bad sessions with French messages and writes nothing", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const staff = await createSchoolWithUser(database.db, { role: "origin_staff" });
    await expect(createInternship(database.db, host, { ...form, date: "2026-10-01" }, NOW))
      .rejects.toMatchObject({ code: "INTERNSHIP_IN_PAST", message: "La date du stage est déjà passée." });
    await expect(createInternship(database.db, host, { ...form, endTime: "08:00" }, NOW))
      .rejects.toMatchObject({ code: "INVALID_INPUT", message: "L'heure de fin doit suivre l'heure de début." });
    await expect(createInternship(database.db, host, { ...form, date: "2026-02-31" }, NOW))
      .rejects.toMatchObject({ message: "Cette date n'existe pas." });
    await expect(createInternship(database.db, host, { ...form, seats: "0" }, NOW))
      .rejects.toMatchObject({ message: "Il faut au moins une place." });
    await expect(createInternship(database.db, staff, form, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listInternships(database.db, host, listQuery, TODAY)).total).toBe(0);
  });

  it("edits a session, but not below the seats taken, not its date once pupils are enrolled, and not another school's", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const staff = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const internshipId = await createSession(database.db, host, { seats: 3 });
    await updateInternship(database.db, host, { internshipId, ...form, date: "2026-12-04", title: "CAP Pâtisserie" }, NOW);
    expect(await findInternship(database.db, host, internshipId)).toMatchObject({ title: "CAP Pâtisserie", date: "2026-12-04", seats: 8 });

    await enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW);
    await enrollStudent(database.db, staff, { studentId: await createPupil(database.db, staff), internshipId }, NOW);
    await expect(updateInternship(database.db, host, { internshipId, ...form, date: "2026-12-04", seats: "1" }, NOW))
      .rejects.toMatchObject({ message: "2 stagiaires sont inscrits : le nombre de places ne peut pas être inférieur." });
    await expect(updateInternship(database.db, host, { internshipId, ...form, date: "2026-12-05" }, NOW))
      .rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateInternship(database.db, otherHost, { internshipId, ...form, date: "2026-12-04" }, NOW))
      .rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findInternship(database.db, host, internshipId)).toMatchObject({ date: "2026-12-04", seats: 8, seatsTaken: 2 });
  });

  it("asks for confirmation before cancelling a session with pupils, then tells each origin school once", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const collegeA = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "contact@college-a.test" });
    const collegeB = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const internshipId = await createSession(database.db, host, { title: "Bac pro Menuiserie" });
    await enrollStudent(database.db, collegeA, { studentId: await createPupil(database.db, collegeA, { lastName: "Petit" }), internshipId }, NOW);
    await enrollStudent(database.db, collegeA, { studentId: await createPupil(database.db, collegeA, { lastName: "Grand" }), internshipId }, NOW);
    await enrollStudent(database.db, collegeB, { studentId: await createPupil(database.db, collegeB), internshipId }, NOW);

    await expect(cancelInternship(database.db, host, { internshipId, isConfirmed: false }, NOW))
      .rejects.toMatchObject({ message: "Des stagiaires sont inscrits à ce stage : confirmez l'annulation." });
    await expect(cancelInternship(database.db, otherHost, { internshipId, isConfirmed: true }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findInternship(database.db, host, internshipId)).toMatchObject({ isCancelled: false, seatsTaken: 3 });

    const result = await cancelInternship(database.db, host, { internshipId, isConfirmed: true }, NOW);
    expect(result).toMatchObject({ cancelledEnrollments: 3, notifiedSchools: 2 });
    const mails = await database.db.select().from(outbox).where(eq(outbox.template, "internship-cancelled"));
    const ours = mails.filter((mail) => [collegeA.schoolId, collegeB.schoolId].includes(mail.schoolId!));
    expect(ours.map((mail) => mail.toAddress).sort()).toEqual(["contact@college-a.test", collegeB.email].sort());
    expect(ours.find((mail) => mail.schoolId === collegeA.schoolId)!.payload).toMatchObject({
      studentNames: expect.arrayContaining([expect.stringMatching(/^PETIT /), expect.stringMatching(/^GRAND /)]),
      internshipDate: "03-12-2026",
      hostSchoolName: host.schoolName,
    });
    const statuses = await database.db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.internshipId, internshipId));
    expect(statuses.every((row) => row.status === "cancelled")).toBe(true);
    expect((await listOpenInternships(database.db, collegeA, TODAY)).map((row) => row.id)).not.toContain(internshipId);
    await expect(enrollStudent(database.db, collegeA, { studentId: await createPupil(database.db, collegeA), internshipId }, NOW))
      .rejects.toMatchObject({ code: "INTERNSHIP_CANCELLED" });
    await expect(cancelInternship(database.db, host, { internshipId, isConfirmed: true }, NOW)).rejects.toMatchObject({ code: "INTERNSHIP_CANCELLED" });
  });

  it("cancels an empty session at once, without any mail, but never a past one", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const internshipId = await createSession(database.db, host);
    const before = (await database.db.select().from(outbox)).length;
    await expect(cancelInternship(database.db, host, { internshipId, isConfirmed: false }, NOW)).resolves.toMatchObject({ notifiedSchools: 0 });
    expect(await database.db.select().from(outbox)).toHaveLength(before);

    const past = await createSession(database.db, host, { date: "2026-11-20" });
    const later = new Date("2026-11-25T08:00:00Z");
    await expect(cancelInternship(database.db, host, { internshipId: past, isConfirmed: true }, later))
      .rejects.toMatchObject({ message: "Ce stage a déjà eu lieu : il ne peut plus être annulé." });
    await expect(updateInternship(database.db, host, { internshipId: past, ...form }, later))
      .rejects.toMatchObject({ message: "Ce stage a déjà eu lieu : il ne peut plus être modifié." });
  });

  it("shows a month's sessions in the calendar, each school its own", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin" });
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const december = await createSession(database.db, host, { date: "2026-12-31" });
    const january = await createSession(database.db, host, { date: "2027-01-01" });
    const theirs = await createSession(database.db, otherHost, { date: "2026-12-10" });
    const ids = (await listInternshipsOfMonth(database.db, host, "2026-12")).map((row) => row.id);
    expect(ids).toContain(december);
    expect(ids).not.toContain(january);
    expect(ids).not.toContain(theirs);
    expect((await listInternshipsOfMonth(database.db, host, "2027-01")).map((row) => row.id)).toEqual([january]);
  });
});
