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
