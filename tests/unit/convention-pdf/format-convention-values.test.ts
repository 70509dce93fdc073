import {
  formatCalendarDate,
  formatCalendarDateWithWeekday,
  formatClockTime,
  formatInstantDate,
  formatSchoolYear,
} from "@/lib/core/convention-pdf/format-convention-values";

describe("convention value formatting", () => {
  it("writes calendar dates as jj-mm-aaaa, with the French weekday when asked", () => {
    expect(formatCalendarDate("2025-01-14")).toBe("14-01-2025");
    expect(formatCalendarDateWithWeekday("2025-01-14")).toBe("mardi 14-01-2025");
    expect(formatCalendarDateWithWeekday("2024-02-29")).toBe("jeudi 29-02-2024");
  });

  it("refuses impossible or malformed dates", () => {
    expect(() => formatCalendarDate("2025-02-30")).toThrow(/Invalid calendar date/);
    expect(() => formatCalendarDate("14/01/2025")).toThrow(/YYYY-MM-DD/);
  });

  it("writes times the French way, with or without seconds", () => {
    expect(formatClockTime("08:30")).toBe("8\u00a0h\u00a030");
    expect(formatClockTime("16:05:00")).toBe("16\u00a0h\u00a005");
    expect(() => formatClockTime("25:00")).toThrow(/Invalid time/);
  });

  it("finds the school year a stage belongs to", () => {
    expect(formatSchoolYear("2025-01-14")).toBe("2024-2025");
    expect(formatSchoolYear("2025-09-02")).toBe("2025-2026");
  });

  it("dates a generation instant by the calendar of metropolitan France", () => {
    expect(formatInstantDate(new Date("2025-01-19T23:30:00Z"))).toBe("20-01-2025");
    expect(formatInstantDate(new Date("2025-07-19T21:59:00Z"))).toBe("19-07-2025");
  });
});
