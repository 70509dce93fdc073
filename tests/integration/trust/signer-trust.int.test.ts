import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { count, eq } from "drizzle-orm";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { conventions, deposits, pinnedSignerKeys, trustAnchors } from "@/db/schema";
import { findPinnedSignersFor, listPinnedSigners, listTrustAnchors } from "@/db/queries/signer-trust";
import type { Actor } from "@/lib/core/auth/actor";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import { judgeKnownSigner } from "@/lib/core/trust/judge-known-signer";
import { depositConvention, type AnalyzePdf, type ComparePdf } from "@/lib/server/deposits/deposit-convention";
import type { FileStore } from "@/lib/server/files/file-store";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { importTrustAnchors } from "@/lib/server/trust/import-trust-anchors";
import { pinSignerKey } from "@/lib/server/trust/pin-signer-key";
import { removePinnedSigner } from "@/lib/server/trust/remove-pinned-signer";
import { removeTrustAnchor } from "@/lib/server/trust/remove-trust-anchor";
import { fieldNumber, signIncrementally, testSigner, type CustomSigner } from "../../support/pdf-updates";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createGeneratedConvention } from "../mail/mail-fixtures";
import { tempFileStore } from "../deposits/deposit-fixtures";

jest.setTimeout(120_000);
process.env.AUTH_SECRET ??= "secret-de-test-pour-les-liens";

const RSA: RsaHashedKeyGenParams = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

type MadeCertificate = { certificate: x509.X509Certificate; signer: CustomSigner };

async function keys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function selfSigned(name: string, isAuthority = false): Promise<MadeCertificate> {
  const pair = await keys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: isAuthority ? "0a" : "1c",
    name,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingAlgorithm: RSA,
    keys: pair,
    extensions: isAuthority
      ? [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)]
      : [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
  });
  return { certificate, signer: { certificateDer: certificate.rawData, privateKey: pair.privateKey } };
}

async function issuedBy(authority: MadeCertificate, name: string): Promise<MadeCertificate> {
  const pair = await keys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: "2b",
    subject: name,
    issuer: authority.certificate.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingAlgorithm: RSA,
    publicKey: pair.publicKey,
    signingKey: authority.signer.privateKey,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return { certificate, signer: { certificateDer: certificate.rawData, privateKey: pair.privateKey, chainDer: [authority.certificate.rawData] } };
}

