import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AnnotationFlags,
  type PDFArray,
  PDFDict,
  PDFDocument,
  type PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFSignature,
  PDFString,
} from "pdf-lib";
import { buildSampleConventionInput } from "@/lib/core/convention-pdf/build-sample-convention-input";
import type { ConventionPdfInput } from "@/lib/core/convention-pdf/convention-pdf-input";
import { generateConventionPdf as generateWithFonts } from "@/lib/core/convention-pdf/generate-convention-pdf";
import { readConventionFonts } from "@/lib/server/conventions/read-convention-fonts";
import { decodeQrCode } from "./decode-qr-code";
import { renderPagesGray } from "./render-pages-gray";
import { runTool } from "./run-tool";

const conventionId = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const uuidBytesHex = "3F2B8C1E5D4A4E6B9C7D1A2B3C4D5E6F";
const signatureFieldNames = ["Signature_Accueil", "Signature_Origine", "Signature_Responsable"];
// Rendering pages at 150 dpi and scanning them for a QR code takes seconds on a busy machine.
const renderingTimeout = 120_000;

const generateConventionPdf = (input: ConventionPdfInput) => generateWithFonts(input, readConventionFonts());

let workDir: string;
let plainBytes: Uint8Array;
let stampedBytes: Uint8Array;
let plainPath: string;
let stampedPath: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "convention-pdf-"));
  plainBytes = await generateConventionPdf(buildSampleConventionInput({ conventionId }));
  stampedBytes = await generateConventionPdf(buildSampleConventionInput({ conventionId, withStamps: true }));
  plainPath = path.join(workDir, "plain.pdf");
  stampedPath = path.join(workDir, "stamped.pdf");
  writeFileSync(plainPath, plainBytes);
  writeFileSync(stampedPath, stampedBytes);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function pageCountOf(pdfPath: string): number {
  const info = runTool("pdfinfo", [pdfPath]);
  return Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
}

function extractText(pdfPath: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  const result = runTool("pdftotext", [...range, "-enc", "UTF-8", pdfPath, "-"]);
  expect(result.status).toBe(0);
  return result.stdout.replace(/\u00a0/g, " ");
}

describe("generateConventionPdf: structure", () => {
  it.each([
    ["without stamps", () => plainPath],
    ["with stamps", () => stampedPath],
  ])("passes qpdf --check (%s)", (_label, pdfPath) => {
    const result = runTool("qpdf", ["--check", pdfPath()]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("No syntax or stream encoding errors found");
  });

  it("is saved with a classic cross-reference table and no object streams, so signers can append", () => {
    const text = Buffer.from(plainBytes).toString("latin1");
    expect(text.startsWith("%PDF-1.7")).toBe(true);
    expect(text).toMatch(/\nxref\n0 \d+\n/);
    expect(text).not.toContain("/ObjStm");
    expect(text).not.toContain("/XRefStm");
    expect(text.match(/%%EOF/g)).toHaveLength(1);
  });

  it("embeds subsets of its fonts only", () => {
    const result = runTool("pdffonts", [plainPath]);
    const rows = result.stdout.split("\n").slice(2).filter((line) => line.trim());
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      // Columns: name type encoding emb sub uni object ID.
      expect(row).toMatch(/\+DejaVuSans(-Bold)?\s.*\byes\s+yes\s+yes\b/);
    }
  });

  it("stays under 80 KB, with or without stamps", () => {
    expect(plainBytes.length).toBeLessThanOrEqual(80 * 1024);
    expect(stampedBytes.length).toBeLessThanOrEqual(80 * 1024);
  });

  it("gives the same bytes for the same input, and different bytes when the input changes", async () => {
    const again = await generateConventionPdf(buildSampleConventionInput({ conventionId }));
    expect(Buffer.compare(Buffer.from(again), Buffer.from(plainBytes))).toBe(0);
    const later = await generateConventionPdf({
      ...buildSampleConventionInput({ conventionId }),
      generatedAt: new Date("2025-01-21T09:15:00Z"),
    });
    expect(Buffer.compare(Buffer.from(later), Buffer.from(plainBytes))).not.toBe(0);
  });

  it("gives each of several conventions generated at once the same bytes as when generated alone", async () => {
    const ids = ["0f4c2a6e-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", conventionId];
    const inputs = ids.map((id, index) => buildSampleConventionInput({ conventionId: id, withStamps: index === 1 }));
    const together = await Promise.all(inputs.map((input) => generateConventionPdf(input)));
    for (const [index, input] of inputs.entries()) {
      const alone = await generateConventionPdf(input);
      expect(Buffer.compare(Buffer.from(together[index]), Buffer.from(alone))).toBe(0);
    }
    expect(Buffer.compare(Buffer.from(together[2]), Buffer.from(plainBytes))).toBe(0);
  });

  it("refuses an id that is not a UUID", async () => {
    const input = buildSampleConventionInput({ conventionId: "convention-42" });
    await expect(generateConventionPdf(input)).rejects.toThrow(/UUID/);
  });
});

