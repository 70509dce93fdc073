/**
 * Server-render time of a conventions tab (search + sort + page 50) at 1 000, 100 000 and
 * 1 000 000 conventions in one host school, on PostgreSQL:
 *   DATABASE_URL=postgres://…/<db> npx tsx scripts/bench-tabs.ts
 * Each size lives in its own host school (BENCH…), loaded once with seedBulkConventions and kept
 * for later runs. A render = the tab's data function (loadConventionTab) + renderToString of the table.
 */
import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { migrateDatabase, openDatabase, rowsOf, type Db } from "../db/client";
import { conventions, schools } from "../db/schema";
import { seedDemo } from "../db/seed/seed-demo";
import { firstNames, lastNames } from "../db/seed/demo-data";
import { ConventionTabTable } from "../components/conventions/convention-tab-table";
import { loadConventionTab } from "../components/conventions/load-convention-tab";
import type { Actor } from "../lib/server/auth/actor";

export type BenchRow = { name: string; value: number; unit: string; target: string };

const sizes = [1_000, 100_000, 1_000_000];
// In the synthetic rows every "Durand" falls in the pending tab (~16 700 of them at 1M), so page 50 exists.
const searchParams = { q: "durand", tri: "nom", ordre: "asc", page: "50" };
const state = "pending_validation" as const;

const ACCENTED = "àâäáãéèêëíìîïóòôöõúùûüçñÿ";
const PLAIN = "aaaaaeeeeiiiiooooouuuucny";
const textArray = (values: string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`);

/**
 * Same set-based load as db/seed/seed-bulk-conventions.ts, whose generate_series bounds are untyped
 * parameters that PostgreSQL (postgres.js) refuses ("generate_series(unknown, unknown) is not unique").
 */
async function loadBulkConventions(db: Db, { hostSchoolId, from, to, sample }: {
  hostSchoolId: string; from: number; to: number; sample: typeof conventions.$inferSelect;
}): Promise<void> {
  const [origin] = await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, sample.originSchoolId));
  const last = textArray(lastNames);
  const first = textArray(firstNames);
  const [internship] = rowsOf<{ id: string }>(await db.execute(sql`
    INSERT INTO internships (host_school_id, title, date, start_time, end_time, place, teacher_name, seats, search_text)
    VALUES (${hostSchoolId}, 'Session de charge', '2027-03-15', '08:30', '12:00', 'Salle 101', 'M. Test', 2000000000, 'session de charge')
    RETURNING id`));
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        CREATE TEMP TABLE bulk_rows ON COMMIT DROP AS
        SELECT gen_random_uuid() AS student_id, gen_random_uuid() AS enrollment_id, gen_random_uuid() AS convention_id,
               (${last})[1 + ((i::bigint * 7919) % array_length(${last}, 1))::int] || CASE WHEN i % 3 = 0 THEN '' ELSE ' ' || i::text END AS last_name,
               (${first})[1 + ((i::bigint * 104729) % array_length(${first}, 1))::int] AS first_name,
               DATE '2026-09-01' + ((i::bigint * 37) % 280)::int AS stage_date,
               (CASE i % 10 WHEN 0 THEN 'validated' WHEN 1 THEN 'validated' WHEN 2 THEN 'pending_validation'
                 WHEN 3 THEN 'pending_validation' WHEN 4 THEN 'pending_validation' ELSE 'not_returned' END)::convention_state AS state
        FROM generate_series(${start}::int, ${end}::int) AS i`);
      await tx.execute(sql`
        INSERT INTO students (id, origin_school_id, last_name, first_name, class_name, birth_date, guardian_name, search_text)
        SELECT student_id, ${origin.id}, last_name, first_name, '3e A', DATE '2012-01-01', 'Responsable ' || last_name,
               translate(lower(last_name || ' ' || first_name), ${ACCENTED}, ${PLAIN}) FROM bulk_rows`);
      await tx.execute(sql`
        INSERT INTO enrollments (id, student_id, internship_id, status, completed_at)
        SELECT enrollment_id, student_id, ${internship.id}, 'completed', now() FROM bulk_rows`);
      await tx.execute(sql`
        INSERT INTO conventions (id, enrollment_id, host_school_id, origin_school_id, state, student_last_name, student_first_name,
          guardian_name, origin_school_name, internship_date, search_text, original_file_key, original_sha256, original_size)
        SELECT convention_id, enrollment_id, ${hostSchoolId}, ${origin.id}, state, last_name, first_name,
          'Responsable ' || last_name, ${origin.name}, stage_date,
          translate(lower(last_name || ' ' || first_name || ' ' || ${origin.name}), ${ACCENTED}, ${PLAIN}),
          ${sample.originalFileKey}, ${sample.originalSha256}, ${sample.originalSize}
        FROM bulk_rows`);
    });
  }
}

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
    await loadBulkConventions(db, { hostSchoolId: school.id, from: n + 1, to: size, sample });
    console.error(`${uai} : ${size - n} conventions chargées en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { userId: "00000000-0000-4000-8000-000000000000", email: "mesure@bench.test", name: "Mesure", role: "host_admin", schoolId: school.id, schoolName: school.name };
}

async function renderTab(db: Db, actor: Actor): Promise<number> {
  const started = performance.now();
  const data = await loadConventionTab(db, actor, state, searchParams);
  const html = renderToString(createElement(ConventionTabTable, {
    state, basePath: "/conventions/en-attente", query: data.query, tab: data.tab, canAct: true, validateAction: async () => null,
  }));
  if (!html.includes("Affichage de ")) throw new Error("rendu inattendu");
  return performance.now() - started;
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
    const actors = [];
    for (const size of sizes) actors.push({ size, actor: await benchSchool(handle.db, size) });
    await handle.db.execute(sql`VACUUM ANALYZE conventions`);
    const p50s: number[] = [];
    for (const { size, actor } of actors) {
      for (let i = 0; i < 5; i++) await renderTab(handle.db, actor);
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) times.push(await renderTab(handle.db, actor));
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      p50s.push(p50);
      const label = `Onglet « en attente » (recherche, tri par nom, page 50) à ${size.toLocaleString("fr-FR")} conventions`;
      rows.push({ name: `${label}, p50`, value: round(p50), unit: "ms", target: "" });
      rows.push({ name: `${label}, p95`, value: round(percentile(times, 95)), unit: "ms", target: size === 1_000_000 ? "<= 150" : "" });
    }
    rows.push({ name: "Rapport p50 à 1 000 000 / p50 à 1 000", value: round(p50s[2] / p50s[0]), unit: "×", target: "<= 1.5" });
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
    const queries = [
      sql`select count(*) from (select 1 from conventions where (host_school_id = ${school.id}) is true and (state = 'pending_validation') is true and search_text like '%durand%' limit 10001) c`,
      sql`select count(*) from (select 1 from conventions where host_school_id = ${school.id} and state = 'not_returned' limit 10001) c`,
      sql`select c.id from conventions c where (c.host_school_id = ${school.id}) is true and (c.state = 'pending_validation') is true and c.search_text like '%durand%' order by c.student_last_name, c.id limit 50 offset 2450`,
      sql`select c.id from conventions c where c.host_school_id = ${school.id} and c.state = 'not_returned' order by c.guardian_name desc, c.id desc limit 50 offset 2450`,
    ];
    for (const query of queries) {
      const result = rowsOf<Record<string, string>>(await handle.db.execute(sql`explain (analyze, buffers off) ${query}`));
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
