/**
 * Server-render time of a conventions tab (search + sort + page 50) at 1 000, 100 000 and
 * 1 000 000 conventions in one host school, on PostgreSQL. Page 50 is reached the way the table
 * offers it, with « Suivant » from page 49 (its link carries a cursor, so the page starts at page 49's
 * last row); the same page opened from a bare link (`page=50` alone, which the database must count
 * its way to) is measured beside it:
 *   DATABASE_URL=postgres://…/<db> npx tsx scripts/bench-tabs.ts
 * Each size lives in its own host school (BENCH…), loaded once with seedBulkConventions and kept
 * for later runs. A render = the tab's data function (loadConventionTab) + renderToString of the table.
 * Sizes and scenarios are measured in turn, iteration after iteration. `--explain` prints the plans at 1M.
 */
import "./support/production-mode";
import { eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, rowsOf, type Db } from "../db/client";
import { conventions, schools } from "../db/schema";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { seedBulkConventions } from "../lib/server/seed/seed-bulk-conventions";
import { loadConventionTab } from "../app/(portal)/conventions/load-convention-tab";
import { exactSearchCountCap } from "../db/queries/convention-tab-counts";
import type { Actor } from "../lib/core/auth/actor";

// React is loaded lazily, after ./support/production-mode has chosen its production build.
const renderModules = async () => ({
  ...(await import("react")),
  ...(await import("react-dom/server")),
  ...(await import("../components/conventions/convention-tab-table")),
});

export type BenchRow = { name: string; value: number; unit: string; target: string };

const sizes = [1_000, 100_000, 1_000_000];
// In the synthetic rows every "Durand" falls in the pending tab (~16 700 of them at 1M), so page 50 exists
// from 100 000 on; at 1 000 (17 of them) page 50 is past the end and the tab shows the last page.
const searchParams = { q: "durand", tri: "nom", ordre: "asc", page: "50" };
const state = "pending_validation" as const;
/** Other shapes of the same page at 1 000 000, measured so that none of them regresses unseen. */
const otherScenarios: { label: string; params: Record<string, string> }[] = [
  { label: "recherche sans résultat", params: { q: "zzqq", tri: "nom", ordre: "asc", page: "1" } },
  { label: "recherche large : « college », dans toutes les lignes", params: { q: "college", tri: "date", ordre: "desc", page: "50" } },
  { label: "sans recherche, tri par responsable", params: { tri: "responsable", ordre: "desc", page: "50" } },
];

