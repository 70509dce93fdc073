import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import { getFileStore } from "@/lib/server/files/get-file-store";

/** Keys are content hashes, so two schools with the same image share one file: keep it while used. */
export async function deleteSignatureFileIfUnused(db: DbOrTx, key: string): Promise<void> {
  const [user] = await db.select({ id: schools.id }).from(schools).where(eq(schools.signatureImageKey, key)).limit(1);
  if (user) return;
  const store = await getFileStore();
  await store.delete(key).catch(() => undefined);
}
