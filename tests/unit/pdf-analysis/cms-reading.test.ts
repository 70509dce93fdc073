import "reflect-metadata";
import { createHash, webcrypto } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { AnalysisBudget, DEFAULT_ANALYSIS_LIMITS } from "@/lib/core/pdf-analysis/analysis-budget";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import { readCertificateFields, type CertificateFields } from "@/lib/core/pdf-analysis/certificate-fields";
import { parseCmsSignature, readSignedData, verifyCmsSignature } from "@/lib/core/pdf-analysis/cms-signature";
import { decodeOid, derTime, readDerElement } from "@/lib/core/pdf-analysis/der-reader";
import { PdfDocument } from "@/lib/core/pdf-analysis/pdf-document";
import { findSignatureFields } from "@/lib/core/pdf-analysis/signature-fields";
import { describeSigner, describeSignerFields, describeSignerWithX509 } from "@/lib/core/pdf-analysis/signer-certificate";
import { fieldNumber, signIncrementally } from "@/tests/support/pdf-updates";

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

/** End of the first element of `bytes` (the CMS, before the zero padding of /Contents); -1 when it cannot be delimited. */
const elementEnd = (bytes: Uint8Array) => readDerElement(bytes, 0)?.end ?? -1;

/** The whole CMS as pkijs reads it, or null when pkijs refuses it. */
function pkijsSignedData(padded: Uint8Array): pkijs.SignedData | null {
  const end = elementEnd(padded);
  const parsed = asn1js.fromBER(end > 0 ? padded.subarray(0, end) : padded);
  if (parsed.offset === -1) return null;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    return contentInfo.contentType === "1.2.840.113549.1.7.2" ? new pkijs.SignedData({ schema: contentInfo.content }) : null;
  } catch {
    return null;
  }
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("hex");

function octets(value: asn1js.OctetString): string {
  if (!value.idBlock.isConstructed) return hex(value.valueBlock.valueHexView);
  return (value.valueBlock.value as asn1js.OctetString[]).map(octets).join("");
}

describe("CMS read element by element", () => {
  const contents = signatureContents();

  it("gives what pkijs reads, for every signature of the fixtures pkijs reads", () => {
    let compared = 0;
    for (const { file, field, contents: padded } of contents) {
      const whole = pkijsSignedData(padded);
      if (!whole) continue;
      compared++;
      const read = readSignedData(padded.subarray(0, elementEnd(padded)));
      const expected = {
        eContentType: whole.encapContentInfo.eContentType,
        eContent: whole.encapContentInfo.eContent ? octets(whole.encapContentInfo.eContent) : null,
        certificates: (whole.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map((c) => hex(c.toSchema().toBER())),
        signers: whole.signerInfos.map((signer) => ({
          digest: signer.digestAlgorithm.algorithmId,
          algorithm: signer.signatureAlgorithm.algorithmId,
          parameters: signer.signatureAlgorithm.algorithmParams ? hex(signer.signatureAlgorithm.algorithmParams.toBER()) : null,
          signature: octets(signer.signature),
          signed: signer.signedAttrs ? hex(signer.signedAttrs.encodedValue) : null,
          signedTypes: signer.signedAttrs?.attributes.map((attribute) => attribute.type) ?? [],
          unsignedTypes: signer.unsignedAttrs?.attributes.map((attribute) => attribute.type) ?? [],
        })),
      };
      const actual = read && {
        eContentType: read.eContentType,
        eContent: read.eContent ? hex(read.eContent) : null,
        certificates: read.certificatesDer.map(hex),
        signers: read.signerInfos.map((signer) => ({
          digest: signer.digestAlgorithm.oid,
          algorithm: signer.signatureAlgorithm.oid,
          parameters: signer.signatureAlgorithm.parameters ? hex(signer.signatureAlgorithm.parameters) : null,
          signature: hex(signer.signature),
          signed: signer.signedAttributes ? hex(signer.signedAttributes.encoded) : null,
          signedTypes: signer.signedAttributes?.attributes.map((attribute) => attribute.oid) ?? [],
          unsignedTypes: signer.unsignedAttributes.map((attribute) => attribute.oid),
        })),
      };
      expect({ file, field, read: actual }).toEqual({ file, field, read: expected });
    }
    expect(compared).toBeGreaterThan(contents.length * 0.9);
  });

  it("reads every signature the fixtures carry that pkijs reads, and refuses what is not a SignedData", () => {
    const notSignedData = [
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05),
      Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00),
      new Uint8Array(0),
    ];
    for (const bytes of notSignedData) expect(readSignedData(bytes)).toBeNull();
    for (const { contents: padded } of contents) {
      if (pkijsSignedData(padded)) expect(readSignedData(padded.subarray(0, elementEnd(padded)))).not.toBeNull();
    }
  });
});

