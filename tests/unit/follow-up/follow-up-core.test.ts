import { conventionTabFilterParams, conventionTabFiltersOf } from "@/lib/core/conventions/convention-tab-filters";
import { addDays, parisStartOfDay, reminderCooldownCutoff, urgencyBadgeOf } from "@/lib/core/conventions/convention-urgency";
import { verificationText } from "@/lib/core/conventions/convention-verification";
import { CSV_BOM, csvLine } from "@/lib/core/exports/csv-line";
import { parseTableQuery, tableHref } from "@/lib/core/tables/table-query";

describe("urgency of an unreturned convention", () => {
  it("shows « J-n » within the window, nothing beyond, and « J+n » once the session has passed", () => {
    expect(urgencyBadgeOf("2026-03-09", "2026-03-02", 7)).toMatchObject({ label: "J-7", isPast: false });
    expect(urgencyBadgeOf("2026-03-10", "2026-03-02", 7)).toBeNull();
    expect(urgencyBadgeOf("2026-03-02", "2026-03-02", 7)).toMatchObject({ label: "J-0", title: "La session a lieu aujourd'hui" });
    expect(urgencyBadgeOf("2026-02-28", "2026-03-02", 7)).toMatchObject({ label: "J+2", isPast: true });
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
  });

  it("starts a French day at its midnight, winter and summer time", () => {
    expect(parisStartOfDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(parisStartOfDay("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(parisStartOfDay("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("lets a convention reminded on the 2nd be reminded again from the 5th with a 3-day cooldown", () => {
    const cutoffOn4th = reminderCooldownCutoff("2026-03-04", 3);
    const cutoffOn5th = reminderCooldownCutoff("2026-03-05", 3);
    const remindedLateOn2nd = new Date("2026-03-02T22:30:00Z"); // 23:30 in Paris
    expect(remindedLateOn2nd < cutoffOn4th).toBe(false);
    expect(remindedLateOn2nd < cutoffOn5th).toBe(true);
  });
});

describe("tab filters in the URL", () => {
  const options = { sortable: ["nom", "date"] as const, defaultSort: "date" as const, filters: conventionTabFilterParams };

  it("keeps only known filter values and carries them in every link of the table", () => {
    const query = parseTableQuery({ verification: "scan", urgence: "1", tri: "nom" }, options);
    expect(query.filters).toEqual({ verification: "scan", urgence: "1" });
    expect(tableHref("/conventions/non-retournees", query, { page: 2 })).toBe("/conventions/non-retournees?tri=nom&ordre=asc&page=2&verification=scan&urgence=1");
    expect(parseTableQuery({ verification: "'; drop", urgence: "oui" }, options).filters).toBeUndefined();
  });

  it("turns « urgence » into the sessions from today to N days ahead", () => {
    expect(conventionTabFiltersOf({ urgence: "1", verification: "differences" }, { today: "2026-12-29", urgencyDays: 7 }))
      .toEqual({ verification: "differences", sessionsBetween: { from: "2026-12-29", to: "2027-01-05" } });
    expect(conventionTabFiltersOf(undefined, { today: "2026-12-29", urgencyDays: 7 })).toEqual({});
  });
});

describe("CSV for French Excel", () => {
  it("separates with semicolons, quotes what needs it, ends records with CRLF and keeps formulas as text", () => {
    expect(CSV_BOM).toBe("\uFEFF");
    expect(csvLine(["Éloi", "Collège « A »; Nord", 'O"Brien', "a\nb"])).toBe('Éloi;"Collège « A »; Nord";"O""Brien";"a\nb"\r\n');
    expect(csvLine(["=1+1", "+33 6", "-", "@x", "plain"])).toBe("'=1+1;'+33 6;'-;'@x;plain\r\n");
  });

  it("words an invalidation with its reason", () => {
    expect(verificationText("invalidee", "Signature manquante")).toBe("Invalidée : Signature manquante");
    expect(verificationText("signee-modifiee", null)).toBe("Signée, modifiée");
  });
});
