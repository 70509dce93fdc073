import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Actor } from "@/lib/core/auth/actor";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "./convention-fixtures";

// Page images are cached under DATA_DIR: this file's own folder.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "page-image-route-"));
process.env.DATA_DIR = dataDir;

let signedIn: Actor | null = null;
jest.mock("@/lib/server/auth/require-actor", () => ({
  requireActorOrThrow: async () => {
    const { AppError } = await import("@/lib/core/errors");
    if (!signedIn) throw new AppError("UNAUTHENTICATED");
    return signedIn;
  },
}));

// Imported after the mock so the route sees the test's signed-in actor.
import { GET } from "@/app/api/conventions/[id]/page/route";

jest.setTimeout(60_000);

async function pageImage(actor: Actor | null, id: string, query: string) {
  signedIn = actor;
  const response = await GET(new Request(`http://localhost/api/conventions/${id}/page${query}`), { params: Promise.resolve({ id }) });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

function cachedImages(): string[] {
  const root = path.join(dataDir, "page-images");
  try {
    return readdirSync(root).flatMap((folder) => readdirSync(path.join(root, folder)));
  } catch {
    return [];
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(testDrivers())("page images of a convention on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let otherHost: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
  });
  afterAll(async () => { await database.close(); });

  it("serves page 2 of the original as a 100 dpi PNG, and caches it by file hash, page and dpi", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Perrin" });
    const before = cachedImages().length;
    const { response, bytes } = await pageImage(host, id, "?version=original&page=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([827, 1169]);
    const written = cachedImages();
    expect(written.length).toBe(before + 1);
    expect(written.some((name) => /^[0-9a-f]{64}-p2-100dpi\.png$/.test(name))).toBe(true);
    const again = await pageImage(origin, id, "?version=original&page=2");
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(bytes))).toBe(0);
    expect(cachedImages().length).toBe(before + 1);
    const notModified = await (async () => {
      signedIn = host;
      return GET(new Request(`http://localhost/api/conventions/${id}/page?version=original&page=2`, { headers: { "if-none-match": response.headers.get("etag")! } }), { params: Promise.resolve({ id }) });
    })();
    expect(notModified.status).toBe(304);
  });

  it("answers 404 to another school, as the Conv. PDF does, and 401 to nobody", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Lemoine" });
    const other = await pageImage(otherHost, id, "?version=original&page=1");
    expect(other.response.status).toBe(404);
    expect(other.response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await pageImage(null, id, "?version=original&page=1")).response.status).toBe(401);
  });

  it("refuses a page out of range or another resolution, and says a missing page is not found", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Marchand" });
    expect((await pageImage(host, id, "?version=original&page=0")).response.status).toBe(400);
    expect((await pageImage(host, id, "?version=original&page=abc")).response.status).toBe(400);
    expect((await pageImage(host, id, "?version=original&page=1&dpi=1200")).response.status).toBe(400);
    const missing = await pageImage(host, id, "?version=original&page=3");
    expect(missing.response.status).toBe(404);
    expect(new TextDecoder().decode(missing.bytes)).toBe("Cette page n'existe pas dans ce fichier.");
  });

  it("serves a deposit's page, and a deposit that cannot be rendered gets a French reason, not a 500", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Robin" });
    const scan = new Uint8Array(readFileSync(path.join(__dirname, "../../fixtures/deposits/sample-scanned.pdf")));
    const scanId = await depositFile(database.db, id, scan);
    expect((await pageImage(host, id, `?depot=${scanId}&page=1`)).response.status).toBe(200);
    const brokenId = await depositFile(database.db, id, new TextEncoder().encode("%PDF-1.7 rien d'autre"));
    const broken = await pageImage(host, id, `?depot=${brokenId}&page=1`);
    expect(broken.response.status).toBe(422);
    expect(new TextDecoder().decode(broken.bytes)).toMatch(/^Affichage impossible : /);
  });
});
