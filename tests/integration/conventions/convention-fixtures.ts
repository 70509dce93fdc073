import type { Db } from "@/db/client";
import { deposits, enrollments, internships, students } from "@/db/schema";
import { sha256Hex } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { generateConvention } from "@/lib/server/conventions/generate-convention";
import { applyConventionTransition } from "@/lib/server/conventions/apply-convention-transition";
import type { Actor } from "@/lib/core/auth/actor";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";

/** A completed enrollment of a new pupil of `origin` in a new session of `host`, and its generated convention. */
export async function createConvention(
  db: Db,
  { host, origin, lastName = "Dupont", firstName = "Léa", date = "2026-02-03" }: {
    host: Actor; origin: Actor; lastName?: string; firstName?: string; date?: string;
  },
): Promise<string> {
  const [internship] = await db.insert(internships).values({
    hostSchoolId: host.schoolId, title: "Seconde générale", date, startTime: "08:30", endTime: "12:00",
    place: "Salle 12", teacherName: "Mme Martin", seats: 10,
  }).returning();
  const [student] = await db.insert(students).values({
    originSchoolId: origin.schoolId, lastName, firstName, className: "3e B", birthDate: "2011-05-04",
    guardianName: `Responsable ${lastName}`, guardianEmail: "parent@test.example",
  }).returning();
  const [enrollment] = await db.insert(enrollments).values({
    studentId: student.id, internshipId: internship.id, status: "completed", completedAt: new Date(),
  }).returning();
  const { conventionId } = await generateConvention(db, { enrollmentId: enrollment.id });
  return conventionId;
}

export function signedAnalysis(overrides: Partial<PdfAnalysis> = {}): PdfAnalysis {
  return {
    bytes: 1234, sha256: "ab".repeat(32), verdict: "signed", conventionId: null, idSource: "original-hash", recognition: "automatic",
    signatures: [{
      field: "Signature_Origine", subFilter: "adbe.pkcs7.detached",
      signer: { commonName: "Jean Principal", organization: "Collège Test", email: "", serialNumber: "", issuer: "Jean Principal", notBefore: "", notAfter: "" },
      signingTime: "2026-01-20T10:00:00.000Z", digestAlgorithm: "SHA-256", integrity: "valid", coverage: "entire-revision",
      modificationsAfter: "none", trust: "self-signed", isTimestamp: false,
    }],
    problems: [],
    ...overrides,
  };
}

/** Stores a deposited file and makes it current, as the deposit use-case would (state → pending). */
export async function depositFile(db: Db, conventionId: string, bytes = new TextEncoder().encode(`%PDF-1.7 deposit ${Math.random()}`)): Promise<string> {
  const store = await getFileStore();
  const fileKey = await store.put(bytes, "application/pdf");
  const [deposit] = await db.insert(deposits).values({
    conventionId, fileKey, sha256: sha256Hex(bytes), size: bytes.length, fileName: "convention-signee.pdf",
    recognition: "automatic", verdict: "signed", analysis: signedAnalysis({ bytes: bytes.length, sha256: sha256Hex(bytes) }),
  }).returning();
  await db.transaction((tx) => applyConventionTransition(tx, {
    conventionId, event: "deposit", by: { kind: "link", conventionId }, depositId: deposit.id,
  }));
  return deposit.id;
}
