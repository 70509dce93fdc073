import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { canManageTabConventions } from "@/lib/core/conventions/convention-permissions";

export const URGENCY_DAYS_RANGE = { min: 1, max: 60 } as const;
export const COOLDOWN_DAYS_RANGE = { min: 1, max: 30 } as const;

/** A host admin sets the urgency window (« J-n », reminders) and the reminder cooldown of their own school. */
export async function updateFollowUpSettings(
  db: DbOrTx,
  actor: Actor,
  { urgencyDays, reminderCooldownDays }: { urgencyDays: number; reminderCooldownDays: number },
): Promise<void> {
  if (!canManageTabConventions(actor)) throw new AppError("FORBIDDEN");
  const isWithin = (value: number, range: { min: number; max: number }) => Number.isInteger(value) && value >= range.min && value <= range.max;
  if (!isWithin(urgencyDays, URGENCY_DAYS_RANGE) || !isWithin(reminderCooldownDays, COOLDOWN_DAYS_RANGE)) {
    throw new AppError("INVALID_INPUT", "Indiquez un nombre de jours entre 1 et 60 pour l'urgence, entre 1 et 30 pour l'intervalle des relances.");
  }
  await db.update(schools).set({ urgencyDays, reminderCooldownDays }).where(eq(schools.id, actor.schoolId));
}
