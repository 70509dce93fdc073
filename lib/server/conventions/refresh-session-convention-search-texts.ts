import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { conventionSearchColumns } from "@/db/queries/convention-search-columns";
import { conventions, enrollments, internships } from "@/db/schema";
import { conventionSearchText } from "@/lib/core/text/search-texts";

/**
 * Rewrites the search text of one session's conventions, inside the caller's transaction, after the
 * session's course was renamed: the tabs and the header's search then find them under the new title.
 * No new version: what the convention says has not changed, only how it is found.
 */
export async function refreshSessionConventionSearchTexts(tx: Tx, internshipId: string): Promise<number> {
  const rows = await tx
    .select({ id: conventions.id, ...conventionSearchColumns })
    .from(conventions)
    .innerJoin(enrollments, eq(enrollments.id, conventions.enrollmentId))
    .innerJoin(internships, eq(internships.id, enrollments.internshipId))
    .where(eq(internships.id, internshipId));
  for (const { id, ...fields } of rows) {
    await tx.update(conventions).set({ searchText: conventionSearchText(fields) }).where(eq(conventions.id, id));
  }
  return rows.length;
}
