import { count } from "drizzle-orm";
import { POST } from "@/app/api/conventions/depot/route";
import { conventionEvents, deposits, outbox } from "@/db/schema";
import { createDepositToken } from "@/lib/core/deposit-links/deposit-token";
import type { Actor } from "@/lib/core/auth/actor";
import { isAppError } from "@/lib/core/errors";
import { setTaskLimitsForTests } from "@/lib/server/analysis-pool/analysis-pool";
import { compareInPool } from "@/lib/server/analysis-pool/compare-in-pool";
import { setDepositActorResolverForTests } from "@/lib/server/deposits/resolve-depositor";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { formFanOutPdf } from "@/scripts/support/hostile-pdf";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { SAMPLE_CONVENTION_ID, conventionRow, createWorld, depositRequest, fixture, tempFileStore } from "./deposit-fixtures";

jest.setTimeout(120_000);
process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";
process.env.APP_URL = "http://localhost:3000";

const INTERRUPTED = "Analyse interrompue : fichier trop complexe.";

/** A body that records whether anyone read it; highWaterMark 0 so that nothing is pulled ahead. */
function watchedBody() {
  const watch = { pulled: false };
  const body = new ReadableStream({ pull() { watch.pulled = true; throw new Error("must not be read"); } }, { highWaterMark: 0 });
  return { watch, body };
}

function streamedRequest(body: ReadableStream, { query = "", length }: { query?: string; length?: number } = {}): Request {
  return new Request(`http://localhost/api/conventions/depot${query}`, {
    method: "POST", body, duplex: "half",
    headers: { "content-type": "multipart/form-data; boundary=x", ...(length ? { "content-length": String(length) } : {}) },
  } as RequestInit);
}

describe.each(testDrivers())("deposits through the analysis pool on %s", (driver) => {
  let database: TestDatabase;
  let files: ReturnType<typeof tempFileStore>;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let signedIn: Actor | null = null;

  const post = async (as: Actor | null, fields: Parameters<typeof depositRequest>[0]) => {
    signedIn = as;
    const response = await POST(depositRequest(fields));
    return { status: response.status, body: await response.json() };
  };
  const rowCount = async (table: typeof deposits | typeof outbox | typeof conventionEvents) => {
    const [row] = await database.db.select({ n: count() }).from(table);
    return row.n;
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    files = tempFileStore();
    setFileStoreForTests(files.store);
    setDepositActorResolverForTests(async () => signedIn);
    world = await createWorld(database.db, files.store);
  });
  afterEach(() => setTaskLimitsForTests(undefined));
  afterAll(async () => {
    setDepositActorResolverForTests(undefined);
    setFileStoreForTests(undefined);
    await database.close();
  });

  it("answers « Analyse interrompue » when the analysis or the comparison outlives its limit, stores nothing, and the next deposit gets a fresh worker", async () => {
    const before = { deposits: await rowCount(deposits), mails: await rowCount(outbox), events: await rowCount(conventionEvents), files: files.countFiles() };
    for (const kind of ["analyze", "compare"] as const) {
      setTaskLimitsForTests({ [kind]: 1 });
      const killed = await post(world.origin, { file: fixture("generated/convention-sample-pdfsig.pdf") });
      expect(killed.status).toBe(422);
      expect(killed.body.error).toMatchObject({ code: "ANALYSIS_INTERRUPTED", message: INTERRUPTED });
      expect(await rowCount(deposits)).toBe(before.deposits);
      expect(await rowCount(outbox)).toBe(before.mails);
      expect(await rowCount(conventionEvents)).toBe(before.events);
      expect(files.countFiles()).toBe(before.files);
      expect((await conventionRow(database.db, SAMPLE_CONVENTION_ID)).state).toBe("not_returned");
    }

    // The killed workers were replaced: the same file, with the normal limits, is recognised.
    setTaskLimitsForTests(undefined);
    const accepted = await post(world.origin, { file: fixture("generated/convention-sample-pdfsig.pdf") });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ outcome: "deposited", recognition: "automatic", analysis: { idSource: "original-hash" } });
  });

  it("stops a page that calls a form that calls a form (4 × 60 calls) by killing its renderer, and refuses it as a deposit", async () => {
    const hostile = formFanOutPdf(SAMPLE_CONVENTION_ID);
    setTaskLimitsForTests({ compare: 300 });
    const rendering = compareInPool(fixture("generated/convention-sample.pdf"), hostile);
    const error = await rendering.then(() => null, (reason: unknown) => reason);
    expect(isAppError(error) ? [error.code, error.message] : error).toEqual(["ANALYSIS_INTERRUPTED", INTERRUPTED]);

    const before = { deposits: await rowCount(deposits), files: files.countFiles() };
    const refused = await post(world.origin, { file: hostile });
    expect(refused.status).toBe(422);
    // The analysis's own budget answers first, in milliseconds: the kill is only the second line.
    expect(refused.body.error.code).toBe("PDF_UNREADABLE");
    expect(await rowCount(deposits)).toBe(before.deposits);
    expect(files.countFiles()).toBe(before.files);
  });

  it("answers 401 to a caller without a session before reading a byte of the body", async () => {
    signedIn = null;
    const { watch, body } = watchedBody();
    const response = await POST(streamedRequest(body, { length: 5 * 1024 * 1024 }));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    expect(watch.pulled).toBe(false);
  });

  it("answers 403 to a forged or expired deposit link before reading the body, even for a signed-in user", async () => {
    const token = createDepositToken(SAMPLE_CONVENTION_ID, process.env.AUTH_SECRET!, new Date());
    const expired = createDepositToken(SAMPLE_CONVENTION_ID, process.env.AUTH_SECRET!, new Date(Date.now() - 31 * 86400_000));
    for (const [as, bad] of [[null, `${token.slice(0, -2)}xx`], [world.origin, expired]] as const) {
      signedIn = as;
      const { watch, body } = watchedBody();
      const response = await POST(streamedRequest(body, { query: `?token=${encodeURIComponent(bad)}` }));
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("DEPOSIT_LINK_INVALID");
      expect(watch.pulled).toBe(false);
    }
  });

  it("answers 413 to a deposit link holder declaring a body over the limit, before reading it", async () => {
    signedIn = null;
    const token = createDepositToken(SAMPLE_CONVENTION_ID, process.env.AUTH_SECRET!, new Date());
    const { watch, body } = watchedBody();
    const response = await POST(streamedRequest(body, { query: `?token=${encodeURIComponent(token)}`, length: 21 * 1024 * 1024 + 65 * 1024 }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe("Le fichier est trop volumineux : 20 Mo au maximum.");
    expect(watch.pulled).toBe(false);
  });
});
