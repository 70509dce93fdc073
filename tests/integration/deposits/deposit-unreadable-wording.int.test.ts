import { isAppError } from "@/lib/core/errors";
import { TECHNICAL_DETAIL_SEPARATOR } from "@/lib/core/deposits/deposit-status";
import { depositConvention, UNREADABLE_PDF_MESSAGE } from "@/lib/server/deposits/deposit-convention";
import { sha256Hex } from "@/lib/server/files/file-store";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";

describe.each(testDrivers())("an unreadable PDF, as the depositor reads it, on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  it("is refused in plain French first, the reader's technical reason only after the separator", async () => {
    const origin = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const bytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n");
    const refusal = await depositConvention(database.db, {
      depositor: { kind: "user", actor: origin },
      bytes,
      analyze: async () => ({
        bytes: bytes.length, sha256: sha256Hex(bytes), verdict: "unreadable", conventionId: null, idSource: null, recognition: "manual",
        signatures: [], problems: ["la table des objets (startxref) est introuvable"],
      }),
    }).then(() => null, (error: unknown) => error);
    expect(isAppError(refusal) && refusal.code).toBe("PDF_UNREADABLE");
    const [message, detail] = (refusal as Error & { userMessage: string }).userMessage.split(TECHNICAL_DETAIL_SEPARATOR);
    expect(message).toBe(UNREADABLE_PDF_MESSAGE);
    expect(message).not.toMatch(/startxref|objets/);
    expect(detail).toBe("la table des objets (startxref) est introuvable");
  });
});
