import { eq } from "drizzle-orm";
import { POST } from "@/app/api/conventions/depot/route";
import { deposits } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { setDepositActorResolverForTests } from "@/lib/server/deposits/resolve-depositor";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import type { VisualComparison } from "@/lib/server/visual-comparison/visual-comparison-types";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { SAMPLE_CONVENTION_ID, createWorld, depositRequest, fixture, tempFileStore } from "./deposit-fixtures";

jest.setTimeout(60_000);
process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";
// The committed sample's QR codes point at the default address.
process.env.APP_URL = "http://localhost:3000";

describe.each(testDrivers())("a deposit compared with the convention's original on %s", (driver) => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let signedIn: Actor | null = null;

  const post = async (fields: Parameters<typeof depositRequest>[0]) => {
    signedIn = world.origin;
    const response = await POST(depositRequest(fields));
    return { status: response.status, body: await response.json() };
  };
  const storedComparison = async (depositId: string) => {
    const [row] = await database.db.select({ analysis: deposits.analysis, recognition: deposits.recognition }).from(deposits).where(eq(deposits.id, depositId));
    return { recognition: row.recognition, analysis: row.analysis as { problems: string[]; visualComparison?: VisualComparison } };
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const files = tempFileStore();
    setFileStoreForTests(files.store);
    setDepositActorResolverForTests(async () => signedIn);
    world = await createWorld(database.db, files.store);
  });
  afterAll(async () => {
    setDepositActorResolverForTests(undefined);
    setFileStoreForTests(undefined);
    await database.close();
  });

  it("warns before confirming a signed convention whose page 1 was painted over, and stores where", async () => {
    const file = fixture("visual-comparison/signed-then-date-overlay.pdf");
    const asked = await post({ file });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      outcome: "needs-confirmation",
      candidate: { id: SAMPLE_CONVENTION_ID },
      analysis: { visualComparison: { status: "changed", changedPages: [1], reason: null } },
    });
    expect(asked.body.analysis.problems).toContain("Différences visibles avec la convention d'origine : page 1.");

    const confirmed = await post({ file, conventionId: SAMPLE_CONVENTION_ID });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.recognition).not.toBe("automatic");
    const stored = await storedComparison(confirmed.body.depositId);
    expect(stored.recognition).toBe("suggested");
    expect(stored.analysis.visualComparison?.status).toBe("changed");
    expect(stored.analysis.visualComparison?.pages[0].regions.length).toBe(1);
    expect(stored.analysis.problems).toContain("Différences visibles avec la convention d'origine : page 1.");
  });

  it("recognises the poppler-signed original automatically and stores an identical comparison", async () => {
    const { status, body } = await post({ file: fixture("generated/convention-sample-pdfsig.pdf") });
    expect(status).toBe(201);
    expect(body).toMatchObject({ outcome: "deposited", recognition: "automatic", analysis: { visualComparison: { status: "identical", changedPages: [] } } });
    const stored = await storedComparison(body.depositId);
    expect(stored.analysis.visualComparison?.pages.map((page) => page.status)).toEqual(["identical", "identical"]);
    expect(stored.analysis.visualComparison?.pages[1].ignoredRegions).toHaveLength(1);
  });

  it("says a file saved anew by another program with the same content is identical to the original", async () => {
    const file = fixture("visual-comparison/rewritten-by-qpdf.pdf");
    const { body } = await post({ file, conventionId: SAMPLE_CONVENTION_ID });
    expect(body.outcome).toBe("deposited");
    expect(body.recognition).not.toBe("automatic");
    expect(body.analysis.visualComparison.status).toBe("identical");
    expect(body.analysis.problems).toContain("Fichier réenregistré par un autre logiciel ; contenu identique à la convention d'origine");
  });
});
