import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { isStream } from "@/lib/core/pdf-analysis/pdf-objects";
import {
  appendUpdate,
  fieldNumber,
  infoNumber,
  latin1,
  nextObjectNumber,
  objectText,
  openPdf,
  overlayPageOne,
  pageContentNumber,
  pageNumbers,
  rootNumber,
  signIncrementally,
  streamBody,
  withEntries,
} from "@/tests/support/pdf-updates";

// Every file here is built from the convention the portal generates, signed in process like a signing tool would.
const fixtures = path.join(__dirname, "../../fixtures/generated");
const ORIGINAL = readFileSync(path.join(fixtures, "convention-sample.pdf"));
const CONVENTION_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const OTHER_ID = "9d2b7c41-0e5f-4a6b-8c3d-2e1f0a9b8c7d";
const ORIGINAL_SHA256 = createHash("sha256").update(ORIGINAL).digest("hex");
const store = { findOriginalBySha256: async (sha256: string) => (sha256 === ORIGINAL_SHA256 ? CONVENTION_ID : null) };

const analyze = (bytes: Uint8Array) => analyzeConventionPdf(new Uint8Array(bytes), store);

function expectNeverAccepted(analysis: PdfAnalysis): void {
  expect(analysis.recognition).not.toBe("automatic");
  expect(analysis.verdict).not.toBe("signed");
  expect(analysis.problems.length).toBeGreaterThan(0);
}

function expectAutomatic(analysis: PdfAnalysis): void {
  expect(analysis.problems.filter((p) => !p.startsWith("Identité non vérifiée"))).toEqual([]);
  expect(analysis.verdict).toBe("signed");
  expect(analysis.recognition).toBe("automatic");
  expect(analysis.conventionId).toBe(CONVENTION_ID);
  expect(analysis.idSource).toBe("original-hash");
}