/** Every signer certificate (DER and its fields) of every signed fixture, with the CMS' signing time as pkijs reads it. */
function signerCertificates() {
  const out: { file: string; field: string; der: Uint8Array; fields: CertificateFields | null }[] = [];
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
        out.push({ file: path.relative(fixtures, file), field: field.fieldName, der: result.signerCertificateDer, fields: result.signerFields });
      }
    }
  }
  return out;
}

describe("signer certificate", () => {
  const certificates = signerCertificates();

  it("finds signer certificates in the fixtures", () => {
    expect(certificates.length).toBeGreaterThan(30);
  });

  it("reads the signer's identity exactly as @peculiar/x509 does", async () => {
    for (const { file, field, der, fields } of certificates) {
      let expected: unknown;
      try {
        expected = await describeSignerWithX509(der);
      } catch {
        expected = "unreadable by @peculiar/x509";
      }
      let actual: unknown;
      try {
        actual = await describeSigner(der, fields);
      } catch {
        actual = "unreadable by @peculiar/x509";
      }
      expect({ file, field, identity: actual }).toEqual({ file, field, identity: expected });
    }
  });

  it("needs @peculiar/x509 only for unusual certificates", () => {
    const fallbacks = certificates.filter(({ fields }) => !fields || describeSignerFields(fields) === null);
    expect(fallbacks.length).toBeLessThanOrEqual(certificates.length / 10);
  });

  it("reads serial, names, validity, key and extensions as pkijs does", () => {
    for (const { file, field, der, fields } of certificates) {
      const certificate = pkijs.Certificate.fromBER(Uint8Array.from(der));
      const expected = {
        serial: hex(certificate.serialNumber.valueBlock.valueHexView),
        issuer: hex(certificate.issuer.toSchema().toBER()),
        subject: hex(certificate.subject.toSchema().toBER()),
        subjectTypes: certificate.subject.typesAndValues.map((attribute) => attribute.type),
        notBefore: certificate.notBefore.value.toISOString(),
        notAfter: certificate.notAfter.value.toISOString(),
        key: hex(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
        extensions: (certificate.extensions ?? []).map((extension) => [extension.extnID, extension.critical, hex(extension.extnValue.valueBlock.valueHexView)]),
      };
      const actual = fields && {
        serial: hex(fields.serial),
        issuer: hex(fields.issuer),
        subject: hex(fields.subject),
        subjectTypes: fields.subjectAttributes.map((attribute) => attribute.oid),
        notBefore: fields.notBefore?.toISOString(),
        notAfter: fields.notAfter?.toISOString(),
        key: hex(fields.publicKeyBits),
        extensions: fields.extensions.map((extension) => [extension.oid, extension.critical, hex(extension.value)]),
      };
      expect({ file, field, certificate: actual }).toEqual({ file, field, certificate: expected });
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
      expect(await describeSigner(der, readCertificateFields(der))).toEqual(await describeSignerWithX509(der));
    }
  });
});

describe("DER times and object identifiers", () => {
  const element = (tag: number, text: string) => {
    const bytes = Buffer.concat([Buffer.from([tag, text.length]), Buffer.from(text, "latin1")]);
    return derTime(new Uint8Array(bytes), { tag, start: 0, contentStart: 2, contentEnd: bytes.length, end: bytes.length });
  };

  it("reads UTCTime with the 1950–2049 window and GeneralizedTime with fractions and offsets", () => {
    expect(element(0x17, "491231235959Z")?.toISOString()).toBe("2049-12-31T23:59:59.000Z");
    expect(element(0x17, "500101000000Z")?.toISOString()).toBe("1950-01-01T00:00:00.000Z");
    expect(element(0x18, "20261203101530.25Z")?.toISOString()).toBe("2026-12-03T10:15:30.250Z");
    expect(element(0x18, "20261203101530+0100")?.toISOString()).toBe("2026-12-03T09:15:30.000Z");
    expect(element(0x18, "2026120310Z")?.toISOString()).toBe("2026-12-03T10:00:00.000Z");
  });

  it("refuses malformed times", () => {
    expect(element(0x17, "261303101530Z")).toBeNull();
    expect(element(0x18, "2026-12-03")).toBeNull();
    expect(element(0x04, "20261203101530Z")).toBeNull();
  });

  it("decodes OIDs, large arcs included, and refuses truncated ones", () => {
    expect(decodeOid(Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02))).toBe("1.2.840.113549.1.7.2");
    expect(decodeOid(Uint8Array.of(0x55, 0x1d, 0x0f))).toBe("2.5.29.15");
    expect(decodeOid(Uint8Array.of(0x88, 0x37, 0x03))).toBe("2.999.3");
    expect(decodeOid(Uint8Array.of(0x2a, 0x86))).toBeNull();
    expect(decodeOid(new Uint8Array(0))).toBeNull();
  });
});

