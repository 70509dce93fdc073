/** Calendar arithmetic on "YYYY-MM-DD" dates (no time zone: the day as the school reads it). */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const DEFAULT_URGENCY_DAYS = 7;
export const DEFAULT_REMINDER_COOLDOWN_DAYS = 3;

export type UrgencyBadge = { label: string; isPast: boolean; title: string };

/**
 * The badge of an unreturned convention whose session is within `urgencyDays` days: « J-3 » (« J-0 »
 * on the day), and « J+2 », red, once the session has passed; null when the session is further away.
 */
export function urgencyBadgeOf(sessionDate: string, today: string, urgencyDays: number): UrgencyBadge | null {
  const days = daysBetween(today, sessionDate);
  if (days > urgencyDays) return null;
  if (days < 0) return { label: `J+${-days}`, isPast: true, title: `La session a eu lieu il y a ${-days} jour${-days > 1 ? "s" : ""}` };
  const title = days === 0 ? "La session a lieu aujourd'hui" : `La session a lieu dans ${days} jour${days > 1 ? "s" : ""}`;
  return { label: `J-${days}`, isPast: false, title };
}

const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
});

/** The instant a day starts in France ("2026-03-29" → 2026-03-28T23:00:00Z), summer time included. */
export function parisStartOfDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const parts = Object.fromEntries(parisClock.formatToParts(new Date(utcMidnight)).map((part) => [part.type, part.value]));
  const parisWall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(utcMidnight - (parisWall - utcMidnight));
}

/**
 * A convention reminded before this instant may be reminded again today: `cooldownDays` whole days
 * have passed since the day of its last reminder (reminded on the 1st with 3 days: again from the 4th).
 */
export function reminderCooldownCutoff(today: string, cooldownDays: number): Date {
  return parisStartOfDay(addDays(today, 1 - cooldownDays));
}
