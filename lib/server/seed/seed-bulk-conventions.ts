import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { schools } from "@/db/schema";
import { normalizeSearchText } from "@/lib/core/text/normalize-search-text";
import { internshipSearchText } from "@/lib/core/text/search-texts";
import { firstNames, lastNames } from "./demo-data";

/** The one session every bulk convention is enrolled on. */
const LOAD_SESSION = { title: "Session de charge", date: "2027-03-15", place: "Salle 101", teacherName: "M. Test" };

// Same folding as normalizeSearchText for the letters French names use.
const ACCENTED = "àâäáãéèêëíìîïóòôöõúùûüçñÿ";
const PLAIN = "aaaaaeeeeiiiiooooouuuucny";

export type BulkSeedResult = { inserted: number; milliseconds: number };

const sqlTextArray = (values: string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`);

/**
 * Loads N synthetic pupils, enrollments and conventions into one host school with set-based
 * INSERT … SELECT over generate_series, in batches, for the performance measurements. Every row
 * points at the same stored original PDF, which is enough to render and sort the tabs.
 * `hostSchoolId` / `originSchoolId` pick the schools by id instead of by UAI.
 */
export async function seedBulkConventions(
  db: Db,
  {
    count, hostUai = "0750001A", originUai = "0751003C", hostSchoolId, originSchoolId, batchSize = 100_000,
    originalFileKey, originalSha256, originalSize,
  }: {
    count: number; hostUai?: string; originUai?: string; hostSchoolId?: string; originSchoolId?: string; batchSize?: number;
    originalFileKey: string; originalSha256: string; originalSize: number;
  },
): Promise<BulkSeedResult> {
  const started = performance.now();
  const [host] = await db.select({ id: schools.id }).from(schools)
    .where(hostSchoolId ? eq(schools.id, hostSchoolId) : eq(schools.uai, hostUai));
  const [origin] = await db.select({ id: schools.id, name: schools.name }).from(schools)
    .where(originSchoolId ? eq(schools.id, originSchoolId) : eq(schools.uai, originUai));
  if (!host || !origin) throw new Error("Les établissements de démonstration sont absents : lancez d'abord le seed de démonstration.");
  const last = sqlTextArray(lastNames);
  const first = sqlTextArray(firstNames);
  const tag = Date.now().toString(36);

  const [internship] = await db.execute(sql`
    INSERT INTO internships (host_school_id, title, date, start_time, end_time, place, teacher_name, seats, search_text)
    VALUES (${host.id}, ${LOAD_SESSION.title}, ${LOAD_SESSION.date}::date, '08:30', '12:00', ${LOAD_SESSION.place}, ${LOAD_SESSION.teacherName}, 2000000000,
      ${internshipSearchText(LOAD_SESSION)})
    RETURNING id`).then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { id: string }[]);

  for (let offset = 0; offset < count; offset += batchSize) {
    const size = Math.min(batchSize, count - offset);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        CREATE TEMP TABLE bulk_rows ON COMMIT DROP AS
        SELECT gen_random_uuid() AS student_id, gen_random_uuid() AS enrollment_id, gen_random_uuid() AS convention_id,
               (${last})[1 + (i::bigint * 7919) % array_length(${last}, 1)] || CASE WHEN i % 3 = 0 THEN '' ELSE ' ' || ${tag} || i END AS last_name,
               (${first})[1 + (i::bigint * 104729) % array_length(${first}, 1)] AS first_name,
               DATE '2026-09-01' + ((i * 37) % 280)::int AS stage_date,
               CASE i % 10 WHEN 0 THEN 'validated' WHEN 1 THEN 'validated' WHEN 2 THEN 'pending_validation'
                 WHEN 3 THEN 'pending_validation' WHEN 4 THEN 'pending_validation' ELSE 'not_returned' END AS state
        FROM generate_series(${offset + 1}::int, ${offset + size}::int) AS i`);
      await tx.execute(sql`
        INSERT INTO students (id, origin_school_id, last_name, first_name, class_name, birth_date, guardian_name, guardian_email, search_text)
        SELECT student_id, ${origin.id}, last_name, first_name, '3e A', DATE '2012-01-01', 'Responsable ' || last_name, NULL,
               translate(lower(last_name || ' ' || first_name || ' responsable ' || last_name), ${ACCENTED}, ${PLAIN})
        FROM bulk_rows`);
      await tx.execute(sql`
        INSERT INTO enrollments (id, student_id, internship_id, status, completed_at)
        SELECT enrollment_id, student_id, ${internship.id}, 'completed', now() FROM bulk_rows`);
      await tx.execute(sql`
        INSERT INTO conventions (id, enrollment_id, host_school_id, origin_school_id, state, student_last_name, student_first_name,
          guardian_name, origin_school_name, internship_date, search_text, original_file_key, original_sha256, original_size)
        SELECT convention_id, enrollment_id, ${host.id}, ${origin.id}, state::convention_state, last_name, first_name,
          'Responsable ' || last_name, ${origin.name}, stage_date,
          -- The parts conventionSearchText puts together: pupil, guardian, origin school, course, jj-mm-aaaa.
          translate(lower(last_name || ' ' || first_name || ' responsable ' || last_name), ${ACCENTED}, ${PLAIN})
            || ' ' || ${normalizeSearchText(origin.name, LOAD_SESSION.title)} || ' ' || to_char(stage_date, 'DD-MM-YYYY'),
          ${originalFileKey}, ${originalSha256}, ${originalSize}
        FROM bulk_rows`);
    });
  }
  await db.execute(sql`ANALYZE conventions`);
  return { inserted: count, milliseconds: Math.round(performance.now() - started) };
}
