import { and, count, eq } from "drizzle-orm";
import { POST } from "@/app/api/conventions/depot/route";
import { GET as listDepositable } from "@/app/api/conventions/depot/conventions/route";
import { conventionEvents, deposits, outbox } from "@/db/schema";
import { createDepositToken } from "@/lib/core/deposit-links/deposit-token";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import type { Actor } from "@/lib/core/auth/actor";
import { validateConvention } from "@/lib/server/conventions/validate-convention";
import { depositConvention } from "@/lib/server/deposits/deposit-convention";
import { setDepositActorResolverForTests } from "@/lib/server/deposits/resolve-depositor";
import { sha256Hex } from "@/lib/server/files/file-store";
import { removeUnreferencedFiles, UNREFERENCED_FILE_GRACE_MS } from "@/lib/server/files/remove-unreferenced-files";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { PDFDocument, rgb } from "pdf-lib";
import { fieldNumber, overlayPageOne, signIncrementally } from "../../support/pdf-updates";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import {
  SAMPLE_CONVENTION_ID, SPOOFED_CONVENTION_ID, anonymousPdf, conventionRow, createWorld, depositRequest, fixture, insertConvention, tempFileStore,
} from "./deposit-fixtures";

jest.setTimeout(60_000);
process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";
// The committed sample's QR codes point at the default address.
process.env.APP_URL = "http://localhost:3000";

type World = Awaited<ReturnType<typeof createWorld>>;

