import { utimes } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { deposits } from "@/db/schema";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { depositConvention } from "@/lib/server/deposits/deposit-convention";
import type { FileStore } from "@/lib/server/files/file-store";
import { sha256Hex } from "@/lib/server/files/file-store";
import { removeUnreferencedFiles } from "@/lib/server/files/remove-unreferenced-files";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/test-db";
import { anonymousPdf, createWorld, insertConvention, tempFileStore } from "../integration/deposits/deposit-fixtures";

jest.setTimeout(300_000);

describe.each(testDrivers())("a deposit reported as successful keeps its file, on %s", (driver) => {
  let database: TestDatabase;
  let files: ReturnType<typeof tempFileStore>;
  let world: Awaited<ReturnType<typeof createWorld>>;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    files = tempFileStore();
    world = await createWorld(database.db, files.store);
  });
  afterAll(async () => { await database.close(); });

  const newConvention = async (label: string) => insertConvention(database.db, files.store, {
    host: world.host, origin: world.origin, lastName: label, firstName: "Sam", original: await anonymousPdf(`original ${label}`),
  });

  it("a request failing after storing the same bytes never removes the file a parallel deposit records", async () => {
    for (let round = 0; round < 6; round += 1) {
      const [failing, succeeding] = [await newConvention(`Echec${round}`), await newConvention(`Succes${round}`)];
      const bytes = await anonymousPdf(`partagé ${round}`);
      // The failing request's convention is validated between its storing the file and recording its row.
      const failingStore: FileStore = {
        ...files.store,
        put: async (data, type) => {
          const key = await files.store.put(data, type);
          await validateConvention(database.db, { conventionId: failing, actor: world.host }).catch(() => undefined);
          return key;
        },
        get: (key) => files.store.get(key), has: (key) => files.store.has(key), list: () => files.store.list(), delete: (key) => files.store.delete(key),
      };
      await depositConvention(database.db, { depositor: { kind: "user", actor: world.origin }, bytes: await anonymousPdf(`premier ${round}`), requestedConventionId: failing, store: files.store });
      const [lost, kept] = await Promise.allSettled([
        depositConvention(database.db, { depositor: { kind: "user", actor: world.origin }, bytes, fileName: "a\u0000.pdf", requestedConventionId: failing, store: failingStore }),
        depositConvention(database.db, { depositor: { kind: "user", actor: world.origin }, bytes, fileName: "b.pdf", requestedConventionId: succeeding, store: files.store }),
      ]);
      expect(lost.status).toBe("rejected");
      expect(kept).toMatchObject({ status: "fulfilled", value: { outcome: "deposited" } });
      const [row] = await database.db.select({ fileKey: deposits.fileKey }).from(deposits).where(eq(deposits.conventionId, succeeding));
      expect(row.fileKey).toBe(`sha256-${sha256Hex(bytes)}`);
      expect(await files.store.has(row.fileKey)).toBe(true);
    }
  });

  it("a deposit racing the clean-up of the same old, unreferenced file still commits with its file in place", async () => {
    for (let round = 0; round < 4; round += 1) {
      const id = await newConvention(`Nettoyage${round}`);
      const bytes = await anonymousPdf(`ancien ${round}`);
      const key = await files.store.put(bytes, "application/pdf");
      const hex = key.slice("sha256-".length);
      const old = new Date(Date.now() - 3 * 24 * 60 * 60_000);
      await utimes(path.join(files.dir, hex.slice(0, 2), hex), old, old);
      const [deposit] = await Promise.all([
        depositConvention(database.db, { depositor: { kind: "user", actor: world.origin }, bytes, requestedConventionId: id, store: files.store }),
        removeUnreferencedFiles(database.db, { store: files.store }),
      ]);
      expect(deposit.outcome).toBe("deposited");
      expect(await files.store.has(key)).toBe(true);
      // Referenced now: later clean-ups keep it, however old it gets.
      expect((await removeUnreferencedFiles(database.db, { store: files.store, now: new Date(Date.now() + 30 * 24 * 60 * 60_000) })).removed).toBeGreaterThanOrEqual(0);
      expect(await files.store.has(key)).toBe(true);
    }
  });

  it("stores a deposit whose file name holds a NUL, with the name cleaned, instead of failing", async () => {
    const id = await newConvention("Nul");
    const result = await depositConvention(database.db, {
      depositor: { kind: "user", actor: world.origin }, bytes: await anonymousPdf("nul"), fileName: "conv\u0000ention\u001b.pdf", requestedConventionId: id, store: files.store,
    });
    expect(result.outcome).toBe("deposited");
    const [row] = await database.db.select({ fileName: deposits.fileName }).from(deposits).where(eq(deposits.conventionId, id));
    expect(row.fileName).toBe("conv ention .pdf");
  });
});
