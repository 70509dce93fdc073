import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { ConventionTabTable } from "@/components/conventions/convention-tab-table";
import { loadConventionTab } from "@/app/(portal)/conventions/load-convention-tab";
import { inArray } from "drizzle-orm";
import { conventionSortIds } from "@/db/queries/convention-tab";
import { conventions } from "@/db/schema";
import { encodeTableCursor } from "@/lib/core/tables/table-cursor";
import { seedBulkConventions } from "@/lib/server/seed/seed-bulk-conventions";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";

jest.setTimeout(120_000);

/** « Suivant » and « Précédent » seek to the next page from a cursor: they must show exactly the rows the page number shows. */
describe.each(testDrivers())("paging with « Suivant » and « Précédent » on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  const load = (params: Record<string, string>) => loadConventionTab(database.db, host, "not_returned", params);
  const ids = (result: Awaited<ReturnType<typeof load>>) => result.tab.rows.map((row) => row.id);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin", contactEmail: "accueil@lycee.test" });
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Sévigné" });
    // Few distinct names for many rows: pages cut through runs of equal names, dates and schools.
    await seedBulkConventions(database.db, {
      count: 400, hostSchoolId: host.schoolId, originSchoolId: origin.schoolId,
      originalFileKey: "sha256-" + "0".repeat(64), originalSha256: "0".repeat(64), originalSize: 1,
    });
  });
  afterAll(async () => { await database.close(); });

  it.each(conventionSortIds.flatMap((sort) => [[sort, "asc"], [sort, "desc"]] as const))(
    "sorted by %s %s, forwards then backwards, with and without a search",
    async (sort, order) => {
      for (const q of ["", "a"]) {
        const base = { tri: sort, ordre: order, taille: "10", ...(q ? { q } : {}) };
        const byNumber: string[][] = [];
        for (let page = 1; page <= 5; page++) byNumber.push(ids(await load({ ...base, page: String(page) })));
        expect(new Set(byNumber.flat()).size).toBe(50);

        let current = await load(base);
        for (let page = 2; page <= 5; page++) {
          expect(current.tab.nextCursor).toBeDefined();
          current = await load({ ...base, page: String(page), apres: current.tab.nextCursor as string });
          expect(current.tab.page).toBe(page);
          expect(ids(current)).toEqual(byNumber[page - 1]);
        }
        for (let page = 4; page >= 2; page--) {
          expect(current.tab.previousCursor).toBeDefined();
          current = await load({ ...base, page: String(page), avant: current.tab.previousCursor as string });
          expect(ids(current)).toEqual(byNumber[page - 1]);
        }
      }
    },
  );

  it("puts the cursor in the links to the neighbouring pages only", async () => {
    const result = await load({ tri: "nom", ordre: "asc", taille: "10", page: "3" });
    const html = renderToString(createElement(ConventionTabTable, {
      state: "not_returned", basePath: "/conventions/non-retournees", query: result.query, tab: result.tab, canAct: true,
      validateAction: async () => null,
    }));
    expect(html).toContain(`page=4&amp;taille=10&amp;apres=${result.tab.nextCursor}"`);
    expect(html).toContain(`page=2&amp;taille=10&amp;avant=${result.tab.previousCursor}"`);
    expect(html).toMatch(/page=5&amp;taille=10"/);
    // Sorting again starts from page 1, without any cursor.
    expect(html).not.toMatch(/tri=prenom[^"]*(apres|avant)=/);
  });

  it("ignores a cursor made for another view, or a forged one, and follows the page number", async () => {
    const byName = await load({ tri: "nom", ordre: "asc", taille: "10" });
    const pageTwo = ids(await load({ tri: "prenom", ordre: "asc", taille: "10", page: "2" }));
    expect(ids(await load({ tri: "prenom", ordre: "asc", taille: "10", page: "2", apres: byName.tab.nextCursor as string }))).toEqual(pageTwo);
    expect(ids(await load({ tri: "prenom", ordre: "asc", taille: "10", page: "2", apres: "bm9uLWpzb24" }))).toEqual(pageTwo);
    expect(ids(await load({ tri: "prenom", ordre: "asc", taille: "10", page: "2", avant: "'; drop table conventions;--" }))).toEqual(pageTwo);
  });

  it("ignores a cursor of the right view whose position is not a value of the sort column", async () => {
    const forge = (query: Awaited<ReturnType<typeof load>>["query"], key: string) =>
      encodeTableCursor(query, { key, id: "00000000-0000-4000-8000-000000000000" });
    const byDate = await load({ tri: "date", ordre: "asc", taille: "10", page: "2" });
    for (const key of ["2026-02-31", "2026-13-01", "demain", "", "2026-09-01\u0000"]) {
      const result = await load({ tri: "date", ordre: "asc", taille: "10", page: "2", apres: forge(byDate.query, key) });
      expect(ids(result)).toEqual(ids(byDate));
    }
    const byName = await load({ tri: "nom", ordre: "asc", taille: "10", page: "2" });
    expect(ids(await load({ tri: "nom", ordre: "asc", taille: "10", page: "2", avant: forge(byName.query, "a\u0000") }))).toEqual(ids(byName));
    // A well-formed position that is no row's still seeks: the page starts after it.
    const fromStart = await load({ tri: "date", ordre: "asc", taille: "10", page: "2", apres: forge(byDate.query, "1900-01-01") });
    expect(ids(fromStart)).toEqual(ids(await load({ tri: "date", ordre: "asc", taille: "10" })));
  });

  it("falls back to the page number when too few rows are left before the cursor", async () => {
    const base = { tri: "nom", ordre: "asc", taille: "10" };
    const pageThree = await load({ ...base, page: "3" });
    const firstTwenty = [...ids(await load(base)), ...ids(await load({ ...base, page: "2" }))];
    // Fifteen of the twenty rows before page 3 leave the tab (validated in the meantime).
    await database.db.update(conventions).set({ state: "validated" }).where(inArray(conventions.id, firstTwenty.slice(0, 15)));
    const back = await load({ ...base, page: "2", avant: pageThree.tab.previousCursor as string });
    expect(back.tab.page).toBe(2);
    expect(ids(back)).toEqual(ids(await load({ ...base, page: "2" })));
    expect(ids(back)).toHaveLength(10);
  });
});
