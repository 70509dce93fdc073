import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventions, enrollments, internships, students, users } from "@/db/schema";
import { conventionSearchText } from "@/lib/core/text/search-texts";
import type { Actor } from "@/lib/core/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { sha256Hex, type FileStore } from "@/lib/server/files/file-store";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { createSchoolWithUser } from "../../support/seed-fixtures";

export const SAMPLE_CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
/** The id the spoofed fixture writes into its Info dictionary after signing. */
export const SPOOFED_CONVENTION_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

const root = path.join(process.cwd(), "tests", "fixtures");
export function fixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(root, relative)));
}

/** A readable PDF that carries no convention id at all: what a phone "scan to PDF" app may produce. */
export async function anonymousPdf(label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(`Convention remplie a la main (${label})`, { x: 60, y: 760, size: 14, font });
  return doc.save({ useObjectStreams: false });
}

export function tempFileStore(): { store: FileStore; dir: string; countFiles: () => number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "deposit-files-"));
  const countFiles = () => readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp")).length;
  return { store: new LocalFileStore(dir), dir, countFiles };
}

/** A convention row as generation would leave it, with the given original bytes in the store. */
export async function insertConvention(db: Db, store: FileStore, args: {
  id?: string; host: Actor; origin: Actor; lastName: string; firstName: string; original: Uint8Array; date?: string;
}): Promise<string> {
  const date = args.date ?? "2026-03-12";
  const [internship] = await db.insert(internships).values({
    hostSchoolId: args.host.schoolId, title: "Seconde générale et technologique", date, startTime: "08:30", endTime: "12:00",
    place: "Salle B12", teacherName: "Mme Bernard", seats: 12,
  }).returning();
  const [student] = await db.insert(students).values({
    originSchoolId: args.origin.schoolId, lastName: args.lastName, firstName: args.firstName, className: "3e A",
    birthDate: "2011-09-14", guardianName: `Mme ${args.lastName}`, guardianEmail: "famille@test.example",
  }).returning();
  const [enrollment] = await db.insert(enrollments).values({
    studentId: student.id, internshipId: internship.id, status: "completed", completedAt: new Date(),
  }).returning();
  const fileKey = await store.put(args.original, "application/pdf");
  const [row] = await db.insert(conventions).values({
    ...(args.id ? { id: args.id } : {}),
    enrollmentId: enrollment.id,
    hostSchoolId: args.host.schoolId,
    originSchoolId: args.origin.schoolId,
    studentLastName: args.lastName,
    studentFirstName: args.firstName,
    guardianName: `Mme ${args.lastName}`,
    originSchoolName: args.origin.schoolName,
    internshipDate: date,
    searchText: conventionSearchText({
      studentLastName: args.lastName, studentFirstName: args.firstName, guardianName: `Mme ${args.lastName}`,
      originSchoolName: args.origin.schoolName, internshipTitle: internship.title, internshipDate: date,
    }),
    originalFileKey: fileKey,
    originalSha256: sha256Hex(args.original),
    originalSize: args.original.length,
  }).returning({ id: conventions.id });
  return row.id;
}

/** A second host admin in the same school, so that "each host admin" is more than one address. */
export async function addHostAdmin(db: Db, host: Actor, email: string): Promise<string> {
  await db.insert(users).values({
    schoolId: host.schoolId, email, name: "Second administrateur", role: "host_admin", passwordHash: await hashPassword("x-secret-x"),
  });
  return email;
}

export async function conventionRow(db: Db, id: string) {
  const [row] = await db.select().from(conventions).where(eq(conventions.id, id));
  return row;
}

export function depositRequest(fields: { file?: Uint8Array | null; fileName?: string; conventionId?: string; token?: string }): Request {
  const form = new FormData();
  if (fields.file) form.append("file", new File([fields.file as BlobPart], fields.fileName ?? "convention.pdf", { type: "application/pdf" }));
  if (fields.conventionId) form.append("conventionId", fields.conventionId);
  const query = fields.token ? `?token=${encodeURIComponent(fields.token)}` : "";
  return new Request(`http://localhost/api/conventions/depot${query}`, { method: "POST", body: form });
}

export async function createWorld(db: Db, store: FileStore) {
  const host = await createSchoolWithUser(db, { role: "host_admin", name: "Lycée Victor Hugo" });
  const secondHostAdminEmail = await addHostAdmin(db, host, `second-admin-${host.schoolId.slice(0, 8)}@test.example`);
  const origin = await createSchoolWithUser(db, { role: "origin_staff", name: "Collège Jean Moulin" });
  const otherOrigin = await createSchoolWithUser(db, { role: "origin_staff", name: "Collège Louise Michel" });
  const otherHost = await createSchoolWithUser(db, { role: "host_admin", name: "Lycée Condorcet" });
  const sampleId = await insertConvention(db, store, {
    id: SAMPLE_CONVENTION_ID, host, origin, lastName: "Durand", firstName: "Léa", original: fixture("generated/convention-sample.pdf"),
  });
  const spoofTargetId = await insertConvention(db, store, {
    id: SPOOFED_CONVENTION_ID, host, origin, lastName: "Martin", firstName: "Hugo", original: await anonymousPdf("original Martin"),
  });
  const otherSchoolId = await insertConvention(db, store, {
    host, origin: otherOrigin, lastName: "Petit", firstName: "Zoé", original: await anonymousPdf("original Petit"),
  });
  return { host, secondHostAdminEmail, origin, otherOrigin, otherHost, sampleId, spoofTargetId, otherSchoolId };
}
