/** Month arithmetic for the calendar, on "YYYY-MM" strings and UTC dates so that no time zone shifts a day. */

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && Number(value.slice(0, 4)) >= 2000 && Number(value.slice(0, 4)) <= 2100;
}

/** "2026-12" + 1 → "2027-01". */
export function shiftMonth(month: string, delta: number): string {
  const [year, monthNumber] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** "décembre 2026". */
export function monthTitle(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

export type CalendarDay = { date: string; isInMonth: boolean };

/** The weeks (Monday first) that cover the month, padded with the neighbouring months' days. */
export function monthWeeks(month: string): CalendarDay[][] {
  const [year, monthNumber] = month.split("-").map(Number);
  const first = new Date(Date.UTC(year, monthNumber - 1, 1));
  const mondayOffset = (first.getUTCDay() + 6) % 7;
  const cursor = new Date(Date.UTC(year, monthNumber - 1, 1 - mondayOffset));
  const weeks: CalendarDay[][] = [];
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = cursor.toISOString().slice(0, 10);
      week.push({ date, isInMonth: date.startsWith(month) });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.toISOString().slice(0, 7) === month);
  return weeks;
}
