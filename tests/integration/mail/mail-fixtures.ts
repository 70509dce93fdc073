import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { enrollments, internships, outbox, students } from "@/db/schema";
import { generateConvention } from "@/lib/server/conventions/generate-convention";
import { LocalFileStore } from "@/lib/server/files/local-file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import type { Actor } from "@/lib/core/auth/actor";
import type { Mailer, OutgoingMail } from "@/lib/server/mail/mailer";

export function useTemporaryFileStore(): LocalFileStore {
  const store = new LocalFileStore(mkdtempSync(path.join(os.tmpdir(), "mail-files-")));
  setFileStoreForTests(store);
  return store;
}

/** A completed enrollment of a new pupil of `origin` in a new session of `host`, with its convention generated. */
export async function createGeneratedConvention(db: Db, host: Actor, origin: Actor, lastName = "Dupont") {
  const [internship] = await db.insert(internships).values({
    hostSchoolId: host.schoolId, title: "Bac pro Métiers de l'électricité", date: "2026-03-14",
    startTime: "08:30", endTime: "16:00", place: "Atelier B12", teacherName: "M. Leroy", seats: 4,
  }).returning();
  const [student] = await db.insert(students).values({
    originSchoolId: origin.schoolId, lastName, firstName: "Léa", className: "3e B", birthDate: "2011-05-02",
    guardianName: "Mme Dupont", guardianEmail: "parent@test.example",
  }).returning();
  const [enrollment] = await db.insert(enrollments).values({
    studentId: student.id, internshipId: internship.id, status: "completed", completedAt: new Date(),
  }).returning();
  const { conventionId } = await generateConvention(db, { enrollmentId: enrollment.id });
  return { conventionId, studentName: `${lastName.toUpperCase()} Léa` };
}

/** Plain mail rows, for drain tests that need many. */
export async function queueTestMails(db: Db, count: number, conventionId: string | null = null) {
  const rows = await db.insert(outbox).values(Array.from({ length: count }, (_, index) => ({
    template: "convention-validated",
    toAddress: `destinataire-${index}@test.example`,
    subject: `Convention validée — ÉLÈVE ${index}`,
    conventionId,
    payload: {
      schoolName: "Collège Test", studentName: `ÉLÈVE ${index}`, internshipDate: "14-03-2026",
      hostSchoolName: "Lycée Test", conventionUrl: `http://localhost:3000/conventions/${index}`,
    },
  }))).returning({ id: outbox.id });
  return rows.map((row) => row.id);
}

/** A provider that records what it is given, optionally failing the first `failures` sends. */
export class RecordingMailer implements Mailer {
  readonly name = "recording";
  readonly sent: OutgoingMail[] = [];
  constructor(private failures = 0, private readonly delayMs = 0) {}

  async send(mail: OutgoingMail) {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("Fournisseur indisponible (503)");
    }
    this.sent.push(mail);
    return { providerId: `rec-${this.sent.length}` };
  }
}
