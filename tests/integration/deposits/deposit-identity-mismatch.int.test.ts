import { count, eq } from "drizzle-orm";
import { deposits } from "@/db/schema";
import { listConventionTab } from "@/db/queries/convention-tab";
import { describeDepositStatus } from "@/lib/core/deposits/deposit-status";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { depositConvention, type StoredDepositAnalysis } from "@/lib/server/deposits/deposit-convention";
import { readDepositForm } from "@/lib/server/deposits/read-deposit-form";
import { sha256Hex } from "@/lib/server/files/file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { SAMPLE_CONVENTION_ID, SPOOFED_CONVENTION_ID, anonymousPdf, createWorld, depositRequest, tempFileStore } from "./deposit-fixtures";

jest.setTimeout(60_000);
process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";

/** A scan whose QR code names Léa Durand's convention, whatever bytes it is given. */
const scanNamingDurand = async (bytes: Uint8Array): Promise<PdfAnalysis> => ({
  bytes: bytes.length, sha256: sha256Hex(bytes), verdict: "unsigned", conventionId: SAMPLE_CONVENTION_ID,
  idSource: "qr-code", recognition: "suggested", signatures: [], problems: [],
});

describe.each(testDrivers())("a scan filed under another pupil than the one it names, on %s", (driver) => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof createWorld>>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const files = tempFileStore();
    setFileStoreForTests(files.store);
    world = await createWorld(database.db, files.store);
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    await database.close();
  });

  const depositCount = async () => {
    const [row] = await database.db.select({ n: count() }).from(deposits).where(eq(deposits.conventionId, SPOOFED_CONVENTION_ID));
    return row.n;
  };

  it("asks the depositor to confirm knowingly, files nothing until then, and the host sees it in red in the tab and on the page", async () => {
    const scan = await anonymousPdf("scan de Léa déposé pour Hugo");
    const depositor = { kind: "user" as const, actor: world.origin };

    const asked = await depositConvention(database.db, { depositor, bytes: scan, requestedConventionId: SPOOFED_CONVENTION_ID, analyze: scanNamingDurand });
    expect(asked.outcome).toBe("needs-mismatch-confirmation");
    expect(asked.message).toBe(
      "Attention : le QR code du scan désigne la convention de DURAND Léa, pas celle de MARTIN Hugo. Déposez ce fichier pour MARTIN Hugo "
      + "seulement si vous êtes sûr que c'est sa convention : l'établissement d'accueil verra cet avertissement.",
    );
    expect(await depositCount()).toBe(0);

    const filed = await depositConvention(database.db, {
      depositor, bytes: scan, requestedConventionId: SPOOFED_CONVENTION_ID, acknowledgedMismatch: true, analyze: scanNamingDurand,
    });
    expect(filed).toMatchObject({ outcome: "deposited", recognition: "manual", convention: { studentName: "MARTIN Hugo" } });
    expect(filed.message).toContain("Attention : ce fichier désigne une autre convention que celle-ci");
    expect(filed.analysis.status.tone).toBe("danger");
    expect(await depositCount()).toBe(1);

    const [stored] = await database.db.select({ analysis: deposits.analysis }).from(deposits).where(eq(deposits.conventionId, SPOOFED_CONVENTION_ID));
    const analysis = stored.analysis as StoredDepositAnalysis;
    expect(analysis.identityMismatch).toEqual({ namedConventionIds: [SAMPLE_CONVENTION_ID], source: "le QR code du scan" });
    expect(describeDepositStatus(analysis, SPOOFED_CONVENTION_ID).tone).toBe("danger");

    const tab = await listConventionTab(database.db, world.host, "pending_validation", { q: "", sort: "nom", order: "asc", page: 1, size: 50 });
    const rows = Object.fromEntries(tab.rows.map((row) => [row.id, row.namesAnotherConvention]));
    expect(rows[SPOOFED_CONVENTION_ID]).toBe(true);
  });

  it("files a scan without asking when it names the chosen pupil", async () => {
    const scan = await anonymousPdf("scan de Léa");
    const result = await depositConvention(database.db, {
      depositor: { kind: "user", actor: world.origin }, bytes: scan, requestedConventionId: SAMPLE_CONVENTION_ID, analyze: scanNamingDurand,
    });
    expect(result).toMatchObject({ outcome: "deposited", recognition: "suggested" });
    const tab = await listConventionTab(database.db, world.host, "pending_validation", { q: "durand", sort: "nom", order: "asc", page: 1, size: 50 });
    expect(tab.rows.find((row) => row.id === SAMPLE_CONVENTION_ID)?.namesAnotherConvention).toBe(false);
  });

  it("reads the depositor's confirmation from the deposit form", async () => {
    const request = depositRequest({ file: await anonymousPdf("formulaire"), conventionId: SPOOFED_CONVENTION_ID });
    const form = await request.formData();
    form.append("autreConventionConfirmee", "1");
    const confirmed = await readDepositForm(new Request(request.url, { method: "POST", body: form }), 1024 * 1024);
    expect(confirmed.acknowledgedMismatch).toBe(true);
    const plain = await readDepositForm(depositRequest({ file: await anonymousPdf("formulaire"), conventionId: SPOOFED_CONVENTION_ID }), 1024 * 1024);
    expect(plain.acknowledgedMismatch).toBe(false);
  });
});