describe("generateConventionPdf: identity channels", () => {
  it("prints `Convention n° <uuid> — page n/N` in the footer of every page", () => {
    const pageCount = pageCountOf(plainPath);
    expect(pageCount).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pageCount; page++) {
      expect(extractText(plainPath, page)).toContain(`Convention n° ${conventionId} — page ${page}/${pageCount}`);
    }
  });

  it("stores the id in the Info dictionary under /ConventionId", async () => {
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    const value = info.lookup(PDFName.of("ConventionId"));
    expect(value).toBeInstanceOf(PDFString);
    expect((value as PDFString).decodeText()).toBe(conventionId);
  });

  it("stores the id in the XMP metadata stream, readable by poppler", async () => {
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const stream = doc.context.lookup(doc.catalog.get(PDFName.of("Metadata")));
    if (!(stream instanceof PDFRawStream)) throw new Error("no metadata stream in the catalog");
    expect(stream.dict.get(PDFName.of("Subtype"))).toBe(PDFName.of("XML"));
    const xmp = Buffer.from(stream.getContents()).toString("utf8");
    expect(xmp).toContain(`<conv:ConventionId>${conventionId}</conv:ConventionId>`);
    expect(xmp).toContain(`<dc:identifier>urn:uuid:${conventionId}</dc:identifier>`);
    expect(runTool("pdfinfo", ["-meta", plainPath]).stdout).toContain(conventionId);
  });

  it("escapes the school's name in the XMP packet so that it stays well-formed XML", async () => {
    const base = buildSampleConventionInput({ conventionId });
    const bytes = await generateConventionPdf({ ...base, hostSchool: { ...base.hostSchool, name: "Lycée Arts & Métiers <Sud>\u0007" } });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const stream = doc.context.lookup(doc.catalog.get(PDFName.of("Metadata")));
    if (!(stream instanceof PDFRawStream)) throw new Error("no metadata stream in the catalog");
    const xmp = Buffer.from(stream.getContents()).toString("utf8");
    expect(xmp).toContain("Lycée Arts &#38; Métiers &#60;Sud&#62;</rdf:li>");
    expect(xmp).not.toMatch(/&(?!#\d+;)|\u0007/);
  });

  it("uses the UUID's 16 bytes as the first element of the trailer /ID", async () => {
    const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(Buffer.from(plainBytes).toString("latin1"))?.[1];
    expect(trailer).toMatch(new RegExp(`/ID\\s*\\[\\s*<${uuidBytesHex}>`, "i"));
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const id = doc.context.trailerInfo.ID as PDFArray;
    const first = id.get(0) as PDFHexString;
    expect(Buffer.from(first.asBytes()).toString("hex").toUpperCase()).toBe(uuidBytesHex);
  });

  it("carries a hidden read-only text field convention_id holding the UUID", async () => {
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const field = doc.getForm().getTextField("convention_id");
    expect(field.getText()).toBe(conventionId);
    expect(field.isReadOnly()).toBe(true);
    const widgets = field.acroField.getWidgets();
    expect(widgets).toHaveLength(1);
    expect(widgets[0].hasFlag(AnnotationFlags.Hidden)).toBe(true);
    const acroform = runTool("qpdf", ["--json", "--json-key=acroform", plainPath]);
    expect(acroform.stdout).toContain(`"value": "u:${conventionId}"`);
  });

  it("shows a QR code with the deep link on every page, readable from a 150 dpi grey rendering", () => {
    const pages = renderPagesGray(plainPath, workDir, 150);
    expect(pages).toHaveLength(pageCountOf(plainPath));
    for (const page of pages) {
      expect(decodeQrCode(page)).toBe(`http://localhost:3000/conventions/${conventionId}`);
    }
  }, renderingTimeout);

  it("builds the deep link from the configured application URL", async () => {
    const input = buildSampleConventionInput({ conventionId, appUrl: "https://conventions.lycee-exemple.fr/" });
    const pdfPath = path.join(workDir, "custom-url.pdf");
    writeFileSync(pdfPath, await generateConventionPdf(input));
    const [firstPage] = renderPagesGray(pdfPath, workDir, 150);
    expect(decodeQrCode(firstPage)).toBe(`https://conventions.lycee-exemple.fr/conventions/${conventionId}`);
  }, renderingTimeout);
});

describe("generateConventionPdf: content", () => {
  it("writes the parties, the stage and the articles in French, accents included", () => {
    const text = extractText(plainPath).replace(/\s+/g, " ");
    for (const expected of [
      "CONVENTION DE MINI-STAGE",
      "ÉTABLISSEMENT D'ACCUEIL",
      "Lycée polyvalent Marie-Curie",
      "Mme Hélène Garçon-Lefèvre",
      "Collège Jean-Moulin",
      "M. François Dubœuf",
      "Nom : BÉRÉZÉ",
      "Prénom : Maëlys",
      "Né(e) le : 03-11-2010",
      "Classe : 3e B",
      "Mme Noémie Bérézé",
      "noemie.bereze@exemple.fr",
      "Bac pro Métiers de l'électricité",
      "mardi 11-02-2025",
      "de 8 h 30 à 16 h 30",
      "Atelier d'électrotechnique, bâtiment C, salle C104",
      "M. Rémi Castaing",
      "Article 3 – Assurance et responsabilité civile",
      "Article 4 – Trajets",
      "Article 5 – Restauration",
      "Article 6 – Sécurité et accident",
      "Article 7 – Discipline",
      "Article 8 – Confidentialité",
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe("generateConventionPdf: signature fields and stamps", () => {
  it("has the three empty signature fields on the signature boxes, so a reader offers to sign there", async () => {
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const form = doc.getForm();
    const signatures = form.getFields().filter((field) => field instanceof PDFSignature);
    expect(signatures.map((field) => field.getName()).sort()).toEqual([...signatureFieldNames].sort());
    const lastPage = doc.getPages()[doc.getPageCount() - 1];
    const lastPageAnnots = lastPage.node.Annots();
    for (const field of signatures) {
      const dict = field.acroField.dict;
      expect(dict.get(PDFName.of("FT"))).toBe(PDFName.of("Sig"));
      expect(dict.has(PDFName.of("V"))).toBe(false);
      const [widget] = field.acroField.getWidgets();
      const rect = widget.getRectangle();
      expect(rect.width).toBeGreaterThan(100);
      expect(rect.height).toBeGreaterThan(40);
      expect(widget.hasFlag(AnnotationFlags.Print)).toBe(true);
      expect(lastPageAnnots?.asArray().map(String)).toContain(String(field.ref));
    }
    const sigFlags = form.acroForm.dict.lookup(PDFName.of("SigFlags"), PDFNumber);
    expect(sigFlags.asNumber() & 1).toBe(1);

    const pdfsig = runTool("pdfsig", [plainPath]);
    for (const name of signatureFieldNames) expect(pdfsig.stdout).toContain(`Signature Field Name: ${name}`);
    expect(pdfsig.stdout.match(/The signature form field is not signed\./g)).toHaveLength(3);
  });

  it("places the boxes from left to right: host school, origin school, legal guardian", async () => {
    const doc = await PDFDocument.load(plainBytes, { updateMetadata: false });
    const xOf = (name: string) => doc.getForm().getField(name).acroField.getWidgets()[0].getRectangle().x;
    expect(xOf("Signature_Accueil")).toBeLessThan(xOf("Signature_Origine"));
    expect(xOf("Signature_Origine")).toBeLessThan(xOf("Signature_Responsable"));
  });

  async function imagesOnPages(bytes: Uint8Array): Promise<number> {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    let count = 0;
    for (const page of doc.getPages()) {
      const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
      for (const [, ref] of xObjects?.entries() ?? []) {
        const object = doc.context.lookup(ref);
        if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) count++;
      }
    }
    return count;
  }

  it("stamps no image when no school has a signature image", async () => {
    expect(await imagesOnPages(plainBytes)).toBe(0);
  });

  it("stamps each school's signature image (PNG and JPEG) when defined", async () => {
    expect(await imagesOnPages(stampedBytes)).toBe(2);
  });

  it("stamps, as uploaded, a JPEG flavour its own decoder cannot read (arithmetic coding)", async () => {
    const stamped = buildSampleConventionInput({ conventionId, withStamps: true });
    const jpeg = stamped.originSchool.signatureImage!.bytes.slice();
    const frame = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0);
    jpeg[frame + 1] = 0xc9;
    const input: ConventionPdfInput = {
      ...stamped,
      hostSchool: { ...stamped.hostSchool, signatureImage: null },
      originSchool: { ...stamped.originSchool, signatureImage: { bytes: jpeg, type: "jpeg" } },
    };
    const bytes = await generateConventionPdf(input);
    expect(await imagesOnPages(bytes)).toBe(1);
    expect(Buffer.from(bytes).includes(Buffer.from(jpeg))).toBe(true);
  });

  it("stamps only the school that has a signature image", async () => {
    const stamped = buildSampleConventionInput({ conventionId, withStamps: true });
    const hostOnly: ConventionPdfInput = { ...stamped, originSchool: { ...stamped.originSchool, signatureImage: null } };
    expect(await imagesOnPages(await generateConventionPdf(hostOnly))).toBe(1);
  });
});

describe("generateConventionPdf: long values", () => {
  it("wraps long names and addresses and carries the footer and QR code onto every extra page", async () => {
    const base = buildSampleConventionInput({ conventionId, withStamps: true });
    const input: ConventionPdfInput = {
      ...base,
      hostSchool: {
        ...base.hostSchool,
        name: "Lycée polyvalent des métiers de l'hôtellerie, de la restauration et du tourisme Saint-Exupéry-et-Jean-Baptiste-de-La-Salle",
        address: "Bâtiment administratif B, 1245 boulevard du Maréchal-de-Lattre-de-Tassigny, zone d'activités des Quatre-Chemins",
      },
      originSchool: { ...base.originSchool, headName: null, address: null },
      student: { ...base.student, lastName: "de Saint-Exupéry-Montmorency-Laval", firstName: "Anne-Charlotte-Éléonore" },
      guardian: {
        name: "M. Jean-Baptiste de Saint-Exupéry-Montmorency-Laval",
        email: "jean-baptiste.de-saint-exupery-montmorency-laval@fournisseur-de-messagerie-tres-long.example.com",
      },
      internship: {
        ...base.internship,
        title: "Bac pro Métiers de l'accueil, découverte des métiers de la relation client et de l'hôtellerie-restauration, avec visite des ateliers",
        place: "Restaurant d'application « Le Belvédère », rez-de-chaussée du bâtiment D, entrée par la cour d'honneur, accueil à la vie scolaire",
      },
    };
    const pdfPath = path.join(workDir, "long.pdf");
    writeFileSync(pdfPath, await generateConventionPdf(input));
    expect(runTool("qpdf", ["--check", pdfPath]).status).toBe(0);
    const pageCount = pageCountOf(pdfPath);
    expect(pageCount).toBe(3);
    for (let page = 1; page <= pageCount; page++) {
      expect(extractText(pdfPath, page)).toContain(`Convention n° ${conventionId} — page ${page}/${pageCount}`);
    }
    const text = extractText(pdfPath).replace(/\s+/g, " ");
    expect(text).toContain("SAINT-EXUPÉRY-MONTMORENCY-LAVAL");
    expect(text).toContain("Chef d'établissement : ……………………………");
    const pages = renderPagesGray(pdfPath, workDir, 150);
    expect(decodeQrCode(pages[pageCount - 1])).toBe(`http://localhost:3000/conventions/${conventionId}`);
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    const lastPageRef = String(doc.getPages()[pageCount - 1].ref);
    for (const name of signatureFieldNames) {
      const widget = doc.getForm().getField(name).acroField.getWidgets()[0];
      expect(String(widget.P())).toBe(lastPageRef);
    }
  }, renderingTimeout);
});