async function benchSchool(db: Db, size: number): Promise<Actor> {
  const uai = `BENCH${size}`;
  await db.insert(schools).values({ name: `Lycée de mesure ${size}`, uai, city: "Paris", isHost: true, contactEmail: "mesure@bench.test" })
    .onConflictDoNothing({ target: schools.uai });
  const [school] = await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.uai, uai));
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(conventions).where(eq(conventions.hostSchoolId, school.id));
  if (n < size) {
    let [sample] = await db.select().from(conventions).limit(1);
    if (!sample) {
      await seedDemo(db);
      [sample] = await db.select().from(conventions).limit(1);
    }
    const started = performance.now();
    await seedBulkConventions(db, {
      count: size - n, hostSchoolId: school.id, originSchoolId: sample.originSchoolId,
      originalFileKey: sample.originalFileKey, originalSha256: sample.originalSha256, originalSize: sample.originalSize,
    });
    console.error(`${uai} : ${size - n} conventions chargées en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { userId: "00000000-0000-4000-8000-000000000000", email: "mesure@bench.test", name: "Mesure", role: "host_admin", schoolId: school.id, schoolName: school.name };
}

async function renderTab(db: Db, actor: Actor, params: Record<string, string> = searchParams): Promise<number> {
  const { createElement, renderToString, ConventionTabTable } = await renderModules();
  const started = performance.now();
  const data = await loadConventionTab(db, actor, state, params);
  const html = renderToString(createElement(ConventionTabTable, {
    state, basePath: "/conventions/en-attente", query: data.query, tab: data.tab, canAct: true, validateAction: async () => null,
  }));
  if (!html.includes("Affichage de ")) throw new Error("rendu inattendu");
  return performance.now() - started;
}

/** The URL parameters of page 49's « Suivant » link: page 50 with its cursor, when page 49 has a next page. */
async function nextLinkParams(db: Db, actor: Actor, params: Record<string, string>): Promise<Record<string, string>> {
  const previous = await loadConventionTab(db, actor, state, { ...params, page: String(Number(params.page) - 1) });
  return previous.tab.nextCursor ? { ...params, apres: previous.tab.nextCursor } : params;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function benchTabs(options: { iterations?: number } = {}): Promise<BenchRow[]> {
  const iterations = options.iterations ?? 30;
  if (!process.env.DATABASE_URL) throw new Error("bench-tabs mesure sur PostgreSQL : définissez DATABASE_URL.");
  const handle = await openDatabase();
  const rows: BenchRow[] = [];
  try {
    await migrateDatabase(handle);
    const actors: { size: number; actor: Actor }[] = [];
    for (const size of sizes) actors.push({ size, actor: await benchSchool(handle.db, size) });
    await handle.db.execute(sql`VACUUM ANALYZE conventions`);
    const viaNext: Record<string, string>[] = [];
    for (const { actor } of actors) viaNext.push(await nextLinkParams(handle.db, actor, searchParams));
    const cases = [
      ...actors.map(({ size, actor }, index) => ({
        actor, params: viaNext[index], target: size === 1_000_000 ? "<= 150" : "",
        label: `Onglet « en attente » (recherche, tri par nom, page 50 par « Suivant »${viaNext[index].apres ? "" : " : au-delà de la fin, dernière page"}) à ${size.toLocaleString("fr-FR")} conventions`,
      })),
      ...actors.slice(1).map(({ size, actor }) => ({
        actor, params: searchParams as Record<string, string>, target: size === 1_000_000 ? "<= 150" : "",
        label: `Onglet « en attente » (recherche, tri par nom, page 50 par un lien direct, sans curseur) à ${size.toLocaleString("fr-FR")} conventions`,
      })),
      ...otherScenarios.map(({ label, params }) => ({ actor: actors[2].actor, params, target: "", label: `Onglet « en attente » (${label}) à 1 000 000 conventions` })),
    ];
    const times: number[][] = cases.map(() => []);
    for (let i = 0; i < 5; i++) for (const { actor, params } of cases) await renderTab(handle.db, actor, params);
    // Round-robin, so that the load of a shared machine drifting during the run weighs on every size alike.
    for (let i = 0; i < iterations; i++) {
      for (const [index, { actor, params }] of cases.entries()) times[index].push(await renderTab(handle.db, actor, params));
    }
    const p50s = times.map((list) => percentile(list.sort((a, b) => a - b), 50));
    for (const [index, { label, target }] of cases.entries()) {
      rows.push({ name: `${label}, p50`, value: round(p50s[index]), unit: "ms", target: "" });
      rows.push({ name: `${label}, p95`, value: round(percentile(times[index], 95)), unit: "ms", target });
    }
    rows.push({ name: "Rapport p50 à 1 000 000 / p50 à 1 000 (page 50 par « Suivant »)", value: round(p50s[2] / p50s[0]), unit: "×", target: "<= 1.5" });
    rows.push({ name: "Rapport p50 à 1 000 000 / p50 à 1 000 (page 50 par un lien direct)", value: round(p50s[4] / p50s[0]), unit: "×", target: "" });
  } finally {
    await handle.close();
  }
  return rows;
}

/** EXPLAIN ANALYZE of the page and count queries at the largest size, for the report. */
export async function explainTabs(): Promise<string> {
  const handle = await openDatabase();
  try {
    const [school] = await handle.db.select({ id: schools.id }).from(schools).where(eq(schools.uai, `BENCH${sizes[2]}`));
    const plans: string[] = [];
    const tab = sql`host_school_id = ${school.id} and state = 'pending_validation'`;
    const cap = exactSearchCountCap + 1;
    // The statements listConventionTab and countConventionTabs send, with the bench's parameters.
    // The cursor of page 49's « Suivant »: the 2 450th Durand in name order.
    const [edge] = rowsOf<{ key: string; id: string }>(await handle.db.execute(sql`select student_last_name_key as key, id from conventions
      where ${tab} and search_text like '%durand%' order by student_last_name_key, id limit 1 offset 2449`));
    const queries = [
      sql`select count(*) from (select 1 from conventions where ${tab} and search_text like '%durand%' limit ${cap}) c`,
      sql`select c.id from conventions c where ${tab} and c.search_text like '%durand%'
        and (c.student_last_name_key, c.id) > (${edge?.key ?? ""}::text, ${edge?.id ?? "00000000-0000-0000-0000-000000000000"}::uuid)
        order by c.student_last_name_key, c.id limit 50`,
      sql`select c.id from conventions c where ${tab} and c.search_text like '%durand%' order by c.student_last_name_key, c.id limit 50 offset 2450`,
      sql`select count(*) from (select 1 from conventions where ${tab} and search_text like '%zzqq%' limit ${cap}) c`,
      sql`select c.id from conventions c where ${tab} and c.search_text like '%zzqq%' order by c.student_last_name_key, c.id limit 50`,
      sql`select c.id from conventions c where ${tab} and c.search_text like '%college%' order by c.internship_date desc, c.id desc limit 50 offset 2450`,
      sql`select c.id from conventions c where ${tab} order by c.guardian_name_key desc, c.id desc limit 50 offset 2450`,
    ];
    for (const query of queries) {
      const result = rowsOf<Record<string, string>>(await handle.db.execute(sql`explain (analyze, buffers) ${query}`));
      plans.push(result.map((row) => Object.values(row)[0]).join("\n"));
    }
    return plans.join("\n\n");
  } finally {
    await handle.close();
  }
}

if (process.argv[1]?.endsWith("bench-tabs.ts")) {
  benchTabs()
    .then(async (rows) => {
      console.table(rows);
      if (process.argv.includes("--explain")) console.log(await explainTabs());
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
