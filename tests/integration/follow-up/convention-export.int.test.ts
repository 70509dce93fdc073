import ExcelJS from "exceljs";
import { conventionReminders } from "@/db/schema";
import { streamConventionTabRows } from "@/db/queries/convention-export";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "../conventions/convention-fixtures";

let signedIn: Actor | null = null;
jest.mock("@/lib/server/auth/require-actor", () => ({
  requireActorOrThrow: async () => {
    const { AppError } = await import("@/lib/core/errors");
    if (!signedIn) throw new AppError("UNAUTHENTICATED");
    return signedIn;
  },
}));

// Imported after the mock so the route sees the test's signed-in actor.
import { GET } from "@/app/api/conventions/export/route";

jest.setTimeout(120_000);

async function exportTab(actor: Actor | null, query: string) {
  signedIn = actor;
  const response = await GET(new Request(`http://localhost/api/conventions/export?${query}`));
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A strict reader of what French Excel reads: `;` between fields, "…" around those that need it, CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ";") { record.push(field); field = ""; }
    else if (char === "\r" && text[index + 1] === "\n") { record.push(field); records.push(record); record = []; field = ""; index += 1; }
    else field += char;
  }
  if (field !== "" || record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

describe.each(testDrivers())("tab exports on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let otherHost: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Hôtelier" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège « Les Tilleuls »; Nord" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    ids.eloi = await createConvention(database.db, { host, origin, lastName: "Éloi", firstName: "Zoé", date: "2026-04-02" });
    ids.quote = await createConvention(database.db, { host, origin, lastName: "O'Brien \"Junior\"", firstName: "Ana", date: "2026-04-01" });
    ids.formula = await createConvention(database.db, { host, origin, lastName: "=HYPERLINK(\"x\")", firstName: "Max", date: "2026-04-03" });
    ids.zola = await createConvention(database.db, { host, origin, lastName: "Zola", firstName: "Émile", date: "2026-03-30" });
    ids.deposited = await createConvention(database.db, { host, origin, lastName: "Depose", firstName: "Paul", date: "2026-04-04" });
    await depositFile(database.db, ids.deposited);
    ids.foreign = await createConvention(database.db, { host: otherHost, origin, lastName: "Ailleurs", date: "2026-04-01" });
    await database.db.insert(conventionReminders).values({ conventionId: ids.zola, lastRemindedAt: new Date("2026-03-27T23:30:00Z") });
  });
  afterAll(async () => { await database.close(); });

  it("writes CSV for French Excel: BOM, semicolons, French dates, the tab's sort, quoting and no formula", async () => {
    const { response, bytes } = await exportTab(host, "onglet=non-retournees&format=csv&tri=nom&ordre=asc");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="conventions-non-retournees-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
    expect(records[0]).toEqual([
      "Nom", "Prénom", "Responsable légal", "Établissement d'origine", "Établissement d'accueil", "Stage", "Date du stage",
      "État", "Vérification", "Dernière relance", "N° de convention",
    ]);
    // Sorted by name as the tab sorts it (accents folded), only this school's unreturned conventions.
    expect(records.slice(1).map((record) => record[10])).toEqual([ids.formula, ids.eloi, ids.quote, ids.zola]);
    const zola = records.find((record) => record[10] === ids.zola)!;
    expect(zola).toEqual([
      "ZOLA", "Émile", "Responsable Zola", "Collège « Les Tilleuls »; Nord", "Lycée Hôtelier", "Seconde générale", "30-03-2026",
      "Non retournée", "Non déposée", "28-03-2026", ids.zola,
    ]);
    expect(records.find((record) => record[10] === ids.quote)![0]).toBe("O'BRIEN \"JUNIOR\"");
    // A cell a spreadsheet would run as a formula stays text.
    expect(records.find((record) => record[10] === ids.formula)![0]).toBe("'=HYPERLINK(\"X\")");
  });

  it("keeps the tab's search, filter and descending sort, and gives origin staff only their pupils", async () => {
    const searched = await exportTab(host, "onglet=non-retournees&format=csv&q=zola");
    expect(parseCsv(new TextDecoder().decode(searched.bytes).replace(/^\uFEFF/, "")).slice(1).map((record) => record[10])).toEqual([ids.zola]);
    const byDate = await exportTab(host, "onglet=non-retournees&format=csv&tri=date&ordre=desc");
    expect(parseCsv(new TextDecoder().decode(byDate.bytes).replace(/^\uFEFF/, "")).slice(1).map((record) => record[6])).toEqual(["03-04-2026", "02-04-2026", "01-04-2026", "30-03-2026"]);
    const pending = await exportTab(host, "onglet=en-attente&format=csv&verification=aucun-depot");
    expect(parseCsv(new TextDecoder().decode(pending.bytes).replace(/^\uFEFF/, ""))).toHaveLength(1);
    const asOrigin = await exportTab(origin, "onglet=non-retournees&format=csv");
    const originRows = parseCsv(new TextDecoder().decode(asOrigin.bytes).replace(/^\uFEFF/, "")).slice(1);
    expect(originRows.map((record) => record[10]).sort()).toEqual([ids.eloi, ids.quote, ids.formula, ids.zola, ids.foreign].sort());
    const asOther = await exportTab(otherHost, "onglet=non-retournees&format=csv");
    expect(parseCsv(new TextDecoder().decode(asOther.bytes).replace(/^\uFEFF/, "")).slice(1).map((record) => record[10])).toEqual([ids.foreign]);
  });

  it("writes an XLSX workbook Excel opens, with real dates", async () => {
    const { response, bytes } = await exportTab(host, "onglet=en-attente&format=xlsx");
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("En attente de validation");
    expect(sheet.getRow(1).getCell(1).value).toBe("Nom");
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("DEPOSE");
    expect(row.getCell(7).value).toEqual(new Date("2026-04-04T00:00:00Z"));
    expect(row.getCell(7).numFmt).toBe("dd-mm-yyyy");
    expect(row.getCell(9).value).toBe("Signée");
    expect(row.getCell(11).value).toBe(ids.deposited);
  });

  it("reads every row batch after batch without losing or repeating one at a batch boundary", async () => {
    const seen: string[] = [];
    for await (const batch of streamConventionTabRows(database.db, host, "not_returned", { q: "", sort: "prenom", order: "desc" }, {}, 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((row) => row.studentFirstName));
    }
    expect(seen).toEqual(["Zoé", "Max", "Émile", "Ana"]);
  });

  it("answers a clear refusal for an unknown tab or format, and sends a signed-out visitor to the login page", async () => {
    const unknown = await exportTab(host, "onglet=archives&format=csv");
    expect(unknown.response.status).toBe(400);
    expect(new TextDecoder().decode(unknown.bytes)).not.toMatch(/error|stack/i);
    const signedOut = await exportTab(null, "onglet=validees&format=xlsx");
    expect(signedOut.response.status).toBe(303);
    expect(signedOut.response.headers.get("location")).toContain("/connexion?retour=");
  });
});