describe.each(testDrivers())("deposit of a filled convention on %s", (driver) => {
  let database: TestDatabase;
  let files: ReturnType<typeof tempFileStore>;
  let world: World;
  let signedIn: Actor | null = null;

  const depositCount = async (conventionId?: string) => {
    const [row] = await database.db.select({ n: count() }).from(deposits)
      .where(conventionId ? eq(deposits.conventionId, conventionId) : undefined);
    return row.n;
  };
  const post = async (as: Actor | null, fields: Parameters<typeof depositRequest>[0]) => {
    signedIn = as;
    const response = await POST(depositRequest(fields));
    return { status: response.status, body: await response.json() };
  };
  const linkTo = (conventionId: string, now = new Date()) => createDepositToken(conventionId, process.env.AUTH_SECRET!, now);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    files = tempFileStore();
    setFileStoreForTests(files.store);
    setDepositActorResolverForTests(async () => signedIn);
    world = await createWorld(database.db, files.store);
    // The QR search has a 1.2 s wall-clock budget; a running server has its image decoders warm, a fresh test process does not.
    await analyzeConventionPdf(fixture("deposits/sample-scanned.pdf"), { appUrl: "http://localhost:3000" });
  });
  afterAll(async () => {
    setDepositActorResolverForTests(undefined);
    setFileStoreForTests(undefined);
    await database.close();
  });

  it("refuses the signed convention from another school's staff and keeps nothing", async () => {
    const before = files.countFiles();
    const { status, body } = await post(world.otherOrigin, { file: fixture("generated/convention-sample-pdfsig.pdf") });
    expect(status).toBe(403);
    expect(body.error.code).toBe("CONVENTION_OTHER_SCHOOL");
    expect(body.error.message).toMatch(/autre établissement/);
    expect(await depositCount()).toBe(0);
    expect(files.countFiles()).toBe(before);
    expect((await conventionRow(database.db, SAMPLE_CONVENTION_ID)).state).toBe("not_returned");
  });

  it("recognises a poppler-signed convention automatically, moves it to pending and asks every host admin to validate", async () => {
    const before = files.countFiles();
    const { status, body } = await post(world.origin, { file: fixture("generated/convention-sample-pdfsig.pdf"), fileName: "durand-signee.pdf" });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      outcome: "deposited",
      recognition: "automatic",
      convention: { id: SAMPLE_CONVENTION_ID, studentName: "DURAND Léa", state: "pending_validation", stateLabel: "En attente de validation" },
      analysis: { verdict: "signed", idSource: "original-hash", fileName: "durand-signee.pdf" },
    });
    expect(body.message).toMatch(/^Reconnue automatiquement : DURAND Léa, signée par Principal/);
    expect(files.countFiles()).toBe(before + 1);

    const convention = await conventionRow(database.db, SAMPLE_CONVENTION_ID);
    expect(convention.state).toBe("pending_validation");
    expect(convention.currentDepositId).toBe(body.depositId);
    const [deposit] = await database.db.select().from(deposits).where(eq(deposits.id, body.depositId));
    expect(deposit).toMatchObject({
      recognition: "automatic", verdict: "signed", uploadedByUserId: world.origin.userId, uploadedViaLink: false,
      sha256: sha256Hex(fixture("generated/convention-sample-pdfsig.pdf")),
    });
    const [event] = await database.db.select().from(conventionEvents)
      .where(and(eq(conventionEvents.conventionId, SAMPLE_CONVENTION_ID), eq(conventionEvents.event, "deposit")));
    expect(event).toMatchObject({ fromState: "not_returned", toState: "pending_validation", depositId: body.depositId });

    const mails = await database.db.select().from(outbox)
      .where(and(eq(outbox.conventionId, SAMPLE_CONVENTION_ID), eq(outbox.template, "validation-requested")));
    expect(mails.map((mail) => mail.toAddress).sort()).toEqual([world.host.email, world.secondHostAdminEmail].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe("Demande de validation — DURAND Léa");
      const payload = mail.payload as { conventionUrl: string; signatureSummary: string };
      expect(payload.conventionUrl).toBe(`http://localhost:3000/conventions/${SAMPLE_CONVENTION_ID}`);
      expect(payload.signatureSummary).toMatch(/Principal/);
    }
  });

  it("answers « déjà déposée » for the same file again, without a new deposit, file or mail", async () => {
    const [deposits1, files1] = [await depositCount(), files.countFiles()];
    const [mails1] = await database.db.select({ n: count() }).from(outbox);
    const { status, body } = await post(world.host, { file: fixture("generated/convention-sample-pdfsig.pdf") });
    expect(status).toBe(200);
    expect(body.outcome).toBe("already-deposited");
    expect(body.message).toMatch(/^Déjà déposée/);
    expect(await depositCount()).toBe(deposits1);
    expect(files.countFiles()).toBe(files1);
    const [mails2] = await database.db.select({ n: count() }).from(outbox);
    expect(mails2.n).toBe(mails1.n);
  });

  it("asks another school's staff to choose their pupil for a scan that names a convention not theirs", async () => {
    const scan = fixture("deposits/sample-scanned.pdf");
    const before = files.countFiles();
    let result = await post(world.otherOrigin, { file: scan, fileName: "scan.pdf" });
    for (let retry = 0; retry < 3 && result.body.analysis?.idSource !== "qr-code"; retry++) {
      result = await post(world.otherOrigin, { file: scan, fileName: "scan.pdf" });
    }
    expect(result.body.analysis).toMatchObject({ idSource: "qr-code" });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ outcome: "needs-choice", message: "Non reconnue : choisissez le stagiaire." });
    expect(result.body.candidate).toBeUndefined();
    expect(files.countFiles()).toBe(before);
  });

  it("suggests the right pupil for a scan (QR code), then deposits it once confirmed", async () => {
    const scan = fixture("deposits/sample-scanned.pdf");
    // The engine gives its QR search 1.2 s of wall time; on a saturated test machine a re-upload gets another chance.
    let first = await post(world.origin, { file: scan, fileName: "scan.pdf" });
    for (let retry = 0; retry < 3 && first.body.analysis?.idSource !== "qr-code"; retry++) {
      first = await post(world.origin, { file: scan, fileName: "scan.pdf" });
    }
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      outcome: "needs-confirmation",
      candidate: { id: SAMPLE_CONVENTION_ID, studentName: "DURAND Léa" },
      analysis: { verdict: "unsigned", idSource: "qr-code", recognition: "suggested" },
    });
    expect(first.body.message).toBe("Convention probable : DURAND Léa (QR code lu sur le scan) — confirmez pour la déposer.");
    expect(await depositCount(SAMPLE_CONVENTION_ID)).toBe(1);

    const confirmed = await post(world.origin, { file: scan, conventionId: first.body.candidate.id });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ outcome: "deposited", convention: { state: "pending_validation" } });
    // Recorded as "suggested" when this second analysis read the QR code again, "manual" if its time budget ran out.
    expect(confirmed.body.recognition).toBe(confirmed.body.analysis.idSource === "qr-code" ? "suggested" : "manual");
    expect((await conventionRow(database.db, SAMPLE_CONVENTION_ID)).currentDepositId).toBe(confirmed.body.depositId);
  });

  it("never recognises an altered or an id-spoofed signed file automatically", async () => {
    const before = await depositCount();
    const altered = await post(world.origin, { file: fixture("deposits/sample-pdfsig-altered.pdf") });
    expect(altered.body.analysis.verdict).toBe("altered");
    expect(altered.body.outcome).toBe("needs-confirmation");

    const spoofed = await post(world.origin, { file: fixture("deposits/sample-pdfsig-spoofed.pdf") });
    expect(spoofed.body.outcome).not.toBe("deposited");
    expect(spoofed.body.analysis.verdict).not.toBe("signed");
    if (spoofed.body.outcome === "needs-confirmation") expect(spoofed.body.candidate.id).not.toBe(SPOOFED_CONVENTION_ID);
    expect(await depositCount()).toBe(before);
    expect((await conventionRow(database.db, SPOOFED_CONVENTION_ID)).state).toBe("not_returned");
  });

  it("never recognises automatically a convention edited before signing, nor a rewritten copy with an overlay then signed", async () => {
    const original = fixture("generated/convention-sample.pdf");
    const before = await depositCount();
    const editedThenSigned = await signIncrementally(overlayPageOne(original), { field: { existing: fieldNumber(original, "Signature_Origine") } });
    const edited = await post(world.origin, { file: editedThenSigned });
    expect(edited.body.analysis.recognition).not.toBe("automatic");
    expect(edited.body.analysis.verdict).toBe("altered");
    expect(edited.body.outcome).toBe("needs-confirmation");
    expect(edited.body.analysis.problems.join(" ")).toMatch(/page 1 a été modifiée/);

    const copy = await PDFDocument.load(original);
    copy.getPage(0).drawRectangle({ x: 60, y: 700, width: 300, height: 40, color: rgb(1, 1, 1) });
    const rewritten = await copy.save({ useObjectStreams: false });
    const rewrittenThenSigned = await signIncrementally(rewritten, { field: { existing: fieldNumber(rewritten, "Signature_Origine") } });
    const overlay = await post(world.origin, { file: rewrittenThenSigned });
    expect(overlay.body.analysis.verdict).toBe("signed");
    expect(overlay.body.analysis.recognition).not.toBe("automatic");
    expect(overlay.body.outcome).toBe("needs-confirmation");
    expect(await depositCount()).toBe(before);
  });

  it("refuses a file signed for one pupil when the user picks another", async () => {
    const { status, body } = await post(world.origin, {
      file: fixture("generated/convention-sample-pdfsig.pdf"), conventionId: SPOOFED_CONVENTION_ID,
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/autre stagiaire/);
    expect((await conventionRow(database.db, SPOOFED_CONVENTION_ID)).state).toBe("not_returned");
  });

  it.each([
    ["a text file", new TextEncoder().encode("Bonjour, voici la convention"), 400, "NOT_A_PDF", /n'est pas un PDF/],
    ["an empty file", new Uint8Array(0), 400, "EMPTY_FILE", /vide/],
    ["a truncated PDF", new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), 422, "PDF_UNREADABLE", /^Ce PDF ne peut pas être lu : il est endommagé, incomplet ou protégé/],
  ])("refuses %s with a clear French message and keeps nothing", async (_label, bytes, status, code, message) => {
    const [before, filesBefore] = [await depositCount(), files.countFiles()];
    const response = await post(world.origin, { file: bytes, fileName: "document.pdf" });
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await depositCount()).toBe(before);
    expect(files.countFiles()).toBe(filesBefore);
  });

  it("refuses a 25 MB file while reading it, and a declared oversize body before reading it", async () => {
    const filesBefore = files.countFiles();
    const big = new Uint8Array(25 * 1024 * 1024);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const streamed = await post(world.origin, { file: big });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.message).toBe("Le fichier est trop volumineux : 20 Mo au maximum.");

    let pulled = false;
    const body = new ReadableStream({ pull() { pulled = true; throw new Error("must not be read"); } }, { highWaterMark: 0 });
    signedIn = world.origin;
    const declared = await POST(new Request("http://localhost/api/conventions/depot", {
      method: "POST", body, duplex: "half",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(30 * 1024 * 1024) },
    } as RequestInit));
    expect(declared.status).toBe(413);
    expect(pulled).toBe(false);
    expect(files.countFiles()).toBe(filesBefore);
  });

  it("asks to choose the pupil for an unidentifiable PDF, offering only this school's conventions", async () => {
    const pdf = await anonymousPdf("choix manuel");
    const first = await post(world.origin, { file: pdf });
    expect(first.body).toMatchObject({ outcome: "needs-choice", message: "Non reconnue : choisissez le stagiaire." });

    signedIn = world.origin;
    const listed = await (await listDepositable(new Request("http://localhost/api/conventions/depot/conventions?q=martin"))).json();
    expect(listed.conventions.map((c: { studentName: string }) => c.studentName)).toEqual(["MARTIN Hugo"]);
    const all = await (await listDepositable(new Request("http://localhost/api/conventions/depot/conventions?q="))).json();
    expect(all.conventions.map((c: { id: string }) => c.id).sort()).toEqual([SAMPLE_CONVENTION_ID, SPOOFED_CONVENTION_ID].sort());
    signedIn = world.otherHost;
    const foreign = await (await listDepositable(new Request("http://localhost/api/conventions/depot/conventions?q="))).json();
    expect(foreign.conventions).toEqual([]);

    const chosen = await post(world.origin, { file: pdf, conventionId: SPOOFED_CONVENTION_ID });
    expect(chosen.status).toBe(201);
    expect(chosen.body).toMatchObject({ outcome: "deposited", recognition: "manual", convention: { studentName: "MARTIN Hugo" } });
  });

  it("asks to choose the pupil when a scan's QR code names a convention that does not exist", async () => {
    const pdf = await anonymousPdf("QR inconnu");
    const result = await depositConvention(database.db, {
      depositor: { kind: "user", actor: world.origin },
      bytes: pdf,
      analyze: async (bytes) => ({
        bytes: bytes.length, sha256: sha256Hex(bytes), verdict: "unsigned", conventionId: "00000000-0000-4000-8000-000000000000",
        idSource: "qr-code", recognition: "suggested", signatures: [], problems: [],
      }),
    });
    expect(result).toMatchObject({ outcome: "needs-choice", message: "Non reconnue : choisissez le stagiaire." });
  });

  it("answers « not found » for a pupil of another school chosen by hand", async () => {
    const { status, body } = await post(world.origin, { file: await anonymousPdf("autre école"), conventionId: world.otherSchoolId });
    expect(status).toBe(404);
    expect(body.error.code).toBe("CONVENTION_NOT_FOUND");
    expect(await depositCount(world.otherSchoolId)).toBe(0);
  });

  it("lets a deposit link deposit for its own convention only, without an account", async () => {
    const linkConvention = await insertConvention(database.db, files.store, {
      host: world.host, origin: world.origin, lastName: "Lefèvre", firstName: "Inès", original: await anonymousPdf("original Lefèvre"),
    });
    const token = linkTo(linkConvention);
    const before = await depositCount();

    const otherFile = await post(null, { file: fixture("generated/convention-sample-pdfsig.pdf"), token });
    expect(otherFile.status).toBe(403);
    expect(otherFile.body.error.message).toMatch(/autre stagiaire/);
    const otherChoice = await post(null, { file: await anonymousPdf("lien"), token, conventionId: SPOOFED_CONVENTION_ID });
    expect(otherChoice.status).toBe(403);
    const forged = await post(null, { file: await anonymousPdf("lien"), token: `${token.slice(0, -2)}xx` });
    expect(forged.body.error.code).toBe("DEPOSIT_LINK_INVALID");
    const expired = await post(null, { file: await anonymousPdf("lien"), token: linkTo(linkConvention, new Date(Date.now() - 31 * 86400_000)) });
    expect(expired.body.error.code).toBe("DEPOSIT_LINK_INVALID");
    expect(await post(null, { file: await anonymousPdf("sans lien") })).toMatchObject({ status: 401 });
    expect(await depositCount()).toBe(before);

    const pdf = await anonymousPdf("dépôt par lien");
    const asked = await post(null, { file: pdf, token });
    expect(asked.body).toMatchObject({ outcome: "needs-confirmation", candidate: { id: linkConvention, studentName: "LEFÈVRE Inès" } });
    const done = await post(null, { file: pdf, token, conventionId: linkConvention });
    expect(done.status).toBe(201);
    const [deposit] = await database.db.select().from(deposits).where(eq(deposits.id, done.body.depositId));
    expect(deposit).toMatchObject({ uploadedViaLink: true, uploadedByUserId: null });

    signedIn = null;
    const listed = await (await listDepositable(new Request(`http://localhost/api/conventions/depot/conventions?token=${token}`))).json();
    expect(listed.conventions.map((c: { id: string }) => c.id)).toEqual([linkConvention]);
  });

  it("refuses a deposit on a validated convention", async () => {
    const id = await insertConvention(database.db, files.store, {
      host: world.host, origin: world.origin, lastName: "Roux", firstName: "Noé", original: await anonymousPdf("original Roux"),
    });
    expect((await post(world.origin, { file: await anonymousPdf("Roux 1"), conventionId: id })).status).toBe(201);
    await validateConvention(database.db, { conventionId: id, actor: world.host });
    const filesBefore = files.countFiles();
    const { status, body } = await post(world.origin, { file: await anonymousPdf("Roux 2"), conventionId: id });
    expect(status).toBe(409);
    expect(body.error.code).toBe("CONVENTION_ALREADY_VALIDATED");
    expect(body.error.message).toMatch(/déjà validée/);
    expect(files.countFiles()).toBe(filesBefore);
  });

  it("keeps the stored file when a validation lands between storing and recording; the clean-up removes it a day later", async () => {
    const id = await insertConvention(database.db, files.store, {
      host: world.host, origin: world.origin, lastName: "Blanc", firstName: "Léo", original: await anonymousPdf("original Blanc"),
    });
    expect((await post(world.origin, { file: await anonymousPdf("Blanc 1"), conventionId: id })).status).toBe(201);
    const late = await anonymousPdf("Blanc 2");
    const put = files.store.put.bind(files.store);
    setFileStoreForTests({
      put: async (bytes, type) => {
        const key = await put(bytes, type);
        await validateConvention(database.db, { conventionId: id, actor: world.host });
        return key;
      },
      get: (key) => files.store.get(key),
      has: (key) => files.store.has(key),
      list: () => files.store.list(),
      delete: (key) => files.store.delete(key),
    });
    try {
      const { status, body } = await post(world.origin, { file: late, conventionId: id });
      expect(status).toBe(409);
      expect(body.error.code).toBe("CONVENTION_ALREADY_VALIDATED");
    } finally {
      setFileStoreForTests(files.store);
    }
    expect(await depositCount(id)).toBe(1);
    expect((await conventionRow(database.db, id)).state).toBe("validated");
    // A failing request never deletes: another one may be recording a row for the same bytes.
    const lateKey = `sha256-${sha256Hex(late)}`;
    expect(await files.store.has(lateKey)).toBe(true);
    expect(await removeUnreferencedFiles(database.db, { store: files.store })).toMatchObject({ removed: 0 });
    const dayLater = new Date(Date.now() + UNREFERENCED_FILE_GRACE_MS + 60_000);
    await removeUnreferencedFiles(database.db, { store: files.store, now: dayLater });
    expect(await files.store.has(lateKey)).toBe(false);
    // What rows point at stays: the original and the first deposit.
    const [first] = await database.db.select({ fileKey: deposits.fileKey }).from(deposits).where(eq(deposits.conventionId, id));
    expect(await files.store.has(first.fileKey)).toBe(true);
  });

  it("leaves a consistent state when a deposit races a validation", async () => {
    for (let round = 0; round < 4; round++) {
      const id = await insertConvention(database.db, files.store, {
        host: world.host, origin: world.origin, lastName: `Course${round}`, firstName: "Sam", original: await anonymousPdf(`original ${round}`),
      });
      const first = await post(world.origin, { file: await anonymousPdf(`course ${round} a`), conventionId: id });
      const late = await anonymousPdf(`course ${round} b`);
      signedIn = world.origin;
      const [depositResponse, validation] = await Promise.all([
        POST(depositRequest({ file: late, conventionId: id })),
        validateConvention(database.db, { conventionId: id, actor: world.host }).then(() => "ok", (error: Error) => error.message),
      ]);
      const depositOk = depositResponse.status === 201;
      const depositBody = await depositResponse.json();
      const row = await conventionRow(database.db, id);
      const events = await database.db.select().from(conventionEvents).where(eq(conventionEvents.conventionId, id));

      expect(depositOk || depositBody.error.code === "CONVENTION_ALREADY_VALIDATED").toBe(true);
      expect(depositOk || validation === "ok").toBe(true);
      expect(await depositCount(id)).toBe(depositOk ? 2 : 1);
      expect(events.filter((event) => event.event === "deposit")).toHaveLength(depositOk ? 2 : 1);
      expect(row.currentDepositId).toBe(depositOk ? depositBody.depositId : first.body.depositId);
      expect(row.state).toBe(validation === "ok" ? "validated" : "pending_validation");
      expect(events.some((event) => event.event === "validate")).toBe(validation === "ok");
      // A recorded deposit has its file; a refused one may leave it stored, for the clean-up to remove after 24 h.
      if (depositOk) expect(await files.store.has(`sha256-${sha256Hex(late)}`)).toBe(true);
    }
  });
});
