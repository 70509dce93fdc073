import { eq } from "drizzle-orm";
import { schools } from "@/db/schema";
import { listPartnerSchools } from "@/db/queries/partner-schools";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "./convention-fixtures";

describe.each(testDrivers())("Contacts, the directory of partner schools, on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  it("lists the other kind of school with its contact and the conventions still open between the two, searchable", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Condorcet" });
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Hoche" });
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Éluard", contactEmail: "ce@eluard.test" });
    const quiet = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Zola" });
    await database.db.update(schools).set({ headName: "Mme Sophie Marchand" }).where(eq(schools.id, origin.schoolId));
    await createConvention(database.db, { host, origin, lastName: "Petit" });
    const done = await createConvention(database.db, { host, origin, lastName: "Roux" });
    await depositFile(database.db, done);
    await validateConvention(database.db, { conventionId: done, actor: host });
    await createConvention(database.db, { host: otherHost, origin, lastName: "Blanc" });

    const forHost = await listPartnerSchools(database.db, host);
    const eluard = forHost.find((school) => school.id === origin.schoolId);
    expect(eluard).toMatchObject({ name: "Collège Éluard", headName: "Mme Sophie Marchand", contactEmail: "ce@eluard.test", conventionsInProgress: 1 });
    expect(forHost.find((school) => school.id === quiet.schoolId)?.conventionsInProgress).toBe(0);
    expect(forHost.some((school) => school.id === host.schoolId || school.id === otherHost.schoolId)).toBe(false);

    const forOrigin = await listPartnerSchools(database.db, origin);
    expect(forOrigin.find((school) => school.id === host.schoolId)?.conventionsInProgress).toBe(1);
    expect(forOrigin.find((school) => school.id === otherHost.schoolId)?.conventionsInProgress).toBe(1);
    expect(forOrigin.some((school) => school.id === origin.schoolId)).toBe(false);

    expect((await listPartnerSchools(database.db, host, "eluard")).map((school) => school.id)).toEqual([origin.schoolId]);
    expect((await listPartnerSchools(database.db, host, "MARCHAND")).map((school) => school.id)).toEqual([origin.schoolId]);
    expect(await listPartnerSchools(database.db, host, "personne")).toEqual([]);
  });

  it("finds a school whose name has a ligature by the letters a person types, in any order", async () => {
    const host = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Arago" });
    const school = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Sœur-Marie Lætitia" });
    for (const q of ["soeur marie", "SŒUR", "laetitia college", "lætitia"]) {
      expect({ q, found: (await listPartnerSchools(database.db, host, q)).map((row) => row.id) }).toEqual({ q, found: [school.schoolId] });
    }
  });
});
