import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { ConventionTabTable } from "@/components/conventions/convention-tab-table";
import { loadConventionTab } from "@/app/(portal)/conventions/load-convention-tab";
import { seedBulkConventions } from "@/lib/server/seed/seed-bulk-conventions";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";

describe.each(testDrivers())("a broad search in a big tab on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin", contactEmail: "accueil@lycee.test" });
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Sévigné" });
    // Half of the bulk rows land in "non retournées": 1 250 rows, all matching the school's name.
    await seedBulkConventions(database.db, {
      count: 2500, hostSchoolId: host.schoolId, originSchoolId: origin.schoolId,
      originalFileKey: "sha256-" + "0".repeat(64), originalSha256: "0".repeat(64), originalSize: 1,
    });
  });
  afterAll(async () => { await database.close(); });

  it("claims only what it counted, and still pages through the rows", async () => {
    const result = await loadConventionTab(database.db, host, "not_returned", { q: "sevigne", taille: "100", page: "3" });
    expect(result.tab.countedAtLeast).toBe(1001);
    expect(result.tab.total).toBeGreaterThanOrEqual(1001);
    expect(result.tab.rows).toHaveLength(100);
    const html = renderToString(createElement(ConventionTabTable, {
      state: "not_returned", basePath: "/conventions/non-retournees", query: result.query, tab: result.tab, canAct: true,
      validateAction: async () => null,
    }));
    expect(html).toContain("sur plus de 1\u202f000 éléments");
    expect(html).not.toContain("environ");
  });

  it("lands on the real last page from a page past an estimated end", async () => {
    // 1 250 matches, more than are counted up front: the total shown is "plus de 1 000".
    const past = await loadConventionTab(database.db, host, "not_returned", { q: "sevigne", taille: "100", page: "40" });
    expect(past.tab).toMatchObject({ page: 13, total: 1250, isEstimated: false });
    expect(past.tab.rows).toHaveLength(50);
    const html = renderToString(createElement(ConventionTabTable, {
      state: "not_returned", basePath: "/conventions/non-retournees", query: past.query, tab: past.tab, canAct: true,
      validateAction: async () => null,
    }));
    expect(html).toContain("Affichage de l&#x27;élément 1\u202f201 à 1\u202f250 sur 1\u202f250 éléments");
  });

  it("counts a narrow search exactly", async () => {
    const result = await loadConventionTab(database.db, host, "not_returned", { q: "sevigne zzz" });
    expect(result.tab).toMatchObject({ total: 0, isEstimated: false });
  });
});