/** A .p7b: a PKCS#7 SignedData that carries certificates only. */
function pkcs7Bundle(ders: ArrayBuffer[]): Uint8Array {
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    certificates: ders.map((der) => new pkijs.Certificate({ schema: asn1js.fromBER(der).result })),
    signerInfos: [],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

const noComparison = (async () => null) as unknown as ComparePdf;

describe.each(testDrivers())("trust anchors and known signers on %s", (driver) => {
  let database: TestDatabase;
  let store: FileStore;
  let host: Actor;
  let otherHost: Actor;
  let origin: Actor;
  let otherOrigin: Actor;
  let authority: MadeCertificate;
  let secondAuthority: MadeCertificate;
  let academySigner: MadeCertificate;
  let principal: MadeCertificate;
  let principalNewKey: MadeCertificate;
  /** The trust options each analysis received, in order. */
  const analysedWith: Array<{ anchors: number; pins: string[] }> = [];
  const analyze: AnalyzePdf = async (bytes, options) => {
    analysedWith.push({ anchors: options?.trustAnchors?.length ?? 0, pins: (options?.pinnedKeys ?? []).map((pin) => pin.spkiSha256) });
    return analyzeConventionPdf(bytes, options);
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    store = tempFileStore().store;
    setFileStoreForTests(store);
    await testSigner(); // sets the crypto engines of @peculiar/x509 and pkijs
    host = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Victor Hugo" });
    otherHost = await createSchoolWithUser(database.db, { role: "host_admin", name: "Lycée Condorcet" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Jean Moulin" });
    otherOrigin = await createSchoolWithUser(database.db, { role: "origin_staff", name: "Collège Louise Michel" });
    authority = await selfSigned("CN=Autorité Académie Test, O=Rectorat Test", true);
    secondAuthority = await selfSigned("CN=Autre Autorité Test, O=Rectorat Voisin", true);
    academySigner = await issuedBy(authority, "CN=Mme Directrice Académique, O=Collège Jean Moulin");
    principal = await selfSigned("CN=M. Principal Moulin, O=Collège Jean Moulin");
    principalNewKey = await selfSigned("CN=M. Principal Moulin, O=Collège Jean Moulin");
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    await database.close();
  });

  const anchorCount = async (schoolId?: string) => {
    const [row] = await database.db.select({ n: count() }).from(trustAnchors)
      .where(schoolId ? eq(trustAnchors.schoolId, schoolId) : undefined);
    return row.n;
  };

  /** A new convention of `hostActor` for a pupil of `originActor`, signed in its origin field and deposited by its origin school. */
  async function depositSigned(hostActor: Actor, originActor: Actor, signer: MadeCertificate, lastName: string) {
    const { conventionId } = await createGeneratedConvention(database.db, hostActor, originActor, lastName);
    const [row] = await database.db.select({ key: conventions.originalFileKey }).from(conventions).where(eq(conventions.id, conventionId));
    const original = await store.get(row.key);
    const signed = await signIncrementally(original, { field: { existing: fieldNumber(original, "Signature_Origine") }, signer: signer.signer });
    const result = await depositConvention(database.db, {
      depositor: { kind: "user", actor: originActor }, bytes: new Uint8Array(signed), analyze, compare: noComparison,
    });
    expect(result).toMatchObject({ outcome: "deposited", recognition: "automatic" });
    const [stored] = await database.db.select({ analysis: deposits.analysis }).from(deposits).where(eq(deposits.conventionId, conventionId));
    const analysis = stored.analysis as PdfAnalysis;
    const signature = analysis.signatures.find((candidate) => candidate.field === "Signature_Origine")!;
    return { conventionId, analysis, signature };
  }

  it("imports a PEM certificate and lists it with subject, issuer, validity, fingerprint, who and when", async () => {
    const result = await importTrustAnchors(database.db, host, new TextEncoder().encode(authority.certificate.toString("pem")));
    expect(result).toEqual({ added: ["CN=Autorité Académie Test, O=Rectorat Test"], alreadyPresent: [] });
    const [listed] = await listTrustAnchors(database.db, host);
    expect(listed).toMatchObject({
      subject: "CN=Autorité Académie Test, O=Rectorat Test",
      issuer: "CN=Autorité Académie Test, O=Rectorat Test",
      fingerprintSha256: Buffer.from(await authority.certificate.getThumbprint("SHA-256")).toString("hex"),
      addedByName: host.name,
    });
    expect(listed.notAfter.getTime()).toBe(authority.certificate.notAfter.getTime());
  });

  it("counts a certificate already there (DER) and imports the new ones of a .p7b bundle", async () => {
    expect(await importTrustAnchors(database.db, host, new Uint8Array(authority.certificate.rawData)))
      .toEqual({ added: [], alreadyPresent: ["CN=Autorité Académie Test, O=Rectorat Test"] });
    const bundle = pkcs7Bundle([authority.certificate.rawData, secondAuthority.certificate.rawData]);
    expect(await importTrustAnchors(database.db, host, bundle))
      .toEqual({ added: ["CN=Autre Autorité Test, O=Rectorat Voisin"], alreadyPresent: ["CN=Autorité Académie Test, O=Rectorat Test"] });
    expect((await listTrustAnchors(database.db, host)).map((anchor) => anchor.subject)).toEqual([
      "CN=Autorité Académie Test, O=Rectorat Test", "CN=Autre Autorité Test, O=Rectorat Voisin",
    ]);
  });

  it.each([
    ["an empty file", () => new Uint8Array(0), "vide"],
    ["a text file", () => new TextEncoder().encode("Ceci n'est pas un certificat.\n"), "pas un certificat lisible"],
    ["a certificate cut short", () => new Uint8Array(authority.certificate.rawData.slice(0, 200)), "pas un certificat lisible"],
    ["a PEM whose body is damaged", () => new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nMIIB$$$\n-----END CERTIFICATE-----\n"), "pas un certificat lisible"],
    ["a private key", () => new TextEncoder().encode("-----BEGIN PRIVATE KEY-----\nMIIBVQ==\n-----END PRIVATE KEY-----\n"), "clé privée"],
    ["a .p7b bundle cut short", () => {
      const bundle = pkcs7Bundle([secondAuthority.certificate.rawData, principal.certificate.rawData]);
      return bundle.slice(0, bundle.length - 40);
    }, "pas un certificat lisible"],
  ])("refuses %s with a French message and stores nothing", async (_label, bytes, message) => {
    const before = await anchorCount();
    await expect(importTrustAnchors(database.db, host, bytes())).rejects.toMatchObject({
      code: "CERTIFICATE_INVALID", userMessage: expect.stringContaining(message),
    });
    expect(await anchorCount()).toBe(before);
  });

  it("keeps anchors to their school: another host never sees nor removes them, origin staff cannot import", async () => {
    expect(await listTrustAnchors(database.db, otherHost)).toEqual([]);
    const [first] = await listTrustAnchors(database.db, host);
    await expect(removeTrustAnchor(database.db, otherHost, first.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(importTrustAnchors(database.db, origin, new Uint8Array(authority.certificate.rawData))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await anchorCount(host.schoolId)).toBe(2);
    expect(await anchorCount(origin.schoolId)).toBe(0);
  });

  it("judges a deposit with the host school's anchors: a chain to an imported authority is trusted there, and nowhere else", async () => {
    analysedWith.length = 0;
    const { signature } = await depositSigned(host, origin, academySigner, "Anchor");
    // An origin school's file: first read without settings, then again with the host school's once recognised.
    expect(analysedWith).toEqual([{ anchors: 0, pins: [] }, { anchors: 2, pins: [] }]);
    expect(signature.trust).toBe("trusted");
    expect(signature.checks?.find((check) => check.name === "chain")).toMatchObject({ result: "ok", detail: expect.stringContaining("Autorité Académie Test") });

    const elsewhere = await depositSigned(otherHost, origin, academySigner, "Ailleurs");
    expect(elsewhere.signature.trust).toBe("untrusted");
    expect(elsewhere.signature.checks?.find((check) => check.name === "chain")?.result).toBe("failed");
  });

  it("removes an anchor of the host's own school", async () => {
    const [, second] = await listTrustAnchors(database.db, host);
    expect(await removeTrustAnchor(database.db, host, second.id)).toEqual({ subject: "CN=Autre Autorité Test, O=Rectorat Voisin" });
    expect((await listTrustAnchors(database.db, host)).map((anchor) => anchor.subject)).toEqual(["CN=Autorité Académie Test, O=Rectorat Test"]);
    await expect(removeTrustAnchor(database.db, host, second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pins a signer for the origin school; the same key later shows « Signataire connu », elsewhere a warning, a new key « nouveau certificat »", async () => {
    const first = await depositSigned(host, origin, principal, "Premier");
    expect(first.signature.trust).toBe("self-signed");
    const key = first.signature.signerKeySha256!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    await expect(pinSignerKey(database.db, origin, { conventionId: first.conventionId, field: "Signature_Origine", signerKeySha256: key }))
      .rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pinSignerKey(database.db, otherHost, { conventionId: first.conventionId, field: "Signature_Origine", signerKeySha256: key }))
      .rejects.toMatchObject({ code: "CONVENTION_NOT_FOUND" });
    await expect(pinSignerKey(database.db, host, { conventionId: first.conventionId, field: "Signature_Origine", signerKeySha256: "ab".repeat(32) }))
      .rejects.toMatchObject({ code: "SIGNER_NOT_TRUSTABLE" });
    const [pinCount] = await database.db.select({ n: count() }).from(pinnedSignerKeys);
    expect(pinCount.n).toBe(0);

    expect(await pinSignerKey(database.db, host, { conventionId: first.conventionId, field: "Signature_Origine", signerKeySha256: key }))
      .toEqual({ signerName: "M. Principal Moulin", originSchoolName: "Collège Jean Moulin", wasAlreadyKnown: false });
    expect((await pinSignerKey(database.db, host, { conventionId: first.conventionId, field: "Signature_Origine", signerKeySha256: key })).wasAlreadyKnown).toBe(true);
    const [pin] = await database.db.select().from(pinnedSignerKeys);
    expect(pin).toMatchObject({ hostSchoolId: host.schoolId, originSchoolId: origin.schoolId, spkiSha256: key, pinnedByUserId: host.userId, conventionId: first.conventionId });
    expect(Buffer.from(pin.certificateDer).equals(Buffer.from(principal.certificate.rawData))).toBe(true);

    // The convention it was pinned from: judged now against the current pins.
    const pins = await findPinnedSignersFor(database.db, host, { keys: [key], names: ["M. Principal Moulin"] });
    expect(judgeKnownSigner(first.signature, origin.schoolId, pins)).toMatchObject({
      kind: "known", signerName: "M. Principal Moulin", originSchoolName: "Collège Jean Moulin",
    });

    // A second convention signed with the same key: the analysis itself says so.
    analysedWith.length = 0;
    const second = await depositSigned(host, origin, principal, "Second");
    expect(analysedWith.at(-1)?.pins).toEqual([key]);
    expect(second.signature.trust).toBe("pinned");
    expect(second.signature.checks?.find((check) => check.name === "chain")).toMatchObject({
      result: "ok", detail: expect.stringContaining("Signataire connu : M. Principal Moulin, certificat accepté le"),
    });
    expect(judgeKnownSigner(second.signature, origin.schoolId, pins).kind).toBe("known");

    // The same key on another origin school's convention: a warning, not « connu ».
    const foreign = await depositSigned(host, otherOrigin, principal, "Ailleurs");
    expect(judgeKnownSigner(foreign.signature, otherOrigin.schoolId, pins)).toMatchObject({
      kind: "other-school", originSchoolNames: ["Collège Jean Moulin"], canTrust: true,
    });

    // Another key under the same name.
    const renewed = await depositSigned(host, origin, principalNewKey, "Renouvele");
    expect(renewed.signature.trust).toBe("self-signed");
    const renewedPins = await findPinnedSignersFor(database.db, host, { keys: [renewed.signature.signerKeySha256!], names: ["M. Principal Moulin"] });
    expect(judgeKnownSigner(renewed.signature, origin.schoolId, renewedPins)).toMatchObject({ kind: "new-certificate", signerName: "M. Principal Moulin" });
  });

  it("keeps pins to their host school: another host neither sees, uses nor removes them", async () => {
    const [pin] = await listPinnedSigners(database.db, host);
    expect(pin).toMatchObject({ signerName: "M. Principal Moulin", originSchoolName: "Collège Jean Moulin", pinnedByName: host.name });
    expect(await listPinnedSigners(database.db, otherHost)).toEqual([]);
    expect(await findPinnedSignersFor(database.db, otherHost, { keys: [pin.spkiSha256], names: [pin.signerName] })).toEqual([]);
    expect(await findPinnedSignersFor(database.db, origin, { keys: [pin.spkiSha256], names: [pin.signerName] })).toEqual([]);
    await expect(removePinnedSigner(database.db, otherHost, pin.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    analysedWith.length = 0;
    const elsewhere = await depositSigned(otherHost, origin, principal, "Condorcet");
    expect(analysedWith.at(-1)?.pins).toEqual([]);
    expect(elsewhere.signature.trust).toBe("self-signed");

    expect(await removePinnedSigner(database.db, host, pin.id)).toEqual({ signerName: "M. Principal Moulin" });
    expect(await listPinnedSigners(database.db, host)).toEqual([]);
  });
});
