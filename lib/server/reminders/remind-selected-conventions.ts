import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conventionReminders, conventions, schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { reminderCooldownCutoff } from "@/lib/core/conventions/convention-urgency";
import { canManageTabConventions } from "@/lib/core/conventions/convention-permissions";
import { AppError } from "@/lib/core/errors";
import { formatStudentName } from "@/lib/core/format-student-name";
import { labelOf } from "@/lib/server/conventions/apply-convention-transition";
import { parisToday } from "@/lib/server/internships/paris-today";
import { claimReminders, queueReminderMails } from "./claim-reminders";
import { sessionIsHeld } from "./send-due-reminders";

export const MAX_REMINDER_SELECTION = 500;

export type ReminderReport = {
  reminded: { conventionId: string; studentName: string }[];
  skipped: { conventionId: string; studentName: string; reason: string }[];
};

const dayMonth = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit" });

/**
 * « Relancer »: a host admin reminds the origin schools of the chosen unreturned conventions now,
 * with the same cooldown as the daily reminder (« déjà relancée le jj-mm »); one mail per origin school.
 */
export async function remindSelectedConventions(
  db: Db,
  { actor, conventionIds, now = new Date() }: { actor: Actor; conventionIds: string[]; now?: Date },
): Promise<ReminderReport> {
  if (!canManageTabConventions(actor)) throw new AppError("FORBIDDEN");
  const ids = [...new Set(conventionIds)];
  if (ids.length === 0) throw new AppError("INVALID_INPUT", "Sélectionnez au moins une convention.");
  if (ids.length > MAX_REMINDER_SELECTION) throw new AppError("INVALID_INPUT", `Sélectionnez au plus ${MAX_REMINDER_SELECTION} conventions à la fois.`);
  const today = parisToday(now);
  return db.transaction(async (tx) => {
    const [host] = await tx.select({ name: schools.name, cooldownDays: schools.reminderCooldownDays }).from(schools).where(eq(schools.id, actor.schoolId));
    const cutoff = reminderCooldownCutoff(today, host.cooldownDays);
    const rows = await tx
      .select({
        id: conventions.id, state: conventions.state, lastRemindedAt: conventionReminders.lastRemindedAt, internshipDate: conventions.internshipDate,
        studentLastName: conventions.studentLastName, studentFirstName: conventions.studentFirstName,
        isHeld: sql<boolean>`${sessionIsHeld}`.mapWith((value: unknown) => value === true || value === "t" || value === "true"),
      })
      .from(conventions)
      .leftJoin(conventionReminders, eq(conventionReminders.conventionId, conventions.id))
      .where(and(eq(conventions.hostSchoolId, actor.schoolId), inArray(conventions.id, ids)));
    const report: ReminderReport = { reminded: [], skipped: [] };
    const found = new Map(rows.map((row) => [row.id, row]));
    const eligible: string[] = [];
    for (const id of ids) {
      const row = found.get(id);
      if (!row) {
        report.skipped.push({ conventionId: id, studentName: "Convention inconnue", reason: "introuvable dans votre établissement" });
        continue;
      }
      const studentName = formatStudentName(row.studentLastName, row.studentFirstName);
      let reason: string | null = null;
      if (row.state !== "not_returned") reason = "déjà retournée";
      else if (!row.isHeld) reason = "session annulée";
      else if (row.internshipDate < today) reason = "la session est passée";
      else if (row.lastRemindedAt && row.lastRemindedAt >= cutoff) reason = `déjà relancée le ${dayMonth.format(row.lastRemindedAt).replace("/", "-")}`;
      if (reason) report.skipped.push({ conventionId: id, studentName, reason });
      else eligible.push(id);
    }
    if (eligible.length === 0) return report;
    // Claimed as the daily run claims: a reminder sent meanwhile leaves the row out.
    const actorLabel = labelOf({ kind: "user", actor });
    const claimed = await claimReminders(tx, {
      candidates: and(eq(conventions.hostSchoolId, actor.schoolId), inArray(conventions.id, eligible), eq(conventions.state, "not_returned"))!,
      cutoff, now, actorUserId: actor.userId, actorLabel,
    });
    const claimedIds = new Set(claimed.map((row) => row.id));
    for (const id of eligible) {
      const row = found.get(id)!;
      const studentName = formatStudentName(row.studentLastName, row.studentFirstName);
      if (claimedIds.has(id)) report.reminded.push({ conventionId: id, studentName });
      else report.skipped.push({ conventionId: id, studentName, reason: "relancée entre-temps" });
    }
    await queueReminderMails(tx, claimed, { hostSchoolId: actor.schoolId, hostSchoolName: host.name, now, today });
    return report;
  });
}
