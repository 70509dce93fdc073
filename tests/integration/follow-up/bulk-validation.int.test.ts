import { and, eq, sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DbHandle } from "@/db/client";
import { conventionEvents, conventions, deposits, outbox, pinnedSignerKeys } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { applyConventionTransition } from "@/lib/server/conventions/apply-convention-transition";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { validateConventionsInBulk } from "@/lib/server/conventions/validate-conventions-in-bulk";
import type { MailPayloads } from "@/lib/server/mail/mail-types";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, signedAnalysis } from "../conventions/convention-fixtures";

jest.setTimeout(120_000);

const identical = { status: "identical", pages: [{ index: 0, status: "identical" }] };
type DepositShape = { verdict?: PdfAnalysis["verdict"]; recognition?: PdfAnalysis["recognition"]; analysis?: Record<string, unknown> };

describe.each(testDrivers())("bulk validation on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  let secondOrigin: Actor;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "college-a@test.example" });
    secondOrigin = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "college-b@test.example" });
  });
  let secondServer: DbHandle | null = null;
  afterAll(async () => {
    await secondServer?.close();
    await database.close();
  });

  /** A convention of `from` with a deposit whose stored analysis has the given shape (green by default). */
  async function pendingConvention(shape: DepositShape = {}, { from = origin, on = host }: { from?: Actor; on?: Actor } = {}): Promise<{ id: string; version: number }> {
    counter += 1;
    const id = await createConvention(database.db, { host: on, origin: from, lastName: `Eleve${counter}`, date: "2026-05-12" });
    const verdict = shape.verdict ?? "signed";
    const recognition = shape.recognition ?? "automatic";
    const analysis = { ...signedAnalysis({ verdict, recognition, conventionId: id }), visualComparison: identical, ...shape.analysis };
    const [deposit] = await database.db.insert(deposits).values({
      conventionId: id, fileKey: `cle-${counter}`, sha256: "cd".repeat(32), size: 1234, recognition, verdict, analysis,
    }).returning();
    const result = await database.db.transaction((tx) => applyConventionTransition(tx, {
      conventionId: id, event: "deposit", by: { kind: "link", conventionId: id }, depositId: deposit.id,
    }));
    return { id, version: result.version };
  }
  const selectionOf = (...items: { id: string; version: number }[]) => items.map((item) => ({ conventionId: item.id, version: item.version }));
  const stateOf = async (id: string) => (await database.db.select({ state: conventions.state }).from(conventions).where(eq(conventions.id, id)))[0].state;

  it("validates only the safe conventions and gives every other one its reason", async () => {
    const greenA = await pendingConvention();
    const greenB = await pendingConvention({}, { from: secondOrigin });
    const greenC = await pendingConvention();
    const cases: Record<string, { id: string; version: number }> = {
      scan: await pendingConvention({ verdict: "unsigned", recognition: "suggested", analysis: { signatures: [], visualComparison: { status: "scan", pages: [] } } }),
      modified: await pendingConvention({ verdict: "signed-then-modified" }),
      altered: await pendingConvention({ verdict: "altered" }),
      invalid: await pendingConvention({ verdict: "invalid" }),
      unreadable: await pendingConvention({ verdict: "unreadable" }),
      suggested: await pendingConvention({ recognition: "suggested" }),
      problem: await pendingConvention({ analysis: { problems: ["Le certificat du signataire a expiré."] } }),
      differences: await pendingConvention({ analysis: { visualComparison: { status: "changed", pages: [{ index: 1, status: "changed" }] } } }),
      noComparison: await pendingConvention({ analysis: { visualComparison: null } }),
      otherPupil: await pendingConvention({ analysis: { identityMismatch: { namedConventionIds: ["0b6c2f1e-4a57-4d0e-9b8e-3c1a2d4e5f60"], source: "QR code" } } }),
      invalidated: await pendingConvention(),
      notReturned: { id: await createConvention(database.db, { host, origin, lastName: "Rendu", date: "2026-05-12" }), version: 1 },
    };
    const invalidated = await invalidateConvention(database.db, { conventionId: cases.invalidated.id, actor: host, reason: "signature-manquante" });
    cases.invalidated.version = invalidated.version;

    const report = await validateConventionsInBulk(database.db, { actor: host, selections: selectionOf(greenA, greenB, greenC, ...Object.values(cases)) });

    expect(report.validated.map((row) => row.conventionId).sort()).toEqual([greenA.id, greenB.id, greenC.id].sort());
    const reasons = Object.fromEntries(report.skipped.map((row) => [row.conventionId, row.reason]));
    expect(Object.fromEntries(Object.entries(cases).map(([name, item]) => [name, reasons[item.id]]))).toEqual({
      scan: "scan ou document sans signature électronique : vérifiez les signatures à l'œil",
      modified: "signée puis complétée après la signature : vérifiez les ajouts",
      altered: "document modifié après sa signature",
      invalid: "une signature électronique n'est pas valide",
      unreadable: "document illisible",
      suggested: "reconnue par QR code ou choisie à la main, pas automatiquement",
      problem: "l'analyse signale : Le certificat du signataire a expiré.",
      differences: "différences avec l'original",
      noComparison: "comparaison avec l'original non disponible",
      otherPupil: "le document désigne une autre convention",
      invalidated: "invalidée (Signature manquante) : un nouveau dépôt est attendu",
      notReturned: "n'est plus en attente de validation",
    });
    for (const item of Object.values(cases)) expect(await stateOf(item.id)).not.toBe("validated");
    // Each validated convention is its own transition in its history.
    for (const item of [greenA, greenB, greenC]) {
      const events = await database.db.select().from(conventionEvents).where(and(eq(conventionEvents.conventionId, item.id), eq(conventionEvents.event, "validate")));
      expect(events).toHaveLength(1);
      expect(events[0].actorUserId).toBe(host.userId);
    }
    // One mail per origin school, listing its validated conventions.
    const mails = await database.db.select().from(outbox).where(and(eq(outbox.template, "conventions-validated"), eq(outbox.hostSchoolId, host.schoolId)));
    const bySchool = Object.fromEntries(mails.map((mail) => [mail.toAddress, (mail.payload as MailPayloads["conventions-validated"]).conventions.map((row) => row.conventionId).sort()]));
    expect(bySchool).toEqual({ "college-a@test.example": [greenA.id, greenC.id].sort(), "college-b@test.example": [greenB.id] });
  });

  it("skips a convention that changed after it was shown, and one of another school", async () => {
    const shown = await pendingConvention();
    // A new deposit arrives between the confirmation and the click.
    const [newer] = await database.db.insert(deposits).values({
      conventionId: shown.id, fileKey: "cle-nouvelle", sha256: "ef".repeat(32), size: 99, recognition: "automatic", verdict: "signed",
      analysis: { ...signedAnalysis({ conventionId: shown.id }), visualComparison: identical },
    }).returning();
    await database.db.transaction((tx) => applyConventionTransition(tx, { conventionId: shown.id, event: "deposit", by: { kind: "link", conventionId: shown.id }, depositId: newer.id }));
    const otherHost = await createSchoolWithUser(database.db, { role: "host_admin" });
    const foreign = await pendingConvention({}, { on: otherHost });
    const fine = await pendingConvention();

    const report = await validateConventionsInBulk(database.db, { actor: host, selections: selectionOf(shown, foreign, fine) });
    expect(report.validated.map((row) => row.conventionId)).toEqual([fine.id]);
    expect(report.skipped).toEqual([
      expect.objectContaining({ conventionId: shown.id, reason: "a changé entre-temps : ouvrez-la pour la vérifier" }),
      expect.objectContaining({ conventionId: foreign.id, reason: "introuvable dans votre établissement" }),
    ]);
    expect(await stateOf(shown.id)).toBe("pending_validation");
    expect(await stateOf(foreign.id)).toBe("pending_validation");
  });

  it("skips a convention another admin changes while the bulk validation is running, and validates the others", async () => {
    const contested = await pendingConvention();
    const others = [await pendingConvention(), await pendingConvention()];
    const change = (db: typeof database.db) => db.update(conventions).set({ version: sql`${conventions.version} + 1` }).where(eq(conventions.id, contested.id));
    let report;
    if (driver === "postgres") {
      // Another server holds the row, changed but not yet committed, while the bulk validation reaches it.
      secondServer = await openDatabase({ url: database.url });
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let changed!: () => void;
      const isChanged = new Promise<void>((resolve) => { changed = resolve; });
      const other = secondServer.db.transaction(async (tx) => {
        await change(tx as unknown as typeof database.db);
        changed();
        await held;
      });
      await isChanged;
      const running = validateConventionsInBulk(database.db, { actor: host, selections: selectionOf(contested, ...others) });
      // Wait until the bulk validation is blocked on the contested row, then let the other change commit.
      for (;;) {
        const [row] = rowsOf<{ waiting: number }>(await secondServer.db.execute(sql`select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`));
        if (Number(row.waiting) > 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      release();
      await other;
      report = await running;
    } else {
      // One process on the embedded database: the change lands between the page and the click.
      await change(database.db);
      report = await validateConventionsInBulk(database.db, { actor: host, selections: selectionOf(contested, ...others) });
    }
    expect(report.validated.map((row) => row.conventionId).sort()).toEqual(others.map((item) => item.id).sort());
    expect(report.skipped).toEqual([expect.objectContaining({ conventionId: contested.id, reason: "a changé entre-temps : ouvrez-la pour la vérifier" })]);
    expect(await stateOf(contested.id)).toBe("pending_validation");
  });

  it("asks for a known signer once the school has accepted signers for that origin school", async () => {
    await database.db.insert(pinnedSignerKeys).values({
      hostSchoolId: host.schoolId, originSchoolId: secondOrigin.schoolId, spkiSha256: "aa".repeat(32), certificateDer: new Uint8Array([1, 2, 3]), signerName: "Jean Principal",
    });
    const unknown = await pendingConvention({}, { from: secondOrigin });
    const pinned = await pendingConvention({ analysis: { signatures: [{ ...signedAnalysis().signatures[0], trust: "pinned" }] } }, { from: secondOrigin });
    const elsewhere = await pendingConvention();
    const report = await validateConventionsInBulk(database.db, { actor: host, selections: selectionOf(unknown, pinned, elsewhere) });
    expect(report.validated.map((row) => row.conventionId).sort()).toEqual([pinned.id, elsewhere.id].sort());
    expect(report.skipped).toEqual([
      expect.objectContaining({ conventionId: unknown.id, reason: "signataire inconnu : ni certificat reconnu ni signataire connu de votre établissement" }),
    ]);
  });

  it("refuses origin staff and an empty selection without changing anything", async () => {
    const item = await pendingConvention();
    await expect(validateConventionsInBulk(database.db, { actor: origin, selections: selectionOf(item) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(validateConventionsInBulk(database.db, { actor: host, selections: [] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await stateOf(item.id)).toBe("pending_validation");
  });
});
