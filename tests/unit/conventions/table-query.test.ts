import { pageCountOf, parseTableQuery, tableHref, visiblePages } from "@/lib/core/tables/table-query";

const options = { sortable: ["nom", "date"] as const, defaultSort: "date" as const };

describe("table URL state", () => {
  it("reads search, sort, order, page and size from the URL", () => {
    expect(parseTableQuery({ q: "  Léa ", tri: "nom", ordre: "desc", page: "3", taille: "25" }, options))
      .toEqual({ q: "Léa", sort: "nom", order: "desc", page: 3, size: 25 });
  });

  it("falls back to the defaults for anything unexpected, never failing", () => {
    expect(parseTableQuery({}, options)).toEqual({ q: "", sort: "date", order: "asc", page: 1, size: 50 });
    expect(parseTableQuery({ tri: "password_hash", ordre: "sideways", page: "-4", taille: "30" }, options))
      .toEqual({ q: "", sort: "date", order: "asc", page: 1, size: 50 });
    expect(parseTableQuery({ page: "abc", taille: "1000" }, options)).toMatchObject({ page: 1, size: 50 });
    expect(parseTableQuery({ q: ["dupont", "x"], taille: ["10"] }, options)).toMatchObject({ q: "dupont", size: 10 });
  });

  it("accepts exactly the page sizes 10, 25, 50 and 100", () => {
    for (const size of [10, 25, 50, 100]) expect(parseTableQuery({ taille: String(size) }, options).size).toBe(size);
    for (const size of ["0", "11", "99", "101"]) expect(parseTableQuery({ taille: size }, options).size).toBe(50);
  });

  it("builds links that reproduce the view, leaving out the defaults", () => {
    const query = parseTableQuery({ q: "é&x", tri: "nom", ordre: "desc", page: "2", taille: "10" }, options);
    expect(tableHref("/t", query)).toBe("/t?q=%C3%A9%26x&tri=nom&ordre=desc&page=2&taille=10");
    expect(tableHref("/t", query, { page: 1, size: 50 })).toBe("/t?q=%C3%A9%26x&tri=nom&ordre=desc");
  });

  it("keeps a cursor for the one link it was made for, and drops it on any other change of view", () => {
    const query = parseTableQuery({ tri: "nom", ordre: "asc", page: "3", apres: "eyJrIjoiYSJ9" }, options);
    expect(query.after).toBe("eyJrIjoiYSJ9");
    expect(tableHref("/t", query)).toBe("/t?tri=nom&ordre=asc&page=3");
    expect(tableHref("/t", query, { page: 4, after: "Zm9v" })).toBe("/t?tri=nom&ordre=asc&page=4&apres=Zm9v");
    expect(tableHref("/t", query, { page: 2, before: "YmFy" })).toBe("/t?tri=nom&ordre=asc&page=2&avant=YmFy");
    expect(tableHref("/t", query, { sort: "date", page: 1 })).toBe("/t?tri=date&ordre=asc");
    // Page 1 needs no cursor; malformed or oversized cursors are ignored, never an error.
    expect(parseTableQuery({ page: "1", avant: "YmFy" }, options).before).toBeUndefined();
    expect(parseTableQuery({ page: "2", apres: "a b<script>" }, options).after).toBeUndefined();
    expect(parseTableQuery({ page: "2", apres: "a".repeat(401) }, options).after).toBeUndefined();
    expect(parseTableQuery({ page: "2", apres: "Zm9v", avant: "YmFy" }, options)).not.toHaveProperty("before");
  });

  it("numbers pages with ellipses and always shows the first and last", () => {
    expect(pageCountOf(0, 50)).toBe(1);
    expect(pageCountOf(101, 50)).toBe(3);
    expect(visiblePages(1, 1)).toEqual([1]);
    expect(visiblePages(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(visiblePages(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(visiblePages(20_000, 20_000)).toEqual([1, null, 19_998, 19_999, 20_000]);
  });
});
