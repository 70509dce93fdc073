import { aliasedTable, and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { conventions, deposits, internships, enrollments, schools } from "../schema";
import { matchesSearch } from "./search-match";
import { canApply, conventionStates, type ConventionState } from "@/lib/core/conventions/convention-state-machine";
import type { Depositor } from "@/lib/core/auth/depositor";

/** The conventions a depositor may deposit for: their school's pupils, their host school's, or the link's one. */
function depositorScope(depositor: Depositor): SQL {
  if (depositor.kind === "link") return eq(conventions.id, depositor.conventionId);
  const { actor } = depositor;
  return actor.role === "host_admin" ? eq(conventions.hostSchoolId, actor.schoolId) : eq(conventions.originSchoolId, actor.schoolId);
}

/**
 * The analysis engine's lookup of a stored original by its SHA-256. Deliberately unscoped: it only
 * names the convention the bytes belong to, and the deposit is authorised afterwards.
 */
export async function findConventionIdByOriginalSha256(db: DbOrTx, sha256: string): Promise<string | null> {
  const [row] = await db.select({ id: conventions.id }).from(conventions)
    .where(eq(conventions.originalSha256, sha256.toLowerCase())).limit(1);
  return row?.id ?? null;
}

export type DepositTarget = {
  id: string;
  state: ConventionState;
  version: number;
  hostSchoolId: string;
  originSchoolId: string;
  studentLastName: string;
  studentFirstName: string;
  internshipDate: string;
  originSchoolName: string;
  hostSchoolName: string;
  isInvalidated: boolean;
  currentDepositSha256: string | null;
  /** The stored original, for the visual comparison of a deposit with it. */
  originalFileKey: string;
  /** False when the convention exists but belongs to a school the depositor cannot act for. */
  isInScope: boolean;
};

const hostSchools = aliasedTable(schools, "host_school");
const currentDeposits = aliasedTable(deposits, "current_deposit");

/** One convention with what a deposit needs to authorise it and to detect a repeated file. */
export async function findConventionForDeposit(db: DbOrTx, depositor: Depositor, conventionId: string): Promise<DepositTarget | null> {
  const [row] = await db
    .select({
      id: conventions.id,
      state: conventions.state,
      version: conventions.version,
      hostSchoolId: conventions.hostSchoolId,
      originSchoolId: conventions.originSchoolId,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      internshipDate: conventions.internshipDate,
      originSchoolName: conventions.originSchoolName,
      hostSchoolName: hostSchools.name,
      invalidatedAt: conventions.invalidatedAt,
      currentDepositSha256: currentDeposits.sha256,
      originalFileKey: conventions.originalFileKey,
      isInScope: sql<boolean>`(${depositorScope(depositor)})`,
    })
    .from(conventions)
    .innerJoin(hostSchools, eq(hostSchools.id, conventions.hostSchoolId))
    .leftJoin(currentDeposits, eq(currentDeposits.id, conventions.currentDepositId))
    .where(eq(conventions.id, conventionId))
    .limit(1);
  if (!row) return null;
  const { invalidatedAt, ...rest } = row;
  return { ...rest, isInvalidated: invalidatedAt !== null, isInScope: row.isInScope === true || String(row.isInScope) === "true" };
}

export type DepositableConvention = {
  id: string;
  studentLastName: string;
  studentFirstName: string;
  originSchoolName: string;
  internshipDate: string;
  internshipTitle: string;
  state: ConventionState;
};

/** The states in which the state machine accepts a deposit. */
const depositableStates = conventionStates.filter((state) => canApply(state, "deposit"));

/** The pupils a depositor may choose for an unrecognised file: those the state machine lets receive a deposit, searched by name. */
export async function listDepositableConventions(
  db: DbOrTx,
  depositor: Depositor,
  { search, limit = 20 }: { search?: string | null; limit?: number } = {},
): Promise<DepositableConvention[]> {
  const filters: SQL[] = [depositorScope(depositor), inArray(conventions.state, depositableStates)];
  const matches = matchesSearch(conventions.searchText, search ?? "");
  if (matches) filters.push(matches);
  return db
    .select({
      id: conventions.id,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      originSchoolName: conventions.originSchoolName,
      internshipDate: conventions.internshipDate,
      internshipTitle: internships.title,
      state: conventions.state,
    })
    .from(conventions)
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .where(and(...filters))
    .orderBy(asc(conventions.studentLastName), asc(conventions.studentFirstName), asc(conventions.internshipDate), asc(conventions.id))
    .limit(Math.min(Math.max(limit, 1), 50));
}

export type DepositLinkConvention = {
  id: string;
  state: ConventionState;
  studentLastName: string;
  studentFirstName: string;
  internshipDate: string;
  internshipTitle: string;
  originSchoolName: string;
  hostSchoolName: string;
  isInvalidated: boolean;
  invalidationReason: string | null;
  invalidationNote: string | null;
};

/** What the public deposit page shows of the one convention its link grants. */
export async function findDepositLinkConvention(
  db: DbOrTx,
  depositor: Extract<Depositor, { kind: "link" }>,
): Promise<DepositLinkConvention | null> {
  const [row] = await db
    .select({
      id: conventions.id,
      state: conventions.state,
      studentLastName: conventions.studentLastName,
      studentFirstName: conventions.studentFirstName,
      internshipDate: conventions.internshipDate,
      internshipTitle: internships.title,
      originSchoolName: conventions.originSchoolName,
      hostSchoolName: hostSchools.name,
      invalidatedAt: conventions.invalidatedAt,
      invalidationReason: conventions.invalidationReason,
      invalidationNote: conventions.invalidationNote,
    })
    .from(conventions)
    .innerJoin(hostSchools, eq(hostSchools.id, conventions.hostSchoolId))
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .where(depositorScope(depositor))
    .limit(1);
  if (!row) return null;
  const { invalidatedAt, ...rest } = row;
  return { ...rest, isInvalidated: invalidatedAt !== null };
}

/** How many rows still point at a stored file, so that a failed deposit never deletes a file in use. */
export async function countFileKeyReferences(db: DbOrTx, fileKey: string): Promise<number> {
  const [row] = await db.select({
    n: sql<number>`(
      (select count(*) from ${deposits} where ${deposits.fileKey} = ${fileKey})
      + (select count(*) from ${conventions} where ${conventions.originalFileKey} = ${fileKey})
      + (select count(*) from ${schools} where ${schools.signatureImageKey} = ${fileKey})
    )::int`,
  }).from(sql`(select 1) as one`);
  return Number(row.n);
}