describe("element length (the zero padding of /Contents is not parsed)", () => {
  it("delimits definite and indefinite lengths", () => {
    expect(elementEnd(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05, 0, 0, 0))).toBe(5);
    expect(elementEnd(Uint8Array.of(0x30, 0x81, 0x03, 0x02, 0x01, 0x05, 0))).toBe(6);
    expect(elementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0, 0))).toBe(7);
    expect(elementEnd(Uint8Array.of(0x30, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00))).toBe(8);
  });

  it("gives up (and the whole value is parsed) when the element cannot be delimited", () => {
    expect(elementEnd(Uint8Array.of(0x30, 0x05, 0x02, 0x01))).toBe(-1);
    expect(elementEnd(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x05))).toBe(-1);
    expect(elementEnd(Uint8Array.of(0x04, 0x80, 0x00, 0x00))).toBe(-1);
    expect(elementEnd(Uint8Array.of(0x30, 0x85, 1, 0, 0, 0, 0))).toBe(-1);
    expect(elementEnd(new Uint8Array(0))).toBe(-1);
  });
});

describe("forged signature structures on our own convention", () => {
  const generated = path.join(fixtures, "generated");
  const original = readFileSync(path.join(generated, "convention-sample.pdf"));
  const conventionId = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
  const originalSha256 = createHash("sha256").update(original).digest("hex");
  const analyze = (bytes: Uint8Array) =>
    analyzeConventionPdf(new Uint8Array(bytes), { findOriginalBySha256: async (sha256) => (sha256 === originalSha256 ? conventionId : null) });

  /** Our convention signed in Signature_Origine, and its CMS rewritten by `forge` in place (same /Contents size). */
  async function signedThenForged(forge: (signedData: pkijs.SignedData) => void): Promise<Buffer> {
    const signed = await signIncrementally(original, { field: { existing: fieldNumber(original, "Signature_Origine") } });
    const text = signed.toString("latin1");
    const start = text.lastIndexOf("/Contents <") + "/Contents <".length;
    const end = text.indexOf(">", start);
    const padded = new Uint8Array(Buffer.from(text.slice(start, end), "hex"));
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(padded.subarray(0, elementEnd(padded))).result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    forge(signedData);
    const forged = new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false);
    const hex = Buffer.from(forged).toString("hex").toUpperCase().padEnd(end - start, "0");
    const out = Buffer.from(signed);
    out.write(hex, start, "latin1");
    return out;
  }

  const expectRefused = (analysis: Awaited<ReturnType<typeof analyze>>, reason: string) => {
    expect(analysis.verdict).not.toBe("signed");
    expect(analysis.recognition).not.toBe("automatic");
    expect(JSON.stringify(analysis)).toContain(reason);
  };

  it("still recognises the signed convention automatically once its CMS is re-encoded unchanged", async () => {
    const analysis = await analyze(await signedThenForged(() => {}));
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).toBe("automatic");
  });

  it("refuses a second signer info slipped next to the genuine one", async () => {
    const analysis = await analyze(await signedThenForged((data) => {
      data.signerInfos.push(new pkijs.SignerInfo({ schema: data.signerInfos[0].toSchema() }));
    }));
    expectRefused(analysis, "nombre inattendu de signataires");
  });

  it("refuses signed attributes without their content type", async () => {
    const analysis = await analyze(await signedThenForged((data) => {
      const attributes = data.signerInfos[0].signedAttrs!;
      attributes.attributes = attributes.attributes.filter((attribute) => attribute.type !== "1.2.840.113549.1.9.3");
    }));
    expectRefused(analysis, "attributs obligatoires");
  });

  it("refuses a message digest that is not the digest of the signed bytes", async () => {
    const analysis = await analyze(await signedThenForged((data) => {
      const digest = data.signerInfos[0].signedAttrs!.attributes.find((attribute) => attribute.type === "1.2.840.113549.1.9.4")!;
      digest.values = [new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(7) })];
    }));
    expectRefused(analysis, "modifié après la signature");
  });

  it("refuses a signature value that the signer's key did not make", async () => {
    const analysis = await analyze(await signedThenForged((data) => {
      const value = new Uint8Array(data.signerInfos[0].signature.valueBlock.valueHexView);
      value[value.length - 1] ^= 0x01;
      data.signerInfos[0].signature = new asn1js.OctetString({ valueHex: value });
    }));
    expectRefused(analysis, "ne correspond pas au certificat du signataire");
  });

  it("refuses a signature whose signer certificate was taken out", async () => {
    const analysis = await analyze(await signedThenForged((data) => {
      data.certificates = [];
    }));
    expectRefused(analysis, "certificat du signataire est absent");
  });
});
