import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { getFileStore } from "@/lib/server/files/get-file-store";

/** The signature image of the actor's own school, for the preview on the Options page. */
export async function readSchoolSignatureImage(db: DbOrTx, actor: Actor): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const [school] = await db
    .select({ key: schools.signatureImageKey, type: schools.signatureImageType })
    .from(schools)
    .where(eq(schools.id, actor.schoolId));
  if (!school?.key || !school.type) return null;
  const bytes = await (await getFileStore()).get(school.key).catch(() => null);
  if (!bytes) return null;
  return { bytes, contentType: school.type === "png" ? "image/png" : "image/jpeg" };
}
