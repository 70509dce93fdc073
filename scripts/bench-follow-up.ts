/**
 * The host's daily work at scale, on PostgreSQL: « Exporter » of a 100 000-row tab (CSV and XLSX,
 * time and peak memory of the process while it streams) and the daily reminder run over a host
 * school with 100 000 unreturned conventions (its usual 7-day window, and every one of them due).
 *   DATABASE_URL=postgres://…/<db> npx tsx scripts/bench-follow-up.ts
 * The school (BENCHSUIVI200000: 200 000 conventions, half of them unreturned) is loaded once and kept.
 */
import "./support/production-mode";
import { and, eq, inArray, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { conventionEvents, conventionReminders, conventions, outbox, schools } from "../db/schema";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { seedBulkConventions } from "../lib/server/seed/seed-bulk-conventions";
import { exportConventionTab, type ExportFormat } from "../lib/server/exports/export-convention-tab";
import { sendDueReminders } from "../lib/server/reminders/send-due-reminders";
import type { Actor } from "../lib/core/auth/actor";

export type BenchRow = { name: string; value: number | string; unit: string; anchor?: string; target: string };

const SIZE = 200_000;
const UAI = `BENCHSUIVI${SIZE}`;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function benchSchool(db: Db): Promise<Actor> {
  await db.insert(schools).values({ name: "Lycée de mesure (suivi)", uai: UAI, city: "Paris", isHost: true, contactEmail: "suivi@bench.test" })
    .onConflictDoNothing({ target: schools.uai });
  const [school] = await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.uai, UAI));
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(conventions).where(eq(conventions.hostSchoolId, school.id));
  if (n < SIZE) {
    let [sample] = await db.select().from(conventions).limit(1);
    if (!sample) {
      await seedDemo(db);
      [sample] = await db.select().from(conventions).limit(1);
    }
    await seedBulkConventions(db, {
      count: SIZE - n, hostSchoolId: school.id, originSchoolId: sample.originSchoolId,
      originalFileKey: sample.originalFileKey, originalSha256: sample.originalSha256, originalSize: sample.originalSize,
    });
  }
  return { userId: "00000000-0000-4000-8000-000000000000", email: "suivi@bench.test", name: "Mesure", role: "host_admin", schoolId: school.id, schoolName: school.name };
}

/** Streams the export to nowhere, sampling the process's memory meanwhile. */
async function measureExport(db: Db, actor: Actor, format: ExportFormat) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const started = performance.now();
  const stream = exportConventionTab(db, {
    actor, state: "not_returned", query: { q: "", sort: "nom", order: "asc" }, filters: {}, format, tabLabel: "Non retournées",
  });
  let bytes = 0;
  let lines = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === "csv") for (const byte of value) if (byte === 10) lines += 1;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const milliseconds = performance.now() - started;
  clearInterval(sampler);
  return { milliseconds, bytes, rows: lines - 1, baseline, peak };
}

async function clearReminders(db: Db, actor: Actor): Promise<void> {
  await db.execute(sql`delete from ${conventionReminders} where ${conventionReminders.conventionId} in
    (select ${conventions.id} from ${conventions} where ${conventions.hostSchoolId} = ${actor.schoolId})`);
  await db.execute(sql`delete from ${conventionEvents} where ${conventionEvents.event} = 'remind'
    and ${conventionEvents.conventionId} in (select ${conventions.id} from ${conventions} where ${conventions.hostSchoolId} = ${actor.schoolId})`);
  await db.delete(outbox).where(and(eq(outbox.hostSchoolId, actor.schoolId), inArray(outbox.template, ["conventions-reminder"])));
}

export async function benchFollowUp(): Promise<BenchRow[]> {
  if (!process.env.DATABASE_URL) throw new Error("bench-follow-up mesure sur PostgreSQL : définissez DATABASE_URL.");
  const handle = await openDatabase();
  const rows: BenchRow[] = [];
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const actor = await benchSchool(db);
    await db.execute(sql`VACUUM ANALYZE conventions`);
    const [{ unreturned }] = await db.select({ unreturned: sql<number>`count(*)::int` }).from(conventions)
      .where(and(eq(conventions.hostSchoolId, actor.schoolId), eq(conventions.state, "not_returned")));

    for (const format of ["csv", "xlsx"] as const) {
      await measureExport(db, actor, format); // warm-up: plans, JIT
      const run = await measureExport(db, actor, format);
      if (format === "csv" && run.rows !== Number(unreturned)) throw new Error(`export incomplet : ${run.rows} lignes sur ${unreturned}`);
      rows.push({
        name: `Export ${format.toUpperCase()} de l'onglet « non retournées », ${Number(unreturned).toLocaleString("fr-FR")} lignes, tri par nom`,
        value: Math.round(run.milliseconds), unit: "ms", anchor: `${mb(run.bytes)} Mo produits`, target: "",
      });
      rows.push({
        name: `Export ${format.toUpperCase()} : mémoire de pointe du processus pendant l'export`,
        value: mb(run.peak), unit: "Mo", anchor: `${mb(run.baseline)} Mo avant l'export (+${mb(run.peak - run.baseline)} Mo)`, target: "",
      });
    }

    const [settings] = await db.select({ urgencyDays: schools.urgencyDays }).from(schools).where(eq(schools.id, actor.schoolId));
    const now = new Date("2026-12-01T06:00:00Z");
    for (const { label, urgencyDays } of [
      { label: `fenêtre de ${settings.urgencyDays} jours`, urgencyDays: settings.urgencyDays },
      { label: "toutes dues (fenêtre de 400 jours)", urgencyDays: 400 },
    ]) {
      await db.update(schools).set({ urgencyDays }).where(eq(schools.id, actor.schoolId));
      await clearReminders(db, actor);
      const started = performance.now();
      const report = await sendDueReminders(db, { now, hostSchoolId: actor.schoolId });
      const milliseconds = performance.now() - started;
      const again = performance.now();
      const second = await sendDueReminders(db, { now, hostSchoolId: actor.schoolId });
      const secondMs = performance.now() - again;
      if (second.reminded !== 0) throw new Error("la seconde passe a relancé de nouveau");
      rows.push({
        name: `Relance quotidienne sur ${Number(unreturned).toLocaleString("fr-FR")} conventions non retournées, ${label}`,
        value: Math.round(milliseconds), unit: "ms",
        anchor: `${report.reminded.toLocaleString("fr-FR")} relancées, ${report.mails} courriel(s) ; seconde passe le même jour : ${Math.round(secondMs)} ms, 0 relance`,
        target: "",
      });
    }
    await db.update(schools).set({ urgencyDays: settings.urgencyDays }).where(eq(schools.id, actor.schoolId));
    await clearReminders(db, actor);
  } finally {
    await handle.close();
  }
  return rows;
}

if (process.argv[1]?.endsWith("bench-follow-up.ts")) {
  benchFollowUp()
    .then((rows) => console.table(rows))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
