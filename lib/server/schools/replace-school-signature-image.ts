import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { checkSignatureImage } from "./check-signature-image";

/** Stores a new signature image for the actor's own school, replacing the previous one (whose file the periodic clean-up removes once unused). */
export async function replaceSchoolSignatureImage(db: DbOrTx, actor: Actor, bytes: Uint8Array): Promise<{ type: "png" | "jpeg" }> {
  const type = await checkSignatureImage(bytes);
  const store = await getFileStore();
  const key = await store.put(bytes, type === "png" ? "image/png" : "image/jpeg");
  await db.update(schools).set({ signatureImageKey: key, signatureImageType: type }).where(eq(schools.id, actor.schoolId));
  return { type };
}
