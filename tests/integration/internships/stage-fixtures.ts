import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/auth/actor";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { createInternship } from "@/lib/server/internships/create-internship";
import { registerStudent } from "@/lib/server/students/register-student";

/** The clock of these tests: sessions on "2026-12-…" are in the future. */
export const NOW = new Date("2026-11-02T09:00:00Z");
export const TODAY = "2026-11-02";

/** Generated PDFs go to a throw-away folder; the deposit-link secret is fixed. */
export function useTemporaryFileStore(): string {
  process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";
  const dir = mkdtempSync(path.join(os.tmpdir(), "stage-files-"));
  setFileStoreForTests(new LocalFileStore(dir));
  return dir;
}

let sessionCounter = 0;

export async function createSession(
  db: Db,
  host: Actor,
  overrides: Partial<Record<"title" | "date" | "startTime" | "endTime" | "place" | "teacherName", string>> & { seats?: number } = {},
  now: Date = NOW,
): Promise<string> {
  sessionCounter += 1;
  const { internshipId } = await createInternship(db, host, {
    title: `Bac pro Électricité ${sessionCounter}`,
    date: "2026-12-03",
    startTime: "08:30",
    endTime: "12:00",
    place: "Atelier B12",
    teacherName: "M. Girard",
    seats: "12",
    ...overrides,
    ...(overrides.seats !== undefined ? { seats: String(overrides.seats) } : {}),
  }, now);
  return internshipId;
}

let studentCounter = 0;

export async function createPupil(
  db: Db,
  staff: Actor,
  overrides: Partial<Record<"lastName" | "firstName" | "className" | "birthDate" | "guardianName" | "guardianEmail", string>> = {},
): Promise<string> {
  studentCounter += 1;
  const { studentId } = await registerStudent(db, staff, {
    lastName: `Martin${studentCounter}`,
    firstName: "Léa",
    className: "3e B",
    birthDate: "2012-05-14",
    guardianName: "Mme Sophie Martin",
    guardianEmail: `famille${studentCounter}@exemple.test`,
    ...overrides,
  });
  return studentId;
}
