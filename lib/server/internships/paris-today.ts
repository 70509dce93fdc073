const parisDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in France ("2026-12-03"): a session "in the past" is judged by the school's clock, not the server's. */
export function parisToday(now: Date = new Date()): string {
  return parisDate.format(now);
}
