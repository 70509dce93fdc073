import { and, eq } from "drizzle-orm";
import { conventionEvents, conventions, outbox } from "@/db/schema";
import { findConventionDetail } from "@/db/queries/convention-detail";
import { findConventionFile } from "@/db/queries/convention-file";
import { isAppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { regenerateConvention } from "@/lib/server/conventions/regenerate-convention";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { conventionIdFromDepositToken } from "@/lib/server/deposit-links";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, depositFile } from "./convention-fixtures";

jest.setTimeout(60_000);

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.userMessage };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(testDrivers())("convention lifecycle on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let otherHost: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "secretariat@college.test" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
  });
  afterAll(async () => { await database.close(); });

  const stateOf = async (id: string) => {
    const [row] = await database.db.select().from(conventions).where(eq(conventions.id, id));
    return row;
  };
  const mailsOf = (id: string, template: string) =>
    database.db.select().from(outbox).where(and(eq(outbox.conventionId, id), eq(outbox.template, template)));

  it("validates a returned convention, records who did it and mails the origin school once", async () => {
    const id = await createConvention(database.db, { host, origin });
    await depositFile(database.db, id);
    const result = await validateConvention(database.db, { conventionId: id, actor: host });
    expect(result).toMatchObject({ from: "pending_validation", to: "validated" });
    const row = await stateOf(id);
    expect(row.state).toBe("validated");
    expect(row.validatedByUserId).toBe(host.userId);
    const events = await database.db.select().from(conventionEvents).where(eq(conventionEvents.conventionId, id));
    expect(events.map((event) => event.event)).toEqual(["generate", "deposit", "validate"]);
    expect(events[2].actorLabel).toContain(host.name);
    const mails = await mailsOf(id, "convention-validated");
    expect(mails).toHaveLength(1);
    expect(mails[0].toAddress).toBe("secretariat@college.test");
    expect(mails[0].payload).toMatchObject({ studentName: "DUPONT Léa", internshipDate: "03-02-2026" });
  });

  it("lets only one of two simultaneous validations through, the other gets the French conflict message", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Martin" });
    await depositFile(database.db, id);
    const seen = (await stateOf(id)).version;
    const results = await Promise.allSettled([
      validateConvention(database.db, { conventionId: id, actor: host, expectedVersion: seen }),
      validateConvention(database.db, { conventionId: id, actor: host, expectedVersion: seen }),
    ]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected") as PromiseRejectedResult[];
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason.code).toBe("CONCURRENT_CHANGE");
    expect(rejected[0].reason.userMessage).toMatch(/a changé entre-temps/);
    expect(await mailsOf(id, "convention-validated")).toHaveLength(1);
    const validations = await database.db.select().from(conventionEvents)
      .where(and(eq(conventionEvents.conventionId, id), eq(conventionEvents.event, "validate")));
    expect(validations).toHaveLength(1);
  });

  it("also stops a racing validation that did not say which version it saw", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Bernard" });
    await depositFile(database.db, id);
    const results = await Promise.allSettled([
      validateConvention(database.db, { conventionId: id, actor: host }),
      validateConvention(database.db, { conventionId: id, actor: host }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const reason = (results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason;
    expect(["CONCURRENT_CHANGE", "TRANSITION_NOT_ALLOWED", "CONVENTION_ALREADY_VALIDATED"]).toContain(reason.code);
  });

  it("answers not-found to another school's admin and to origin staff, and changes nothing", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Petit" });
    await depositFile(database.db, id);
    const before = await stateOf(id);
    expect(await refusalOf(validateConvention(database.db, { conventionId: id, actor: otherHost }))).toMatchObject({ code: "CONVENTION_NOT_FOUND" });
    expect(await refusalOf(validateConvention(database.db, { conventionId: id, actor: origin }))).toMatchObject({ code: "CONVENTION_NOT_FOUND" });
    expect(await refusalOf(invalidateConvention(database.db, { conventionId: id, actor: otherHost, reason: "signature-manquante" })))
      .toMatchObject({ code: "CONVENTION_NOT_FOUND" });
    expect(await refusalOf(regenerateConvention(database.db, { conventionId: id, actor: otherHost }))).toMatchObject({ code: "CONVENTION_NOT_FOUND" });
    expect(await findConventionFile(database.db, otherHost, id)).toBeNull();
    const after = await stateOf(id);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe("pending_validation");
  });

  it("invalidates a pending convention: it stays pending with the badge data, the origin gets the reason and a working deposit link", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Durand" });
    await depositFile(database.db, id);
    await invalidateConvention(database.db, { conventionId: id, actor: host, reason: "signature-manquante", note: "Il manque la signature du responsable légal." });
    const row = await stateOf(id);
    expect(row.state).toBe("pending_validation");
    expect(row.invalidationReason).toBe("Signature manquante");
    expect(row.invalidationNote).toBe("Il manque la signature du responsable légal.");
    expect(row.invalidatedAt).toBeInstanceOf(Date);
    const mails = await mailsOf(id, "convention-invalidated");
    expect(mails).toHaveLength(1);
    const payload = mails[0].payload as { reason: string; depositUrl: string; note: string };
    expect(payload.reason).toBe("Signature manquante");
    expect(payload.note).toContain("responsable légal");
    const token = payload.depositUrl.split("/depot/")[1];
    expect(conventionIdFromDepositToken(token)).toBe(id);
    // A new deposit clears the flag.
    await depositFile(database.db, id);
    expect((await stateOf(id)).invalidationReason).toBeNull();
  });

  it("refuses an invalidation without a reason from the list, and changes nothing", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Moreau" });
    await depositFile(database.db, id);
    const refusal = await refusalOf(invalidateConvention(database.db, { conventionId: id, actor: host, reason: "" }));
    expect(refusal.message).toMatch(/motif/);
    expect((await stateOf(id)).invalidatedAt).toBeNull();
    expect(await mailsOf(id, "convention-invalidated")).toHaveLength(0);
  });

  it("withdraws a validation: back to not returned with the original as the document, and a mail", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Laurent" });
    await depositFile(database.db, id);
    await validateConvention(database.db, { conventionId: id, actor: host });
    await invalidateConvention(database.db, { conventionId: id, actor: host, reason: "mauvais-stagiaire" });
    const row = await stateOf(id);
    expect(row.state).toBe("not_returned");
    expect(row.currentDepositId).toBeNull();
    expect(row.validatedAt).toBeNull();
    // The reason stays on the row (tab badge, pupil's page) until the next deposit.
    expect(row.invalidationReason).toBe("Mauvais stagiaire");
    expect(row.invalidatedAt).not.toBeNull();
    expect(await mailsOf(id, "convention-invalidated")).toHaveLength(1);
    await depositFile(database.db, id);
    expect((await stateOf(id)).invalidationReason).toBeNull();
  });

  it("refuses precisions longer than 1 000 characters with a message, instead of cutting them, and changes nothing", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Fabre" });
    await depositFile(database.db, id);
    const refusal = await refusalOf(invalidateConvention(database.db, { conventionId: id, actor: host, reason: "signature-manquante", note: "x".repeat(1001) }));
    expect(refusal.message).toBe("Les précisions ne doivent pas dépasser 1 000 caractères (1001 saisis) : raccourcissez-les.");
    expect((await stateOf(id)).invalidatedAt).toBeNull();
    expect(await mailsOf(id, "convention-invalidated")).toHaveLength(0);
    await invalidateConvention(database.db, { conventionId: id, actor: host, reason: "signature-manquante", note: "y".repeat(1000) });
    expect((await stateOf(id)).invalidationNote).toHaveLength(1000);
  });

  it("regenerates a pending convention to its original, keeping the deposit in the history", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Simon" });
    const depositId = await depositFile(database.db, id);
    await regenerateConvention(database.db, { conventionId: id, actor: host });
    const row = await stateOf(id);
    expect(row.state).toBe("not_returned");
    expect(row.currentDepositId).toBeNull();
    expect(await findConventionFile(database.db, host, id, { depositId })).toMatchObject({ kind: "deposit" });
  });

  it("shows the signature panel of the current deposit, and lists the older deposits without it", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Garnier" });
    const older = await depositFile(database.db, id);
    const current = await depositFile(database.db, id);
    const detail = await findConventionDetail(database.db, host, id);
    expect(detail?.currentDepositId).toBe(current);
    expect(detail?.deposits.map((deposit) => deposit.id).sort()).toEqual([older, current].sort());
    expect(detail?.deposits.find((deposit) => deposit.id === current)?.analysis).toMatchObject({ verdict: "signed" });
    expect(detail?.deposits.find((deposit) => deposit.id === older)?.analysis).toBeNull();
    await regenerateConvention(database.db, { conventionId: id, actor: host });
    expect((await findConventionDetail(database.db, host, id))?.deposits.every((deposit) => deposit.analysis === null)).toBe(true);
  });

  it("refuses actions the state does not allow, in French", async () => {
    const id = await createConvention(database.db, { host, origin, lastName: "Michel" });
    expect((await refusalOf(validateConvention(database.db, { conventionId: id, actor: host }))).message).toMatch(/pas encore été retournée/);
    expect((await refusalOf(regenerateConvention(database.db, { conventionId: id, actor: host }))).message).toMatch(/version d'origine/);
    await depositFile(database.db, id);
    await validateConvention(database.db, { conventionId: id, actor: host });
    expect((await refusalOf(validateConvention(database.db, { conventionId: id, actor: host }))).message).toMatch(/déjà validée/);
    expect((await refusalOf(regenerateConvention(database.db, { conventionId: id, actor: host }))).message).toMatch(/d'abord être invalidée/);
  });
});
