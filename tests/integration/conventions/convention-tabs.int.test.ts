import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { countConventionTabs } from "@/db/queries/convention-tab-counts";
import { eq } from "drizzle-orm";
import { students } from "@/db/schema";
import { searchConventions, searchOwnStudents } from "@/db/queries/convention-search";
import { ConventionTabTable } from "@/components/conventions/convention-tab-table";
import { loadConventionTab } from "@/app/(portal)/conventions/load-convention-tab";
import type { Actor } from "@/lib/core/auth/actor";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "./convention-fixtures";

jest.setTimeout(90_000);

const pupils: Array<[string, string, string]> = [
  ["Éloi", "Zoé", "2026-03-02"], ["Dupont", "Léa", "2026-02-03"], ["Durand", "Hugo", "2026-02-10"], ["Lefèvre", "Inès", "2026-01-15"],
  ["Martin", "Anaïs", "2026-04-01"], ["Martinez", "Noah", "2026-04-02"], ["Petit", "Jules", "2026-01-20"], ["Roux", "Emma", "2026-05-05"],
  ["Simon", "Théo", "2026-05-06"], ["Thomas", "Adam", "2026-05-07"], ["Vincent", "Jade", "2026-05-08"], ["Blanc_50%", "Sarah", "2026-05-09"],
];

