import { aliasedTable, and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventionEvents, conventions, deposits, enrollments, internships, schools, students, users } from "@/db/schema";
import { conventionScope } from "./convention-scope";
import type { Actor } from "@/lib/core/auth/actor";
import { canManageConvention } from "@/lib/core/conventions/convention-permissions";
import type { ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { isUuid } from "@/lib/core/is-uuid";

export type ConventionDeposit = {
  id: string;
  fileName: string | null;
  size: number;
  sha256: string;
  verdict: string;
  recognition: string;
  uploadedViaLink: boolean;
  uploadedByName: string | null;
  createdAt: Date;
  /** The analysis of the current deposit (its signature panel); null for the older ones, not loaded. */
  analysis: unknown;
};

export type ConventionEventRow = {
  id: number;
  event: string;
  fromState: ConventionState | null;
  toState: ConventionState;
  actorLabel: string;
  reason: string | null;
  note: string | null;
  depositId: string | null;
  createdAt: Date;
};

export type ConventionDetail = {
  id: string;
  state: ConventionState;
  version: number;
  hostSchoolId: string;
  hostSchoolName: string;
  originSchoolId: string;
  originSchoolName: string;
  studentId: string;
  studentLastName: string;
  studentFirstName: string;
  studentClassName: string;
  guardianName: string;
  guardianEmail: string | null;
  internshipId: string;
  internshipTitle: string;
  internshipDate: string;
  internshipStartTime: string;
  internshipEndTime: string;
  internshipPlace: string;
  internshipTeacher: string;
  originalSize: number;
  currentDepositId: string | null;
  invalidatedAt: Date | null;
  invalidationReason: string | null;
  invalidationNote: string | null;
  validatedAt: Date | null;
  validatedByName: string | null;
  createdAt: Date;
  canAct: boolean;
  deposits: ConventionDeposit[];
  events: ConventionEventRow[];
};

const hostSchools = aliasedTable(schools, "host_school");
const validators = aliasedTable(users, "validator");
const uploaders = aliasedTable(users, "uploader");

/** One convention with its history, or null when it does not exist or is outside the actor's school. */
export async function findConventionDetail(db: DbOrTx, actor: Actor, conventionId: string): Promise<ConventionDetail | null> {
  if (!isUuid(conventionId)) return null;
  const [row] = await db
    .select({
      id: conventions.id,
      state: conventions.state,
      version: conventions.version,
      hostSchoolId: conventions.hostSchoolId,
      hostSchoolName: hostSchools.name,
      originSchoolId: conventions.originSchoolId,
      originSchoolName: conventions.originSchoolName,
      studentId: students.id,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      studentClassName: students.className,
      guardianName: conventions.guardianName,
      guardianEmail: students.guardianEmail,
      internshipId: internships.id,
      internshipTitle: internships.title,
      internshipDate: conventions.internshipDate,
      internshipStartTime: internships.startTime,
      internshipEndTime: internships.endTime,
      internshipPlace: internships.place,
      internshipTeacher: internships.teacherName,
      originalSize: conventions.originalSize,
      currentDepositId: conventions.currentDepositId,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      invalidationNote: conventions.invalidationNote,
      validatedAt: conventions.validatedAt,
      validatedByName: validators.name,
      createdAt: conventions.createdAt,
    })
    .from(conventions)
    .innerJoin(hostSchools, eq(hostSchools.id, conventions.hostSchoolId))
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .leftJoin(validators, eq(validators.id, conventions.validatedByUserId))
    .where(and(eq(conventions.id, conventionId), conventionScope(actor)))
    .limit(1);
  if (!row) return null;
  const [depositRows, eventRows] = await Promise.all([
    db
      .select({
        id: deposits.id,
        fileName: deposits.fileName,
        size: deposits.size,
        sha256: deposits.sha256,
        verdict: deposits.verdict,
        recognition: deposits.recognition,
        uploadedViaLink: deposits.uploadedViaLink,
        uploadedByName: uploaders.name,
        createdAt: deposits.createdAt,
        analysis: sql<unknown>`case when ${deposits.id} = ${row.currentDepositId} then ${deposits.analysis} end`.mapWith(deposits.analysis),
      })
      .from(deposits)
      .leftJoin(uploaders, eq(uploaders.id, deposits.uploadedByUserId))
      .where(eq(deposits.conventionId, conventionId))
      .orderBy(desc(deposits.createdAt)),
    db
      .select({
        id: conventionEvents.id,
        event: conventionEvents.event,
        fromState: conventionEvents.fromState,
        toState: conventionEvents.toState,
        actorLabel: conventionEvents.actorLabel,
        reason: conventionEvents.reason,
        note: conventionEvents.note,
        depositId: conventionEvents.depositId,
        createdAt: conventionEvents.createdAt,
      })
      .from(conventionEvents)
      .where(eq(conventionEvents.conventionId, conventionId))
      .orderBy(desc(conventionEvents.id)),
  ]);
  const canAct = canManageConvention(actor, row);
  return { ...row, canAct, deposits: depositRows, events: eventRows };
}
