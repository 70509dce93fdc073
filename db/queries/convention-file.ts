import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, deposits } from "@/db/schema";
import { conventionScope } from "./convention-scope";
import type { Actor } from "@/lib/core/auth/actor";
import { isUuid } from "@/lib/core/is-uuid";
import { conventionFileName } from "@/lib/core/conventions/convention-file-name";

export type ConventionFile = { fileKey: string; sha256: string; fileName: string; kind: "original" | "deposit" };


/**
 * The file to serve for a convention (DESIGN.md §2 "Conv."): the original, unless the convention is
 * validated, then its validated deposit. `version: "original"` or `depositId` ask for a given file.
 * Null when the convention or the deposit is not visible to the actor.
 */
export async function findConventionFile(
  db: DbOrTx,
  actor: Actor,
  conventionId: string,
  choice: { version?: "original" | "current"; depositId?: string } = {},
): Promise<ConventionFile | null> {
  if (!isUuid(conventionId)) return null;
  const [row] = await db
    .select({
      state: conventions.state,
      originalFileKey: conventions.originalFileKey,
      originalSha256: conventions.originalSha256,
      currentDepositId: conventions.currentDepositId,
      lastName: conventions.studentLastName,
      firstName: conventions.studentFirstName,
      date: conventions.internshipDate,
    })
    .from(conventions)
    .where(and(eq(conventions.id, conventionId), conventionScope(actor)))
    .limit(1);
  if (!row) return null;
  const student = { lastName: row.lastName, firstName: row.firstName };
  const original: ConventionFile = {
    fileKey: row.originalFileKey, sha256: row.originalSha256, fileName: conventionFileName(student, row.date, { kind: "original" }), kind: "original",
  };

  let depositId: string | null = null;
  if (choice.depositId) depositId = choice.depositId;
  else if (choice.version === "original") return original;
  else if (choice.version === "current") depositId = row.currentDepositId;
  else if (row.state === "validated") depositId = row.currentDepositId;
  if (!depositId) return original;
  if (!isUuid(depositId)) return null;

  const [deposit] = await db
    .select({ fileKey: deposits.fileKey, sha256: deposits.sha256 })
    .from(deposits)
    .where(and(eq(deposits.id, depositId), eq(deposits.conventionId, conventionId)))
    .limit(1);
  if (!deposit) return null;
  const fileName = conventionFileName(student, row.date, depositId !== row.currentDepositId ? { kind: "older-deposit", depositId } : { kind: "deposit" });
  return { fileKey: deposit.fileKey, sha256: deposit.sha256, fileName, kind: "deposit" };
}
