import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventions, enrollments, internships, schools, students, users } from "@/db/schema";
import { normalizeSearchText } from "@/lib/core/text/normalize-search-text";
import { internshipSearchText, studentSearchText } from "@/lib/core/text/search-texts";
import { hashPassword } from "@/lib/server/auth/password";
import { generateConvention } from "@/lib/server/conventions/generate-convention";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { depositConvention } from "@/lib/server/deposits/deposit-convention";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { findUserForLogin } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/actor";
import {
  classNames, DEMO_PASSWORD, demoSchools, demoUsers, firstNames, formations, guardianFirstNames, lastNames, places, teachers,
} from "./demo-data";

/** Small deterministic generator, so that every demo install shows the same pupils. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** School days of the school year around `now`, for the internship calendar. */
function schoolYearDates(now: Date, count: number): string[] {
  const startYear = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const start = Date.UTC(startYear, 8, 15);
  const end = Date.UTC(startYear + 1, 5, 15);
  const dates: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(start + Math.floor(((end - start) * i) / count));
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || day.getUTCDay() === 3) day.setUTCDate(day.getUTCDate() + 1);
    dates.push(isoDate(day));
  }
  return dates;
}

export type SeedSummary = {
  schools: number; users: number; internships: number; enrollments: number; conventionsCreated: number; conventionsReturned: number;
};

async function actorOf(db: Db, email: string): Promise<Actor> {
  const user = await findUserForLogin(db, email);
  if (!user) throw new Error(`Compte de démonstration absent : ${email}`);
  const { passwordHash: _unused, ...actor } = user;
  return actor;
}

/**
 * Moves the freshly generated conventions along their life, through the same use-cases as the
 * portal: most past stages are returned and validated, some coming ones are returned and waiting,
 * a few were invalidated. The returned file is the original itself, deposited with the pupil chosen,
 * as for a printed convention whose signatures the host checks by eye.
 */
async function returnSomeConventions(db: Db, conventionIds: string[], now: Date, random: ReturnType<typeof createRandom>): Promise<number> {
  if (conventionIds.length === 0) return 0;
  const store = await getFileStore();
  const today = now.toISOString().slice(0, 10);
  const hostAdmins = new Map<string, Actor>();
  for (const user of demoUsers.filter((u) => u.role === "host_admin")) {
    const actor = await actorOf(db, user.email);
    hostAdmins.set(actor.schoolId, actor);
  }
  const rows = await db.select({
    id: conventions.id, hostSchoolId: conventions.hostSchoolId, originSchoolId: conventions.originSchoolId,
    date: conventions.internshipDate, key: conventions.originalFileKey,
  }).from(conventions).where(inArray(conventions.id, conventionIds))
    .orderBy(conventions.internshipDate, conventions.studentLastName, conventions.studentFirstName, conventions.guardianName);
  let returned = 0;
  for (const row of rows) {
    const admin = hostAdmins.get(row.hostSchoolId);
    if (!admin) continue;
    const isPast = row.date < today;
    const draw = random.next();
    const isReturned = isPast ? draw < 0.9 : draw < 0.35;
    if (!isReturned) continue;
    const result = await depositConvention(db, {
      depositor: { kind: "user", actor: admin },
      bytes: await store.get(row.key),
      fileName: "convention-retournee.pdf",
      requestedConventionId: row.id,
      now,
    });
    if (result.outcome !== "deposited") continue;
    returned++;
    const next = random.next();
    if (isPast && next < 0.75) {
      await validateConvention(db, { conventionId: row.id, actor: admin, now });
    } else if (next < 0.12) {
      await invalidateConvention(db, {
        conventionId: row.id, actor: admin, reason: random.next() < 0.5 ? "signature-manquante" : "document-illisible",
        note: "Merci de déposer à nouveau la convention complète.", now,
      });
    }
  }
  return returned;
}

/** « Mme Sophie Durand »: the civility and a first name that goes with it. */
function guardianNameOf(random: ReturnType<typeof createRandom>, lastName: string): string {
  const civility = random.next() < 0.5 ? "Mme" : "M.";
  return `${civility} ${random.pick(guardianFirstNames[civility])} ${lastName}`;
}

