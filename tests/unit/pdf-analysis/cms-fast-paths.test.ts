import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { AnalysisBudget, DEFAULT_ANALYSIS_LIMITS } from "@/lib/core/pdf-analysis/analysis-budget";
import {
  berElementEnd,
  parseCmsSignature,
  readSignedDataCompletely,
  readSignedDataQuickly,
  readUsualSignedData,
  verifyCmsSignature,
} from "@/lib/core/pdf-analysis/cms-signature";
import { PdfDocument } from "@/lib/core/pdf-analysis/pdf-document";
import { findSignatureFields } from "@/lib/core/pdf-analysis/signature-fields";
import { describeParsedSigner, describeSigner, describeSignerWithX509 } from "@/lib/core/pdf-analysis/signer-certificate";

const fixtures = path.join(__dirname, "../../fixtures");

function pdfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pdfFiles(full);
    return name.endsWith(".pdf") ? [full] : [];
  });
}

/** Every /Contents of every signature field of the fixtures. */
function signatureContents() {
  const out: { file: string; field: string; contents: Uint8Array; subFilter: string | null }[] = [];
  for (const file of pdfFiles(fixtures)) {
    try {
      const doc = new PdfDocument(new Uint8Array(readFileSync(file)), new AnalysisBudget(DEFAULT_ANALYSIS_LIMITS));
      for (const field of findSignatureFields(doc, doc.latest)) {
        if (field.contents) out.push({ file: path.relative(fixtures, file), field: field.fieldName, contents: field.contents.bytes, subFilter: field.subFilter });
      }
    } catch {
      // unreadable fixture: no signature to compare
    }
  }
  return out;
}

describe("SignedData of the usual shape", () => {
  const contents = signatureContents();

  it("is read by pkijs part by part exactly as pkijs reads it whole", () => {
    let usual = 0;
    const encoded = (signedData: pkijs.SignedData) => signedData.toJSON();
    for (const { file, field, contents: padded } of contents) {
      const bytes = padded.subarray(0, berElementEnd(padded));
      const parsed = asn1js.fromBER(bytes);
      if (parsed.offset === -1) continue;
      let content: unknown;
      try {
        const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
        if (contentInfo.contentType !== "1.2.840.113549.1.7.2") continue;
        content = contentInfo.content;
      } catch {
        continue;
      }
      let whole: unknown;
      try {
        whole = encoded(new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(bytes).result }).content }));
      } catch {
        whole = "rejected";
      }
      let partByPart: unknown;
      try {
        const signedData = readUsualSignedData(content);
        if (!signedData) continue;
        partByPart = encoded(signedData);
        usual++;
      } catch {
        partByPart = "rejected";
      }
      expect({ file, field, signedData: partByPart }).toEqual({ file, field, signedData: whole });
    }
    expect(usual).toBeGreaterThan(contents.length * 0.9);
  });

  it("locates the parts without parsing the certificates, and reads them as the complete reading does", () => {
    let quick = 0;
    for (const { file, field, contents: padded } of contents) {
      const bytes = padded.subarray(0, berElementEnd(padded));
      let located: ReturnType<typeof readSignedDataQuickly> = null;
      try {
        located = readSignedDataQuickly(bytes);
      } catch {
        located = null;
      }
      if (!located) continue;
      quick++;
      const complete = readSignedDataCompletely(bytes);
      expect(complete).not.toBeNull();
      const parts = (data: pkijs.SignedData) => ({
        version: data.version,
        digestAlgorithms: data.digestAlgorithms.map((algorithm) => Buffer.from(algorithm.toSchema().toBER()).toString("hex")),
        encapContentInfo: Buffer.from(data.encapContentInfo.toSchema().toBER()).toString("hex"),
        signerInfos: data.signerInfos.map((signerInfo) => ({
          version: signerInfo.version,
          digest: signerInfo.digestAlgorithm.algorithmId,
          algorithm: signerInfo.signatureAlgorithm.algorithmId,
          signature: Buffer.from(signerInfo.signature.valueBlock.valueHexView).toString("hex"),
          signedAttributes: signerInfo.signedAttrs ? Buffer.from(signerInfo.signedAttrs.encodedValue).toString("hex") : null,
          unsignedAttributes: signerInfo.unsignedAttrs?.attributes.map((attribute) => attribute.type) ?? null,
        })),
      });
      expect({ file, field, ...parts(located.signedData) }).toEqual({ file, field, ...parts(complete!.signedData) });
      expect(located.certificatesDer.map((der) => Buffer.from(der).toString("hex"))).toEqual(complete!.certificatesDer.map((der) => Buffer.from(der).toString("hex")));
    }
    expect(quick).toBeGreaterThan(contents.length * 0.9);
  });

  it("leaves other shapes to pkijs as a whole", () => {
    const integer = new asn1js.Integer({ value: 1 });
    const set = new asn1js.Set({ value: [] });
    const encap = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] });
    const crls = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [] });
    const attributeCertificates = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 2 }, value: [] })] });
    expect(readUsualSignedData(new asn1js.Sequence({ value: [integer, set, encap, crls, set] }))).toBeNull();
    expect(readUsualSignedData(new asn1js.Sequence({ value: [integer, set, encap, attributeCertificates, set] }))).toBeNull();
    expect(readUsualSignedData(new asn1js.Sequence({ value: [integer, set, encap, set, set, set] }))).toBeNull();
    expect(readUsualSignedData(new asn1js.Set({ value: [integer, set, encap, set] }))).toBeNull();
    expect(readUsualSignedData(new asn1js.Sequence({ value: [integer, set, set, set] }))).toBeNull();
  });
});

