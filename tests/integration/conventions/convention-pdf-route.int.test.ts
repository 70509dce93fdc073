import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { conventions } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { regenerateConvention } from "@/lib/server/conventions/regenerate-convention";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "./convention-fixtures";

let signedIn: Actor | null = null;
jest.mock("@/lib/server/auth/require-actor", () => ({
  requireActorOrThrow: async () => {
    const { AppError } = await import("@/lib/core/errors");
    if (!signedIn) throw new AppError("UNAUTHENTICATED");
    return signedIn;
  },
}));

// Imported after the mock so the route sees the test's signed-in actor.
import { GET } from "@/app/api/conventions/[id]/pdf/route";

jest.setTimeout(60_000);

async function download(actor: Actor | null, id: string, query = "") {
  signedIn = actor;
  const response = await GET(new Request(`http://localhost/api/conventions/${id}/pdf${query}`), { params: Promise.resolve({ id }) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

describe.each(testDrivers())("convention PDF downloads on %s", (driver) => {
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

  const originalSha = async (id: string) =>
    (await database.db.select({ sha: conventions.originalSha256 }).from(conventions).where(eq(conventions.id, id)))[0].sha;

  it("serves the original as an attachment named after the pupil, ASCII only", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Dupont", firstName: "Léa", date: "2026-02-03" });
    const { response, sha256, bytes } = await download(host, id, "?version=original");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="convention-DUPONT-Lea-2026-02-03.pdf"');
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(sha256).toBe(await originalSha(id));
    const preview = await download(origin, id, "?apercu=1");
    expect(preview.response.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("follows the Conv. rule: original while pending, the validated deposit once validated", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Garnier" });
    const depositBytes = new TextEncoder().encode("%PDF-1.7 dépôt signé Garnier");
    const depositId = await depositFile(database.db, id, depositBytes);
    const depositSha = createHash("sha256").update(depositBytes).digest("hex");
    expect((await download(host, id)).sha256).toBe(await originalSha(id));
    expect((await download(host, id, "?version=current")).sha256).toBe(depositSha);
    await validateConvention(database.db, { conventionId: id, actor: host });
    const validated = await download(host, id);
    expect(validated.sha256).toBe(depositSha);
    // One naming rule: the deposited document says it is the signed one.
    expect(validated.response.headers.get("content-disposition")).toMatch(/^attachment; filename="convention-GARNIER-[A-Za-z-]+-\d{4}-\d{2}-\d{2}-signee\.pdf"$/);
    expect((await download(origin, id)).sha256).toBe(depositSha);
    expect((await download(host, id, "?version=original")).sha256).toBe(await originalSha(id));
    expect((await download(host, id, `?depot=${depositId}`)).sha256).toBe(depositSha);
    await invalidateConvention(database.db, { conventionId: id, actor: host, reason: "document-illisible" });
    expect((await download(host, id)).sha256).toBe(await originalSha(id));
  });

  it("serves byte-identical originals after a regeneration, and keeps the deposit downloadable", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Roux" });
    const before = await download(host, id, "?version=original");
    const depositId = await depositFile(database.db, id);
    await regenerateConvention(database.db, { conventionId: id, actor: host });
    const after = await download(host, id);
    expect(after.sha256).toBe(before.sha256);
    expect(after.sha256).toBe(await originalSha(id));
    expect(Buffer.compare(Buffer.from(after.bytes), Buffer.from(before.bytes))).toBe(0);
    expect((await download(host, id, `?depot=${depositId}`)).response.status).toBe(200);
  });

  it("answers 404 to another school, to a foreign deposit id and to a malformed id; signed out, sends to the login page and back", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Fournier" });
    const otherId = await createConvention(database.db, { host, origin, lastName: "Girard" });
    const otherDeposit = await depositFile(database.db, otherId);
    expect((await download(otherHost, id)).response.status).toBe(404);
    expect((await download(host, id, `?depot=${otherDeposit}`)).response.status).toBe(404);
    expect((await download(host, "pas-un-uuid")).response.status).toBe(404);
    const signedOut = await download(null, id, "?version=original");
    expect(signedOut.response.status).toBe(303);
    expect(signedOut.response.headers.get("location")).toBe(`/connexion?retour=${encodeURIComponent(`/api/conventions/${id}/pdf?version=original`)}`);
  });
});
