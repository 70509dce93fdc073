import "reflect-metadata";
import { createHash, webcrypto, X509Certificate as NodeCertificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import type { SignatureAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { spkiSha256 } from "@/lib/core/pdf-analysis/signature-checks";
import { fieldNumber, signIncrementally, timestampToken, type CustomSigner } from "@/tests/support/pdf-updates";

// Certificates made by the tests; every file is our generated convention signed in its Signature_Origine field.
const ORIGINAL = new Uint8Array(readFileSync(path.join(__dirname, "../../fixtures/generated/convention-sample.pdf")));
const thirdParty = path.join(__dirname, "../../fixtures/third-party");
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

async function keys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
}

interface Made {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function authority(name: string): Promise<Made> {
  const pair = await keys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "0a",
    name,
    notBefore: new Date(Date.now() - 365 * DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    signingAlgorithm: RSA,
    keys: pair,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { certificate, keys: pair };
}

async function person(options: { name?: string; notBefore?: Date; notAfter?: Date; usages?: number; extendedUsages?: string[]; issuer?: Made } = {}): Promise<Made> {
  const pair = await keys();
  const name = options.name ?? "CN=Principale Test, O=Collège des Tests";
  const extensions: x509.Extension[] = [new x509.KeyUsagesExtension(options.usages ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)];
  if (options.extendedUsages) extensions.push(new x509.ExtendedKeyUsageExtension(options.extendedUsages));
  const common = {
    serialNumber: "2b",
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: RSA,
    extensions,
  };
  const certificate = options.issuer
    ? await x509.X509CertificateGenerator.create({ ...common, subject: name, issuer: options.issuer.certificate.subject, publicKey: pair.publicKey, signingKey: options.issuer.keys.privateKey })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys: pair });
  return { certificate, keys: pair };
}

function signerOf(made: Made, extra: Partial<CustomSigner> = {}): CustomSigner {
  return { certificateDer: made.certificate.rawData, privateKey: made.keys.privateKey, ...extra };
}

async function signedBy(signer: CustomSigner, options: Parameters<typeof analyzeConventionPdf>[1] = {}): Promise<SignatureAnalysis> {
  const bytes = await signIncrementally(ORIGINAL, { field: { existing: fieldNumber(ORIGINAL, "Signature_Origine") }, signer });
  const analysis = await analyzeConventionPdf(new Uint8Array(bytes), { scanImagesForQrCode: false, ...options });
  expect(analysis.verdict).toBe("signed");
  return analysis.signatures[0];
}

function check(signature: SignatureAnalysis, name: string) {
  const found = signature.checks?.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check`);
  return found;
}

describe("the checks of a signature, as Acrobat lists them", () => {
  it("all good but the chain for a self-made ID, and revocation not checked offline", async () => {
    const signature = await signedBy(signerOf(await person()));
    expect(signature.trust).toBe("self-signed");
    expect(check(signature, "integrity").result).toBe("ok");
    expect(check(signature, "chain").result).toBe("failed");
    expect(check(signature, "validity")).toMatchObject({ result: "ok", detail: expect.stringContaining("déclarée par le signataire") });
    expect(check(signature, "key-usage").result).toBe("ok");
    expect(check(signature, "timestamp").result).toBe("not-checked");
    expect(check(signature, "revocation")).toMatchObject({ result: "not-checked", detail: expect.stringContaining("hors ligne") });
  });

  it("a certificate expired at signing time", async () => {
    const signature = await signedBy(signerOf(await person({ notBefore: new Date(Date.now() - 730 * DAY), notAfter: new Date(Date.now() - 365 * DAY) })));
    expect(check(signature, "validity")).toMatchObject({ result: "failed", detail: expect.stringContaining("expiré") });
  });

  it("a certificate not yet valid at signing time", async () => {
    const signature = await signedBy(signerOf(await person({ notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 400 * DAY) })));
    expect(check(signature, "validity")).toMatchObject({ result: "failed", detail: expect.stringContaining("pas encore valide") });
  });

  it("a key usage that does not allow signing, and an extended usage reserved to servers", async () => {
    const encipherOnly = await signedBy(signerOf(await person({ usages: x509.KeyUsageFlags.keyEncipherment })));
    expect(check(encipherOnly, "key-usage").result).toBe("failed");
    const serverOnly = await signedBy(signerOf(await person({ extendedUsages: ["1.3.6.1.5.5.7.3.1"] })));
    expect(check(serverOnly, "key-usage").result).toBe("failed");
    const mail = await signedBy(signerOf(await person({ extendedUsages: ["1.3.6.1.5.5.7.3.4"] })));
    expect(check(mail, "key-usage").result).toBe("ok");
  });

  it("a chain to an imported anchor is trusted; without the anchor it is not", async () => {
    const ca = await authority("CN=Autorité du rectorat de test");
    const signer = signerOf(await person({ issuer: ca }));
    const anchored = await signedBy(signer, { trustAnchors: [new Uint8Array(ca.certificate.rawData)] });
    expect(anchored.trust).toBe("trusted");
    expect(check(anchored, "chain")).toMatchObject({ result: "ok", detail: expect.stringContaining("Autorité du rectorat de test") });
    const other = await authority("CN=Autre autorité");
    const unanchored = await signedBy(signer, { trustAnchors: [new Uint8Array(other.certificate.rawData)] });
    expect(unanchored.trust).toBe("untrusted");
    expect(check(unanchored, "chain").result).toBe("failed");
    // Same name as the real authority, another key: the chain's signatures decide, not the names.
    const impostor = await authority("CN=Autorité du rectorat de test");
    const forged = await signedBy(signer, { trustAnchors: [new Uint8Array(impostor.certificate.rawData)] });
    expect(forged.trust).toBe("untrusted");
  });

  it("a pinned key is known; another key under the same name is not", async () => {
    const made = await person();
    const key = spkiSha256(new NodeCertificate(Buffer.from(made.certificate.rawData)));
    const pinned = await signedBy(signerOf(made), { pinnedKeys: [{ spkiSha256: key, label: "Principale Test" }] });
    expect(pinned.trust).toBe("pinned");
    expect(pinned.signerKeySha256).toBe(key);
    expect(check(pinned, "chain")).toMatchObject({ result: "ok", detail: expect.stringContaining("Signataire connu") });
    const sameName = await signedBy(signerOf(await person()), { pinnedKeys: [{ spkiSha256: key }] });
    expect(sameName.trust).toBe("self-signed");
    expect(sameName.signerKeySha256).not.toBe(key);
  });

  it("a timestamp over the signature gives the signing time; one with a wrong imprint fails", async () => {
    const tsa = await person({ name: "CN=Horodatage de test", extendedUsages: ["1.3.6.1.5.5.7.3.8"] });
    const tsaKeys = { certificateDer: tsa.certificate.rawData, privateKey: tsa.keys.privateKey };
    const at = new Date(Date.now() - 3600_000);
    const good = await signedBy(signerOf(await person(), {
      timestamp: (signatureValue) => timestampToken(new Uint8Array(createHash("sha256").update(signatureValue).digest()), tsaKeys, at),
    }));
    expect(check(good, "timestamp").result).toBe("ok");
    expect(check(good, "validity").detail).toContain("horodatée");
    const wrong = await signedBy(signerOf(await person(), {
      timestamp: () => timestampToken(new Uint8Array(createHash("sha256").update("autre chose").digest()), tsaKeys, at),
    }));
    expect(check(wrong, "timestamp").result).toBe("failed");
    expect(check(wrong, "validity").detail).toContain("déclarée par le signataire");
  });
});

describe("checks of published files with timestamps and embedded revocation data", () => {
  it("a PAdES-LTA file: signature timestamps valid, revocation from its DSS", async () => {
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(thirdParty, "pyhanko__pades-lta-dss-indirect-arrs-test-2.pdf"))));
    const approvals = analysis.signatures.filter((s) => !s.isTimestamp);
    expect(approvals.length).toBeGreaterThan(0);
    for (const signature of approvals) {
      expect(check(signature, "timestamp").result).toBe("ok");
      expect(check(signature, "revocation").result).toBe("ok");
    }
  });

  it("a document timestamp then a signature", async () => {
    const analysis = await analyzeConventionPdf(new Uint8Array(readFileSync(path.join(thirdParty, "dss__timestamped_and_signed.pdf"))));
    const timestamp = analysis.signatures.find((s) => s.isTimestamp);
    expect(timestamp && check(timestamp, "timestamp").result).toBe("ok");
    expect(timestamp && check(timestamp, "key-usage").result).toBe("ok");
    const approval = analysis.signatures.find((s) => !s.isTimestamp);
    expect(approval && check(approval, "integrity").result).toBe("ok");
  });
});