/** Seeds the demo schools, accounts, sessions, pupils and conventions; running it again adds nothing. */
export async function seedDemo(db: Db, { now = new Date(), enrollmentCount = 400 } = {}): Promise<SeedSummary> {
  const random = createRandom(20260901);
  await db.insert(schools).values(demoSchools.map(({ key: _key, ...school }) => school)).onConflictDoNothing({ target: schools.uai });
  const schoolRows = await db.select({ id: schools.id, uai: schools.uai }).from(schools)
    .where(inArray(schools.uai, demoSchools.map((school) => school.uai)));
  const schoolId = (key: string) => {
    const uai = demoSchools.find((school) => school.key === key)!.uai;
    return schoolRows.find((row) => row.uai === uai)!.id;
  };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(users).values(demoUsers.map((user) => ({
    email: user.email, name: user.name, role: user.role, schoolId: schoolId(user.school), passwordHash,
  }))).onConflictDoNothing({ target: users.email });

  const hosts = [
    { id: schoolId("lycee-demo"), origins: ["college-demo", "college-2", "college-3", "college-4", "college-5"], sessions: 28 },
    { id: schoolId("lycee-autre"), origins: ["college-6"], sessions: 12 },
  ];
  const [{ count: existingInternships }] = await db.select({ count: sql<number>`count(*)::int` }).from(internships)
    .where(inArray(internships.hostSchoolId, hosts.map((host) => host.id)));

  if (existingInternships === 0) {
    for (const host of hosts) {
      const dates = schoolYearDates(now, host.sessions);
      const sessionRows = await db.insert(internships).values(dates.map((date, index) => {
        const title = formations[index % formations.length];
        const morning = index % 3 !== 2;
        const session = { title, date, place: random.pick(places), teacherName: random.pick(teachers) };
        return {
          ...session, hostSchoolId: host.id,
          startTime: morning ? "08:30" : "13:30", endTime: morning ? "12:00" : "16:30", seats: 15,
          searchText: internshipSearchText(session),
        };
      })).returning({ id: internships.id, date: internships.date });

      const share = host.origins.length === 1 ? Math.round(enrollmentCount * 0.15) : Math.round(enrollmentCount * 0.85);
      for (let i = 0; i < share; i++) {
        const session = sessionRows[i % sessionRows.length];
        const lastName = random.pick(lastNames);
        const firstName = random.pick(firstNames);
        const originSchoolId = schoolId(host.origins[i % host.origins.length]);
        // The same draws in the same order as always, so that the demo keeps its pupils.
        const className = random.pick(classNames);
        const birthDate = `${2011 + Math.floor(random.next() * 2)}-${String(1 + Math.floor(random.next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random.next() * 28)).padStart(2, "0")}`;
        const guardianName = guardianNameOf(random, lastName);
        const [student] = await db.insert(students).values({
          originSchoolId, lastName, firstName, className, birthDate, guardianName,
          guardianEmail: `${normalizeSearchText(firstName).replace(/[^a-z]/g, "")}.${normalizeSearchText(lastName).replace(/[^a-z]/g, "")}${i}@famille.test`,
          searchText: studentSearchText({ lastName, firstName, guardianName }),
        }).returning({ id: students.id });
        await db.insert(enrollments).values({
          studentId: student.id, internshipId: session.id, status: "completed", completedAt: now,
        });
      }
    }
  }

  // A stable order, so that the same pupils end up in the same tabs on every install.
  const pending = await db.select({ id: enrollments.id }).from(enrollments)
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .leftJoin(conventions, eq(conventions.enrollmentId, enrollments.id))
    .where(and(eq(enrollments.status, "completed"), isNull(conventions.id)))
    .orderBy(internships.date, internships.startTime, students.lastName, students.firstName, students.guardianEmail);
  const createdIds: string[] = [];
  for (const enrollment of pending) {
    const result = await generateConvention(db, { enrollmentId: enrollment.id, now });
    if (result.created) createdIds.push(result.conventionId);
  }
  const conventionsReturned = await returnSomeConventions(db, createdIds, now, random);

  const [{ count: enrollmentTotal }] = await db.select({ count: sql<number>`count(*)::int` }).from(enrollments);
  const [{ count: internshipTotal }] = await db.select({ count: sql<number>`count(*)::int` }).from(internships);
  return { schools: schoolRows.length, users: demoUsers.length, internships: internshipTotal, enrollments: enrollmentTotal,
    conventionsCreated: createdIds.length, conventionsReturned };
}
