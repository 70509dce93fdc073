import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "../client";
import { schools } from "../schema";
import type { Actor } from "@/lib/core/auth/actor";

export type SchoolOptions = {
  name: string;
  headName: string | null;
  contactEmail: string | null;
  signatureImageType: "png" | "jpeg" | null;
  /** Changes with the image, so the preview URL never shows a stale cached picture. */
  signatureImageVersion: string | null;
};

/** The Options of the actor's own school: the only school this query can read. */
export async function findSchoolOptions(actor: Actor): Promise<SchoolOptions> {
  const db = await getDb();
  const [row] = await db
    .select({
      name: schools.name,
      headName: schools.headName,
      contactEmail: schools.contactEmail,
      signatureImageKey: schools.signatureImageKey,
      signatureImageType: schools.signatureImageType,
    })
    .from(schools)
    .where(eq(schools.id, actor.schoolId));
  const hasImage = Boolean(row.signatureImageKey && row.signatureImageType);
  return {
    name: row.name,
    headName: row.headName,
    contactEmail: row.contactEmail,
    signatureImageType: hasImage ? (row.signatureImageType as "png" | "jpeg") : null,
    signatureImageVersion: hasImage ? row.signatureImageKey!.slice(-12) : null,
  };
}

/** Whether the actor's school receives the portal's mails at a contact address (the tabs warn otherwise). */
export async function hasSchoolContactEmail(db: DbOrTx, actor: Actor): Promise<boolean> {
  const [row] = await db.select({ contactEmail: schools.contactEmail }).from(schools).where(eq(schools.id, actor.schoolId));
  return Boolean(row?.contactEmail);
}

export type SchoolFollowUpSettings = { urgencyDays: number; reminderCooldownDays: number };

/** The actor's school's urgency window and reminder cooldown (Options). */
export async function findSchoolFollowUpSettings(db: DbOrTx, actor: Actor): Promise<SchoolFollowUpSettings> {
  const [row] = await db
    .select({ urgencyDays: schools.urgencyDays, reminderCooldownDays: schools.reminderCooldownDays })
    .from(schools)
    .where(eq(schools.id, actor.schoolId));
  return row ?? { urgencyDays: 7, reminderCooldownDays: 3 };
}
