import { loadConventionTab } from "@/app/(portal)/conventions/load-convention-tab";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention } from "./convention-fixtures";

describe.each(testDrivers())("sorting French names on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin", contactEmail: "accueil@lycee.test" });
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Émile Zola" });
    for (const [lastName, firstName] of [["Zoé", "Louis"], ["Éloi", "Léon"], ["durand", "Léa"], ["Dupont", "Élodie"], ["Ébrard", "Zacharie"]]) {
      await createConvention(database.db, { host, origin, lastName, firstName, date: "2026-03-02" });
    }
  });
  afterAll(async () => { await database.close(); });

  it("sorts accented and lower-case names where a secretary expects them", async () => {
    const byName = await loadConventionTab(database.db, host, "not_returned", { tri: "nom", ordre: "asc" });
    expect(byName.tab.rows.map((row) => row.studentLastName)).toEqual(["Dupont", "durand", "Ébrard", "Éloi", "Zoé"]);
    const byFirstName = await loadConventionTab(database.db, host, "not_returned", { tri: "prenom", ordre: "desc" });
    expect(byFirstName.tab.rows.map((row) => row.studentFirstName)).toEqual(["Zacharie", "Louis", "Léon", "Léa", "Élodie"]);
  });
});
