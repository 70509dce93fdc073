import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import { sniffImageType } from "@/lib/core/convention-pdf/sniff-image-type";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { deleteSignatureFileIfUnused } from "./delete-signature-file-if-unused";

export const MAX_SIGNATURE_IMAGE_BYTES = 1024 * 1024;

/** Refuses anything that would not stamp cleanly into a convention: wrong type, too big, broken. */
async function checkSignatureImage(bytes: Uint8Array): Promise<"png" | "jpeg"> {
  if (bytes.length === 0) throw new AppError("EMPTY_FILE", "Le fichier est vide : choisissez l'image de votre signature.");
  if (bytes.length > MAX_SIGNATURE_IMAGE_BYTES) {
    throw new AppError("FILE_TOO_LARGE", "L'image dépasse 1 Mo. Réduisez-la (par exemple à 600 × 200 pixels) puis recommencez.");
  }
  const type = sniffImageType(bytes);
  if (!type) {
    throw new AppError("IMAGE_INVALID", "Ce fichier n'est pas une image PNG ou JPEG, quel que soit son nom. Enregistrez la signature au format PNG ou JPEG puis recommencez.");
  }
  try {
    const probe = await PDFDocument.create();
    if (type === "png") await probe.embedPng(bytes);
    else await probe.embedJpg(bytes);
  } catch {
    throw new AppError("IMAGE_INVALID", "Cette image est endommagée ou illisible. Enregistrez-la de nouveau au format PNG ou JPEG.");
  }
  return type;
}

/** Stores a new signature image for the actor's own school, replacing the previous one. */
export async function replaceSchoolSignatureImage(db: DbOrTx, actor: Actor, bytes: Uint8Array): Promise<{ type: "png" | "jpeg" }> {
  const type = await checkSignatureImage(bytes);
  const store = await getFileStore();
  const key = await store.put(bytes, type === "png" ? "image/png" : "image/jpeg");
  const [previous] = await db.select({ key: schools.signatureImageKey }).from(schools).where(eq(schools.id, actor.schoolId));
  await db.update(schools).set({ signatureImageKey: key, signatureImageType: type }).where(eq(schools.id, actor.schoolId));
  if (previous?.key && previous.key !== key) await deleteSignatureFileIfUnused(db, previous.key);
  return { type };
}