describe.each(testDrivers())("convention tabs on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let otherOrigin: Actor;
  let otherHost: Actor;
  const load = (actor: Actor, params: Record<string, string>, state: "not_returned" | "pending_validation" | "validated" = "not_returned") =>
    loadConventionTab(database.db, actor, state, params);
  const names = (result: Awaited<ReturnType<typeof load>>) => result.tab.rows.map((row) => row.studentLastName);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin", contactEmail: "accueil@lycee.test" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Jean Moulin" });
    otherOrigin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Sévigné" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    for (const [lastName, firstName, date] of pupils) await createConvention(database.db, { host, origin, lastName, firstName, date });
    await createConvention(database.db, { host, origin: otherOrigin, lastName: "Garnier", firstName: "Louis", date: "2026-06-01" });
  });
  afterAll(async () => { await database.close(); });

  it("sorts by every column in both directions, the date by default", async () => {
    expect(names(await load(host, {})).slice(0, 3)).toEqual(["Lefèvre", "Petit", "Dupont"]);
    const byName = names(await load(host, { tri: "nom", ordre: "asc", taille: "100" }));
    // Accented initials sort by the database collation (byte order on PGlite); the rest is alphabetical.
    const plain = byName.filter((name) => /^[A-Z]/.test(name));
    expect(plain).toEqual([...plain].sort((a, b) => a.localeCompare(b, "fr")));
    expect(byName).toHaveLength(13);
    const byNameDesc = names(await load(host, { tri: "nom", ordre: "desc", taille: "100" }));
    expect(byNameDesc).toEqual([...byName].reverse());
    const byFirst = (await load(host, { tri: "prenom", taille: "100" })).tab.rows.map((row) => row.studentFirstName);
    expect(byFirst[0]).toBe("Adam");
    const byOrigin = (await load(host, { tri: "origine", ordre: "desc" })).tab.rows.map((row) => row.originSchoolName);
    expect(byOrigin[0]).toBe("Collège Sévigné");
    expect((await load(host, { tri: "responsable" })).tab.rows[0].guardianName).toBe("Responsable Blanc_50%");
  });

  it("searches name, first name and origin school ignoring accents and case, with LIKE wildcards taken literally", async () => {
    expect(names(await load(host, { q: "LEFEVRE" }))).toEqual(["Lefèvre"]);
    expect(names(await load(host, { q: "eloi" }))).toEqual(["Éloi"]);
    expect(names(await load(host, { q: "anais", tri: "nom" }))).toEqual(["Martin"]);
    expect(names(await load(host, { q: "martin", tri: "nom" }))).toEqual(["Martin", "Martinez"]);
    expect(names(await load(host, { q: "sevigne" }))).toEqual(["Garnier"]);
    expect(names(await load(host, { q: "50%" }))).toEqual(["Blanc_50%"]);
    expect(names(await load(host, { q: "%" }))).toEqual(["Blanc_50%"]);
    expect((await load(host, { q: "_" })).tab.total).toBe(1);
    expect((await load(host, { q: "   " })).tab.total).toBe(13);
    expect((await load(host, { q: "personne" })).tab).toMatchObject({ total: 0, rows: [] });
  });

  it("searches words in order whatever separates them: a space finds a hyphen and a hyphen a space", async () => {
    expect(names(await load(host, { q: "garnier louis" }))).toEqual(["Garnier"]);
    expect(names(await load(host, { q: "Garnier-Louis" }))).toEqual(["Garnier"]);
    expect((await load(host, { q: "jean-moulin" })).tab.total).toBe(12);
    expect((await load(host, { q: "  - ' " })).tab.total).toBe(13);
  });

  it("paginates: sizes from the list only, the last page, a page past the end shows the last page", async () => {
    const first = await load(host, { tri: "nom", taille: "10" });
    expect(first.tab.rows).toHaveLength(10);
    expect(first.tab).toMatchObject({ total: 13, isEstimated: false, page: 1 });
    const last = await load(host, { tri: "nom", taille: "10", page: "2" });
    expect(last.tab.rows).toHaveLength(3);
    expect(new Set([...names(first), ...names(last)]).size).toBe(13);
    const past = await load(host, { tri: "nom", taille: "10", page: "99" });
    expect(past.tab.page).toBe(2);
    expect(names(past)).toEqual(names(last));
    expect((await load(host, { taille: "7" })).query.size).toBe(50);
    expect((await load(host, { q: "zzz", page: "4" })).tab).toMatchObject({ total: 0, rows: [] });
  });

  it("renders the counts text, aria-sort and the per-tab links", async () => {
    const result = await load(host, { tri: "nom", ordre: "desc", taille: "10", page: "2" });
    const html = renderToString(createElement(ConventionTabTable, {
      state: "not_returned", basePath: "/conventions/non-retournees", query: result.query, tab: result.tab, canAct: true, validateAction: async () => null,
    }));
    expect(html).toContain("Affichage de l&#x27;élément 11 à 13 sur 13 éléments");
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain("Générer la convention");
    expect(html).toMatch(/\/api\/conventions\/[0-9a-f-]{36}\/pdf\?version=original/);
    expect(html).toContain("Précédent");
  });

  it("counts each tab, shows the invalidation badge data, and moves a validated convention to its tab", async () => {
    const [anId] = (await load(host, { q: "roux" })).tab.rows.map((row) => row.id);
    const [otherId] = (await load(host, { q: "simon" })).tab.rows.map((row) => row.id);
    await depositFile(database.db, anId);
    await depositFile(database.db, otherId);
    await validateConvention(database.db, { conventionId: anId, actor: host });
    await invalidateConvention(database.db, { conventionId: otherId, actor: host, reason: "document-illisible" });
    const counts = await countConventionTabs(database.db, host);
    expect(counts).toEqual({
      not_returned: { total: 11, isEstimated: false },
      pending_validation: { total: 1, isEstimated: false },
      validated: { total: 1, isEstimated: false },
    });
    expect(names(await load(host, {}, "validated"))).toEqual(["Roux"]);
    const pending = await load(host, {}, "pending_validation");
    expect(pending.tab.rows[0]).toMatchObject({ studentLastName: "Simon", invalidationReason: "Document illisible" });
    const html = renderToString(createElement(ConventionTabTable, {
      state: "pending_validation", basePath: "/conventions/en-attente", query: pending.query, tab: pending.tab, canAct: true, validateAction: async () => null,
    }));
    expect(html.replaceAll("<!-- -->", "")).toMatch(/Invalidée le \d{2}-\d{2}-\d{4} : Document illisible/);
    expect(html).toContain("Valider la conformité");
    expect(html).toContain("Invalider la conformité");
  });

  it("shows origin staff only their own pupils, and another host nothing", async () => {
    expect((await load(origin, {})).tab.total).toBe(10);
    expect(names(await load(otherOrigin, {}))).toEqual(["Garnier"]);
    expect((await load(otherHost, {})).tab.total).toBe(0);
    expect(await searchConventions(database.db, otherHost, "dupont")).toEqual([]);
    expect((await searchConventions(database.db, origin, "DUPONT")).map((hit) => hit.studentLastName)).toEqual(["Dupont"]);
    expect(await searchConventions(database.db, otherOrigin, "dupont")).toEqual([]);
  });

  it("finds in the header's search the pupils enrolled on the host's sessions, and none of another host", async () => {
    // The fixture's pupils carry no search text of their own: give Dupont the one registration writes.
    await database.db.update(students).set({ searchText: "dupont" }).where(eq(students.lastName, "Dupont"));
    expect((await searchOwnStudents(database.db, host, "dupont")).map((hit) => hit.lastName)).toEqual(["Dupont"]);
    expect((await searchOwnStudents(database.db, origin, "dupont")).map((hit) => hit.lastName)).toEqual(["Dupont"]);
    expect(await searchOwnStudents(database.db, otherHost, "dupont")).toEqual([]);
    expect(await searchOwnStudents(database.db, otherOrigin, "dupont")).toEqual([]);
  });

  it("shows origin staff the hosting lycée instead of their own school, and no validation columns", async () => {
    const pending = await load(origin, {}, "pending_validation");
    expect(pending.tab.rows.length).toBeGreaterThan(0);
    expect(pending.tab.rows[0].hostSchoolName).toBe(host.schoolName);
    const html = renderToString(createElement(ConventionTabTable, {
      state: "pending_validation", basePath: "/conventions/en-attente", query: pending.query, tab: pending.tab, canAct: false, validateAction: async () => null,
    }));
    expect(html).toContain("Établissement d&#x27;accueil");
    expect(html).not.toContain("Établissement d&#x27;origine");
    expect(html).not.toContain("Valider la conformité");
    expect(html).toContain("Ouvrir la fiche");
    expect(html).toContain(host.schoolName.replaceAll("'", "&#x27;"));
  });
});
