import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventionEvents, conventions, enrollments, internships, schools, students } from "@/db/schema";
import { generateConventionPdf } from "@/lib/core/convention-pdf/generate-convention-pdf";
import { readConventionFonts } from "@/lib/server/conventions/read-convention-fonts";
import type { ConventionPdfInput } from "@/lib/core/convention-pdf/convention-pdf-input";
import { AppError } from "@/lib/core/errors";
import { formatDateFr } from "@/lib/core/format-date";
import { conventionSearchText } from "@/lib/core/text/search-texts";
import { appUrl } from "@/lib/server/config/env";
import { conventionUrlFor, depositLinkFor } from "@/lib/server/deposit-links";
import { sha256Hex, type FileStore } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { queueMail, schoolRecipients } from "@/lib/server/mail/queue-mail";
import { formatStudentName } from "@/lib/core/format-student-name";
import { conventionFileName } from "@/lib/core/conventions/convention-file-name";

export type GeneratedConvention = { conventionId: string; created: boolean };

type SchoolRow = typeof schools.$inferSelect;

async function signatureImageOf(store: FileStore, school: SchoolRow) {
  if (!school.signatureImageKey || !school.signatureImageType) return undefined;
  const bytes = await store.get(school.signatureImageKey).catch(() => null);
  if (!bytes) return undefined;
  return { bytes, type: school.signatureImageType as "png" | "jpeg" };
}

async function schoolPartyOf(store: FileStore, school: SchoolRow): Promise<ConventionPdfInput["hostSchool"]> {
  return {
    name: school.name,
    city: school.city,
    uai: school.uai,
    address: school.address ?? undefined,
    headName: school.headName ?? "",
    signatureImage: await signatureImageOf(store, school),
  };
}

/**
 * Generates the convention of a completed enrollment, exactly once: the original PDF is stored,
 * the convention row, its "generate" event and the mail to the origin school are written together.
 * Calling it again for the same enrollment returns the existing convention.
 */
export async function generateConvention(
  db: Db,
  { enrollmentId, now = new Date() }: { enrollmentId: string; now?: Date },
): Promise<GeneratedConvention> {
  const [existing] = await db.select({ id: conventions.id }).from(conventions).where(eq(conventions.enrollmentId, enrollmentId));
  if (existing) return { conventionId: existing.id, created: false };

  const [row] = await db
    .select({ enrollment: enrollments, student: students, internship: internships })
    .from(enrollments)
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .where(and(eq(enrollments.id, enrollmentId), eq(enrollments.status, "completed")));
  if (!row) throw new AppError("NOT_FOUND", "Inscription introuvable ou non terminée.");
  const { student, internship } = row;
  const [[hostSchool], [originSchool]] = await Promise.all([
    db.select().from(schools).where(eq(schools.id, internship.hostSchoolId)),
    db.select().from(schools).where(eq(schools.id, student.originSchoolId)),
  ]);

  const store = await getFileStore();
  const conventionId = randomUUID();
  const [hostParty, originParty] = await Promise.all([schoolPartyOf(store, hostSchool), schoolPartyOf(store, originSchool)]);
  const pdf = await generateConventionPdf({
    conventionId,
    appUrl: appUrl(),
    generatedAt: now,
    hostSchool: hostParty,
    originSchool: originParty,
    student: { lastName: student.lastName, firstName: student.firstName, className: student.className, birthDate: student.birthDate },
    guardian: { name: student.guardianName, email: student.guardianEmail ?? "" },
    internship: {
      title: internship.title,
      date: internship.date,
      startTime: internship.startTime,
      endTime: internship.endTime,
      place: internship.place,
      teacherName: internship.teacherName,
    },
  }, readConventionFonts());
  const fileKey = await store.put(pdf, "application/pdf");
  const studentName = formatStudentName(student.lastName, student.firstName);

  // If this fails, the stored PDF stays: a parallel request may share its bytes; unreferenced, the clean-up removes it after 24 h.
  const created = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(conventions)
      .values({
        id: conventionId,
        enrollmentId,
        hostSchoolId: hostSchool.id,
        originSchoolId: originSchool.id,
        state: "not_returned",
        studentLastName: student.lastName,
        studentFirstName: student.firstName,
        guardianName: student.guardianName,
        originSchoolName: originSchool.name,
        internshipDate: internship.date,
        searchText: conventionSearchText({
          studentLastName: student.lastName,
          studentFirstName: student.firstName,
          guardianName: student.guardianName,
          originSchoolName: originSchool.name,
          internshipTitle: internship.title,
          internshipDate: internship.date,
        }),
        originalFileKey: fileKey,
        originalSha256: sha256Hex(pdf),
        originalSize: pdf.length,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: conventions.enrollmentId })
      .returning({ id: conventions.id });
    if (inserted.length === 0) return false;
    await tx.insert(conventionEvents).values({
      conventionId,
      event: "generate",
      fromState: null,
      toState: "not_returned",
      actorLabel: "Portail (génération automatique)",
      createdAt: now,
    });
    const recipients = await schoolRecipients(tx, originSchool.id);
    await queueMail(
      tx,
      recipients.map((to) => ({
        template: "convention-generated" as const,
        to,
        conventionId,
        schoolId: originSchool.id,
        payload: {
          schoolName: originSchool.name,
          studentName,
          internshipTitle: internship.title,
          internshipDate: formatDateFr(internship.date),
          hostSchoolName: hostSchool.name,
          conventionUrl: conventionUrlFor(conventionId),
          depositUrl: depositLinkFor(conventionId, now),
        },
        attachments: [{
          filename: conventionFileName(student, internship.date, { kind: "original" }),
          fileKey,
          contentType: "application/pdf",
        }],
      })),
    );
    return true;
  });

  if (!created) {
    // Another request generated it first; our PDF, referenced by nobody unless identical, is left to the clean-up.
    const [winner] = await db.select({ id: conventions.id }).from(conventions).where(eq(conventions.enrollmentId, enrollmentId));
    return { conventionId: winner.id, created: false };
  }
  return { conventionId, created: true };
}
