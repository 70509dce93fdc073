const weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

type CalendarDate = { year: number; month: number; day: number };

/** Parses a "YYYY-MM-DD" calendar date (a database `date`), refusing impossible dates. */
export function parseCalendarDate(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) throw new Error(`Invalid calendar date "${value}" (expected YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`Invalid calendar date "${value}"`);
  }
  return { year, month, day };
}

/** "2025-01-14" → "14-01-2025" (jj-mm-aaaa, the format schools use on their forms). */
export function formatCalendarDate(value: string): string {
  const { year, month, day } = parseCalendarDate(value);
  return `${pad2(day)}-${pad2(month)}-${year}`;
}

/** "2025-01-14" → "mardi 14-01-2025". */
export function formatCalendarDateWithWeekday(value: string): string {
  const { year, month, day } = parseCalendarDate(value);
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${weekday} ${formatCalendarDate(value)}`;
}

/** "08:30" or "08:30:00" → "8 h 30" (French typography, with non-breaking spaces). */
export function formatClockTime(value: string): string {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) throw new Error(`Invalid time "${value}" (expected HH:MM)`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new Error(`Invalid time "${value}"`);
  return `${hours}\u00a0h\u00a0${pad2(minutes)}`;
}

/** The school year a date belongs to: a stage on 2025-01-14 is in "2024-2025". */
export function formatSchoolYear(value: string): string {
  const { year, month } = parseCalendarDate(value);
  const startYear = month >= 8 ? year : year - 1;
  return `${startYear}-${startYear + 1}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

const parisDateParts = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** An instant as its calendar day in metropolitan France, "jj-mm-aaaa". */
export function formatInstantDate(instant: Date): string {
  const parts = Object.fromEntries(parisDateParts.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.day}-${parts.month}-${parts.year}`;
}