const origine = () => fieldNumber(ORIGINAL, "Signature_Origine");
const accueil = () => fieldNumber(ORIGINAL, "Signature_Accueil");
const signOrigine = (bytes: Uint8Array = ORIGINAL) => signIncrementally(bytes, { field: { existing: origine() } });
const OVERLAY = "q 1 1 1 rg 60 700 300 40 re f Q BT /F9 14 Tf 62 712 Td (du 10 au 28 fevrier) Tj ET";
const helvetica = (num: number) => ({ num, body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" });
function xmpOf(bytes: Uint8Array, num: number): string {
  const doc = openPdf(bytes);
  const stream = doc.resolve({ kind: "ref", num, gen: 0 }, doc.latest);
  if (!isStream(stream)) throw new Error("no XMP stream");
  return latin1(doc.tryDecodeStream(stream, doc.latest) as Uint8Array);
}

describe("legitimate signatures of our convention stay signed and automatic", () => {
  it("one signer in an existing field", async () => {
    expectAutomatic(await analyze(await signOrigine()));
  });

  it("two signers, each in its existing field", async () => {
    const first = await signOrigine();
    expectAutomatic(await analyze(await signIncrementally(first, { field: { existing: accueil() } })));
  });

  it("a signer that adds its own small visible field", async () => {
    const signed = await signIncrementally(ORIGINAL, {
      field: { name: "Signature1", pageIndex: 1, rect: [60, 80, 220, 140] },
      appearance: "BT /Helv 9 Tf 4 40 Td (Signe par Principale Test) Tj ET",
    });
    expectAutomatic(await analyze(signed));
  });

  it("a signer that replaces the field's empty appearance and rewrites the one it orphans", async () => {
    const field = origine();
    const oldAppearance = /\/AP\s*<<\s*\/N\s+(\d+)\s+0\s+R/.exec(objectText(ORIGINAL, field))?.[1];
    expect(oldAppearance).toBeDefined();
    const signed = await signIncrementally(ORIGINAL, {
      field: { existing: field },
      appearance: "BT /Helv 9 Tf 4 40 Td (Signe) Tj ET",
      extraObjects: [{ num: Number(oldAppearance), body: streamBody("", "/Type /XObject /Subtype /Form /BBox [0 0 1 1]") }],
    });
    expectAutomatic(await analyze(signed));
  });

  it("poppler's signature in an existing field, alone and followed by two other tools", async () => {
    expectAutomatic(await analyze(readFileSync(path.join(fixtures, "convention-sample-pdfsig.pdf"))));
    expectAutomatic(await analyze(readFileSync(path.join(fixtures, "convention-sample-three-signers.pdf"))));
  });

  it.each([
    ["RSA-PSS with SHA-512", { algorithm: "rsa-pss-sha512" as const }],
    ["ECDSA P-256 with SHA-384", { algorithm: "ecdsa-p256-sha384" as const }],
    ["no signed attributes", { withoutSignedAttributes: true }],
  ])("a signature made with %s", async (_, options) => {
    const analysis = await analyze(await signIncrementally(ORIGINAL, { field: { existing: origine() }, ...options }));
    expect(analysis.signatures[0].integrity).toBe("valid");
    expectAutomatic(analysis);
  });

  it("without the stored original, a signed file is at best suggested", async () => {
    const analysis = await analyzeConventionPdf(new Uint8Array(await signOrigine()));
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).toBe("suggested");
  });
});

describe("changes made before signing", () => {
  it("a page edited over the original, then genuinely signed, is not accepted", async () => {
    const analysis = await analyze(await signOrigine(overlayPageOne(ORIGINAL)));
    expectNeverAccepted(analysis);
    expect(analysis.conventionId).toBe(CONVENTION_ID);
    expect(analysis.problems.join(" ")).toMatch(/page 1 a été modifiée après la génération de la convention/);
  });
});

describe("changes made after signing", () => {
  it("page content redrawn", async () => {
    const analysis = await analyze(overlayPageOne(await signOrigine()));
    expectNeverAccepted(analysis);
    expect(analysis.problems.join(" ")).toMatch(/page 1/);
  });

  it("an existing object turned into the new /Info", async () => {
    const signed = await signOrigine();
    const qr = /\/QR (\d+) 0 R/.exec(objectText(signed, pageNumbers(signed)[0]))?.[1];
    const forged = appendUpdate(signed, [{ num: Number(qr), body: `<< /ConventionId (${OTHER_ID}) /Title (Convention) >>` }], { info: Number(qr) });
    expectNeverAccepted(await analyze(forged));
  });

  it("an existing object turned into the new /Root", async () => {
    const signed = await signOrigine();
    const content = pageContentNumber(signed, 0);
    const catalog = objectText(signed, rootNumber(signed));
    const forged = appendUpdate(signed, [{ num: content, body: catalog }], { root: content });
    expectNeverAccepted(await analyze(forged));
  });

  it("a content stream redefined under a declared /Type /ObjStm", async () => {
    const signed = await signOrigine();
    const content = pageContentNumber(signed, 0);
    const forged = appendUpdate(signed, [{ num: content, body: streamBody(OVERLAY, "/Type /ObjStm /N 0 /First 0") }]);
    expectNeverAccepted(await analyze(forged));
  });

  it("an empty signature field added over the page", async () => {
    const signed = await signOrigine();
    const page = pageNumbers(signed)[0];
    const next = nextObjectNumber(signed);
    const acroForm = /\/AcroForm (\d+) 0 R/.exec(objectText(signed, rootNumber(signed)))?.[1];
    const forged = appendUpdate(signed, [
      { num: next, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Cachet) /Rect [0 0 595 842] /P ${page} 0 R /F 4 /AP << /N ${next + 1} 0 R >> >>` },
      { num: next + 1, body: streamBody("1 1 1 rg 0 0 595 842 re f", "/Type /XObject /Subtype /Form /BBox [0 0 595 842]") },
      { num: Number(acroForm), body: objectText(signed, Number(acroForm)).replace(/\/Fields\s*\[/, `/Fields [ ${next} 0 R`) },
      { num: page, body: objectText(signed, page).includes("/Annots") ? objectText(signed, page).replace(/\/Annots\s*\[/, `/Annots [ ${next} 0 R`) : withEntries(objectText(signed, page), `/Annots [ ${next} 0 R ]`) },
    ]);
    const analysis = await analyze(forged);
    expectNeverAccepted(analysis);
    expect(analysis.problems.join(" ")).toMatch(/champ de signature vide a été ajouté par-dessus la page/);
  });

  it("a new signed field whose appearance covers the page", async () => {
    const signed = await signIncrementally(await signOrigine(), {
      field: { name: "Signature2", pageIndex: 0, rect: [0, 0, 595, 842] },
      appearance: "1 1 1 rg 0 0 595 842 re f",
    });
    expect((await analyze(signed)).recognition).not.toBe("automatic");
  });

  it("a new signed field carrying an action", async () => {
    const signed = await signIncrementally(await signOrigine(), {
      field: { name: "Signature2", pageIndex: 1, rect: [60, 80, 220, 140] },
      widgetEntries: "/AA << /PO << /S /JavaScript /JS (app.alert(1)) >> >>",
    });
    expect((await analyze(signed)).recognition).not.toBe("automatic");
  });

  it("a signature's appearance redrawn in a revision that adds no signature", async () => {
    const signed = await signIncrementally(ORIGINAL, { field: { existing: origine() }, appearance: "BT /Helv 9 Tf 4 40 Td (Signe) Tj ET" });
    const appearance = /\/AP\s*<<\s*\/N\s+(\d+)\s+0\s+R/.exec(objectText(signed, origine()))?.[1];
    const forged = appendUpdate(signed, [{ num: Number(appearance), body: streamBody("1 1 1 rg 0 0 400 400 re f BT /Helv 9 Tf 4 40 Td (Bon pour accord) Tj ET", "/Type /XObject /Subtype /Form /BBox [0 0 400 400]") }]);
    expectNeverAccepted(await analyze(forged));
  });

  it("the XMP metadata rewritten with another convention id", async () => {
    const signed = await signOrigine();
    const metadata = /\/Metadata (\d+) 0 R/.exec(objectText(signed, rootNumber(signed)))?.[1];
    const xmp = xmpOf(signed, Number(metadata)).replaceAll(CONVENTION_ID, OTHER_ID);
    const forged = appendUpdate(signed, [{ num: Number(metadata), body: streamBody(xmp, "/Type /Metadata /Subtype /XML") }]);
    expectNeverAccepted(await analyze(forged));
  });

  it("a second signature that also overwrites an object the pages use", async () => {
    const first = await signOrigine();
    const qr = /\/QR (\d+) 0 R/.exec(objectText(first, pageNumbers(first)[0]))?.[1];
    const sneaky = await signIncrementally(first, {
      field: { existing: accueil() },
      extraObjects: [{ num: Number(qr), body: streamBody("0 0 0 rg 0 0 45 45 re f", "/Type /XObject /Subtype /Form /BBox [0 0 45 45]") }],
    });
    const analysis = await analyze(sneaky);
    expectNeverAccepted(analysis);
    expect(analysis.problems.join(" ")).toMatch(/page 1 a été modifiée/);
  });

  it("a signature update whose catalog also gains an action to run at opening", async () => {
    const signed = await signIncrementally(ORIGINAL, {
      field: { existing: origine() },
      catalogEntries: "/OpenAction << /S /JavaScript /JS (this.print()) >>",
    });
    // The signature covers the action, so the signature itself stays intact; the file is only suggested, with the reason.
    const analysis = await analyze(signed);
    expect(analysis.recognition).not.toBe("automatic");
    expect(analysis.problems.join(" ")).toMatch(/catalogue/);
  });

  it("the Info convention id changed", async () => {
    const signed = await signOrigine();
    const info = infoNumber(signed);
    const forged = appendUpdate(signed, [{ num: info, body: objectText(signed, info).replace(/\/ConventionId\s*\([^)]*\)/, `/ConventionId (${OTHER_ID})`) }]);
    expectNeverAccepted(await analyze(forged));
  });
});

describe("what another reader could read differently", () => {
  async function hiddenUpdate(options: Parameters<typeof appendUpdate>[2]): Promise<PdfAnalysis> {
    const signed = await signOrigine();
    const content = pageContentNumber(signed, 0);
    // The body redefines page 1's content, but the xref does not list it: a lenient reader finds it by scanning.
    return analyze(appendUpdate(signed, [{ num: content, body: streamBody(OVERLAY) }], { unlisted: [content], ...options }));
  }

  it("an object in an update body that its xref does not list", async () => {
    const analysis = await hiddenUpdate({});
    expectNeverAccepted(analysis);
    expect(analysis.problems.join(" ")).toMatch(/qu'aucune table ne déclare/);
  });

  it("a comment where startxref's offset should be", async () => {
    expectNeverAccepted(await hiddenUpdate({ startxrefText: (offset) => `%${offset}\n${offset}` }));
    const signed = await signOrigine();
    const analysis = await analyze(appendUpdate(signed, [], { startxrefText: (offset) => `${offset} % fin` }));
    expectNeverAccepted(analysis);
  });

  it("the same object written twice in one update, the xref naming the harmless copy", async () => {
    const signed = await signOrigine();
    const content = pageContentNumber(signed, 0);
    const harmless = objectText(signed, content);
    const forged = appendUpdate(signed, [{ num: content, body: streamBody(OVERLAY) }, { num: content, body: harmless }]);
    const analysis = await analyze(forged);
    expectNeverAccepted(analysis);
  });

  it("a hybrid xref whose /XRefStm disagrees with the table", async () => {
    const signed = await signOrigine();
    const content = pageContentNumber(signed, 0);
    const harmless = objectText(signed, content);
    const doc = openPdf(signed);
    const trailer = doc.revisions[doc.latest].trailer;
    const size = Number(trailer.entries.get("Size"));
    const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(signed.subarray(signed.length - 64)))?.[1];
    const parts: Buffer[] = [Buffer.from(signed), Buffer.from("\n")];
    let length = signed.length + 1;
    const write = (text: string | Buffer) => {
      const chunk = typeof text === "string" ? Buffer.from(text, "latin1") : text;
      parts.push(chunk);
      length += chunk.length;
    };
    const tableCopy = length;
    write(`${content} 0 obj\n${harmless}\nendobj\n`);
    const streamCopy = length;
    write(`${content} 0 obj\n${streamBody(OVERLAY)}\nendobj\n`);
    const xrefStreamNum = size;
    const row = Buffer.alloc(7);
    row.writeUInt8(1, 0);
    row.writeUInt32BE(streamCopy, 1);
    row.writeUInt16BE(0, 5);
    const xrefStreamAt = length;
    write(`${xrefStreamNum} 0 obj\n<< /Type /XRef /Size ${size + 1} /W [1 4 2] /Index [${content} 1] /Length ${row.length} >>\nstream\n`);
    write(row);
    write("\nendstream\nendobj\n");
    const xrefAt = length;
    write(`xref\n0 1\n0000000000 65535 f \n${content} 1\n${String(tableCopy).padStart(10, "0")} 00000 n \n${xrefStreamNum} 1\n${String(xrefStreamAt).padStart(10, "0")} 00000 n \n`);
    write(`trailer\n<< /Size ${size + 1} /Root ${rootNumber(signed)} 0 R /Info ${infoNumber(signed)} 0 R /Prev ${prev} /XRefStm ${xrefStreamAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    const analysis = await analyze(Buffer.concat(parts));
    expectNeverAccepted(analysis);
    expect(analysis.problems.join(" ")).toMatch(/se contredisent|aucune table ne déclare/);
  });

  it("long padding after %%EOF", async () => {
    const signed = await signOrigine();
    const analysis = await analyze(Buffer.concat([signed, Buffer.from(" ".repeat(200))]));
    expectNeverAccepted(analysis);
    expectAutomatic(await analyze(Buffer.concat([signed, Buffer.from("\r\n")])));
  });
});

describe("one identity, read as a person sees it", () => {
  it("a footer id split by an invisible glyph while Info, field and XMP name another convention", async () => {
    // Another convention's file: Info, hidden field and XMP name OTHER_ID; every footer shows CONVENTION_ID with a hidden glyph inside.
    let bytes: Uint8Array = ORIGINAL;
    const info = infoNumber(bytes);
    const field = fieldNumber(bytes, "convention_id");
    const objects = [
      { num: info, body: objectText(bytes, info).replace(/\/ConventionId\s*\([^)]*\)/, `/ConventionId (${OTHER_ID})`) },
      { num: field, body: objectText(bytes, field).replace(CONVENTION_ID, OTHER_ID) },
    ];
    const metadata = Number(/\/Metadata (\d+) 0 R/.exec(objectText(bytes, rootNumber(bytes)))?.[1]);
    objects.push({ num: metadata, body: streamBody(xmpOf(bytes, metadata).replaceAll(CONVENTION_ID, OTHER_ID), "/Type /Metadata /Subtype /XML") });
    const next = nextObjectNumber(bytes);
    objects.push(helvetica(next));
    pageNumbers(bytes).forEach((page, i) => {
      const footer = `BT /F9 8 Tf 50 20 Td (Convention n\\260 ${CONVENTION_ID.slice(0, 8)}) Tj 3 Tr (x) Tj 0 Tr (${CONVENTION_ID.slice(8)} \\227 page ${i + 1}/2) Tj ET`;
      objects.push({ num: next + 1 + i, body: streamBody(footer) });
      objects.push({ num: page, body: objectText(bytes, page).replace(/\/Contents\s*(\[[^\]]*\]|\d+ \d+ R)/, `/Contents ${next + 1 + i} 0 R`).replace("/Font <<", `/Font << /F9 ${next} 0 R`) });
    });
    bytes = appendUpdate(bytes, objects);
    const analysis = await analyzeConventionPdf(new Uint8Array(bytes), { scanImagesForQrCode: false });
    expect(analysis.recognition).toBe("manual");
    expect(analysis.conventionId).toBeNull();
    expect(analysis.problems.join(" ")).toMatch(/plusieurs numéros de convention/);
  });

  it("a signed PDF that is not a convention, carrying only an Info /ConventionId", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 842]);
    page.drawText("Attestation", { x: 50, y: 780, size: 20, font: await pdf.embedFont(StandardFonts.Helvetica) });
    (pdf as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of("ConventionId"), PDFString.of(CONVENTION_ID));
    pdf.catalog.set(PDFName.of("AcroForm"), pdf.context.register(pdf.context.obj({ Fields: [], SigFlags: 3 })));
    const bytes = await pdf.save({ useObjectStreams: false });
    const signed = await signIncrementally(bytes, { field: { name: "Signature1", pageIndex: 0, rect: [50, 50, 200, 100] } });
    const analysis = await analyze(signed);
    expect(analysis.verdict).toBe("signed");
    expect(analysis.recognition).not.toBe("automatic");
  });
});
