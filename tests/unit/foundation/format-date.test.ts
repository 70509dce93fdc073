import { formatDateFr, formatDateTimeFr } from "@/lib/core/format-date";
import { normalizeSearchText, escapeLikePattern } from "@/lib/core/text/normalize-search-text";

describe("dates as users read them", () => {
  it("prints jj-mm-aaaa", () => {
    expect(formatDateFr("2026-02-03")).toBe("03-02-2026");
    expect(formatDateFr(new Date("2026-12-31T23:30:00Z"))).toBe("01-01-2027");
    expect(formatDateTimeFr("2026-02-03T13:05:00Z")).toBe("03-02-2026 à 14:05");
  });
});

describe("search text", () => {
  it("ignores accents and case", () => {
    expect(normalizeSearchText("Léa", "BÉRÉNICE", "Collège Jean-Moulin")).toBe("lea berenice college jean-moulin");
  });
  it("searches % and _ literally", () => {
    expect(escapeLikePattern("50%_a")).toBe("50\\%\\_a");
  });
});