/** Every signer certificate (DER and as pkijs parsed it) of every signed fixture. */
function signerCertificates() {
  const out: { file: string; field: string; der: Uint8Array; parsed: ReturnType<typeof verifyCmsSignature>["signerCertificate"] }[] = [];
  for (const file of pdfFiles(fixtures)) {
    let doc: PdfDocument;
    try {
      doc = new PdfDocument(new Uint8Array(readFileSync(file)), new AnalysisBudget(DEFAULT_ANALYSIS_LIMITS));
    } catch {
      continue;
    }
    let fields;
    try {
      fields = findSignatureFields(doc, doc.latest);
    } catch {
      continue;
    }
    for (const field of fields) {
      if (!field.contents) continue;
      const parsed = parseCmsSignature(field.contents.bytes, field.subFilter);
      if (!parsed.ok) continue;
      const result = verifyCmsSignature(parsed.cms, new Uint8Array(32), () => new Uint8Array());
      if (result.signerCertificateDer) {
        out.push({ file: path.relative(fixtures, file), field: field.fieldName, der: result.signerCertificateDer, parsed: result.signerCertificate });
      }
    }
  }
  return out;
}

describe("signer identity", () => {
  const certificates = signerCertificates();

  it("finds signer certificates in the fixtures", () => {
    expect(certificates.length).toBeGreaterThan(30);
  });

  it("reads from the certificate pkijs parsed exactly what @peculiar/x509 reads", async () => {
    for (const { file, field, der, parsed } of certificates) {
      let expected: unknown;
      try {
        expected = await describeSignerWithX509(der);
      } catch {
        expected = "unreadable by @peculiar/x509";
      }
      let actual: unknown;
      try {
        actual = await describeSigner(der, parsed);
      } catch {
        actual = "unreadable by @peculiar/x509";
      }
      expect({ file, field, identity: actual }).toEqual({ file, field, identity: expected });
    }
  });

  it("needs @peculiar/x509 only for unusual certificates", () => {
    const fallbacks = certificates.filter(({ parsed }) => !parsed || describeParsedSigner(parsed) === null);
    expect(fallbacks.length).toBeLessThanOrEqual(certificates.length / 10);
  });

  it("hands each signer certificate to pkijs as sent, not re-encoded", () => {
    for (const { der, parsed } of certificates) {
      expect(parsed).not.toBeNull();
      expect(Buffer.from(der).equals(Buffer.from(parsed!.toSchema().toBER()))).toBe(true);
    }
  });
});

describe("signer identity of unusual certificates", () => {
  it("matches @peculiar/x509 for an issuer without common name, a subject e-mail, two common names", async () => {
    const crypto = webcrypto as unknown as Crypto;
    x509.cryptoProvider.set(crypto);
    const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
    const keys = await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"]);
    for (const name of ["O=Lycée sans nom commun, C=FR", "CN=Secrétariat, O=Lycée, E=secretariat@example.org", "CN=Trois, CN=Deux"]) {
      const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: "80ff01",
        name,
        notBefore: new Date("2026-01-01T00:00:00Z"),
        notAfter: new Date("2049-12-31T23:59:59Z"),
        keys,
        signingAlgorithm: algorithm,
      });
      const der = new Uint8Array(certificate.rawData);
      const parsed = pkijs.Certificate.fromBER(der);
      expect(await describeSigner(der, parsed)).toEqual(await describeSignerWithX509(der));
    }
  });
});

describe("BER element length (the zero padding of /Contents is not parsed)", () => {
  it("delimits definite and indefinite lengths", () => {
    expect(berElementEnd(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05, 0, 0, 0))).toBe(5);
    expect(berElementEnd(Uint8Array.of(0x30, 0x81, 0x03, 0x02, 0x01, 0x05, 0))).toBe(6);
    expect(berElementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0, 0))).toBe(7);
    expect(berElementEnd(Uint8Array.of(0x30, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00))).toBe(8);
  });

  it("gives up (and the whole value is parsed) when the element cannot be delimited", () => {
    expect(berElementEnd(Uint8Array.of(0x30, 0x05, 0x02, 0x01))).toBe(-1);
    expect(berElementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05))).toBe(-1);
    expect(berElementEnd(Uint8Array.of(0x04, 0x80, 0x00, 0x00))).toBe(-1);
    expect(berElementEnd(Uint8Array.of(0x30, 0x85, 1, 0, 0, 0, 0))).toBe(-1);
    expect(berElementEnd(new Uint8Array(0))).toBe(-1);
  });
});
