import { isMonth, monthTitle, monthWeeks, shiftMonth } from "@/components/calendar/month-grid";
import { isCalendarDate } from "@/lib/server/internships/is-calendar-date";
import { parisToday } from "@/lib/server/internships/paris-today";

describe("calendar month grid", () => {
  it("moves across years both ways", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-03", 0)).toBe("2026-03");
  });

  it("reads only real months from the URL", () => {
    expect(isMonth("2026-12")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-1")).toBe(false);
    expect(isMonth("../etc")).toBe(false);
    expect(isMonth(["2026-12"])).toBe(false);
  });

  it("titles the month in French", () => {
    expect(monthTitle("2026-12")).toBe("décembre 2026");
  });

  it("lays out whole weeks starting on Monday, every day of the month exactly once", () => {
    const weeks = monthWeeks("2026-12");
    expect(weeks[0][0]).toEqual({ date: "2026-11-30", isInMonth: false });
    expect(weeks[0][1]).toEqual({ date: "2026-12-01", isInMonth: true });
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    const inMonth = weeks.flat().filter((day) => day.isInMonth).map((day) => day.date);
    expect(inMonth).toHaveLength(31);
    expect(inMonth.at(-1)).toBe("2026-12-31");
    // February 2027 starts on a Monday and fills exactly four weeks.
    expect(monthWeeks("2027-02")).toHaveLength(4);
  });
});

describe("dates typed into forms", () => {
  it("refuses days that do not exist", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("03-12-2026")).toBe(false);
  });

  it("judges today by the French clock", () => {
    expect(parisToday(new Date("2026-12-02T23:30:00Z"))).toBe("2026-12-03");
    expect(parisToday(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
  });
});
