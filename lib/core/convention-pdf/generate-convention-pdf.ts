import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFPage, type PDFRef, PDFString, rgb } from "pdf-lib";
import { addIdentityField } from "./add-identity-field";
import { addSignatureFields, type SignatureFieldSpec } from "./add-signature-fields";
import { buildConventionArticles, type TextRun } from "./build-convention-articles";
import { buildXmpMetadata } from "./build-xmp-metadata";
import type { ConventionPdfInput, ConventionSchool, SignatureImage } from "./convention-pdf-input";
import { createQrCodeXObject } from "./create-qr-code-xobject";
import { embedSignatureImage } from "./embed-signature-image";
import {
  formatCalendarDate,
  formatCalendarDateWithWeekday,
  formatClockTime,
  formatInstantDate,
  formatSchoolYear,
} from "./format-convention-values";
import { prepareConventionFonts, type ConventionFontFiles } from "./prepare-convention-fonts";
import { PageComposer, type Box, type PageGeometry } from "./page-composer";
import { parseUuid, type ParsedUuid } from "./parse-uuid";
import { enableNativeDeflate } from "./enable-native-deflate";

const ink = rgb(0.1, 0.11, 0.13);
const accent = rgb(0.09, 0.23, 0.43);
const muted = rgb(0.38, 0.4, 0.44);
const tint = rgb(0.92, 0.94, 0.97);
const hairline = rgb(0.7, 0.74, 0.8);

const qrSide = 62;
const footerBottom = 24;
const geometry: PageGeometry = {
  width: 595.28,
  height: 841.89,
  marginLeft: 51,
  marginRight: 51,
  contentTop: 800,
  contentBottom: footerBottom + qrSide + 14,
};
const body = { size: 8.8, leading: 12.2 };
const producer = "Conventions de mini-stage";
const blank = "……………………………";

/** Where a party signs: the box's signature area, filled by the stamp and the empty signature field. */
type SignatureSlot = {
  fieldName: string;
  tooltip: string;
  page: PDFPage;
  area: Box;
  image?: SignatureImage | null;
};

/**
 * Builds the convention PDF. Pure: the same input and fonts give the same bytes (no clock, no randomness),
 * saved with a classic cross-reference table so that signers can append incremental updates.
 */
export async function generateConventionPdf(input: ConventionPdfInput, fontFiles: ConventionFontFiles): Promise<Uint8Array> {
  const id = parseUuid(input.conventionId);
  const deepLink = `${input.appUrl.trim().replace(/\/+$/, "")}/conventions/${id.canonical}`;
  const fonts = prepareConventionFonts(fontFiles);

  const doc = await PDFDocument.create({ updateMetadata: false });
  enableNativeDeflate(doc);
  doc.registerFontkit(fonts.fontkit);
  // A subset's name starts with a six-letter tag (PDF 32000 §9.6.4); pdf-lib would append a number.
  const regular = await doc.embedFont(fonts.regular, { subset: true, customName: "CONVRG+DejaVuSans" });
  const bold = await doc.embedFont(fonts.bold, { subset: true, customName: "CONVBD+DejaVuSans-Bold" });
  const composer = new PageComposer(doc, { regular, bold }, geometry);

  drawHeader(composer, input);
  drawParties(composer, input);
  drawInternship(composer, input);
  drawArticles(composer, input);
  const slots = drawSignatureBoxes(composer, input);
  await stampSignatureImages(composer, doc, slots);
  drawFooters(composer, doc, id.canonical, deepLink);
  composer.finish();

  const identityField = addIdentityField(doc, {
    conventionId: id.canonical,
    page: composer.pages[0],
    rect: { x: geometry.marginLeft, y: geometry.height - 24, width: 220, height: 12 },
    font: { name: composer.fontResourceName("regular"), ref: regular.ref },
    encodedText: composer.encodeText(id.canonical, "regular"),
  });
  const signatureFields = addSignatureFields(doc, slots.map(toFieldSpec));
  writeAcroForm(doc, [identityField, ...signatureFields], { name: composer.fontResourceName("regular"), ref: regular.ref });
  writeMetadata(doc, input, id);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

function drawHeader(composer: PageComposer, input: ConventionPdfInput): void {
  const { hostSchool, internship } = input;
  const left = composer.columnLeft;
  const right = left + composer.columnWidth;
  const center = left + composer.columnWidth / 2;
  composer.addPage();
  const top = composer.y;

  let y = top - composer.drawLinesAt([{ text: hostSchool.name, bold: true }], left, top + 2, {
    size: 11,
    leading: 14,
    width: 320,
    color: accent,
  });
  for (const line of [hostSchool.address, hostSchool.city, `UAI : ${hostSchool.uai}`].filter(isFilled)) {
    y -= composer.drawLinesAt([{ text: line }], left, y + 1, { size: 8.5, leading: 11, width: 320, color: muted });
  }
  composer.drawRightAlignedText(`Année scolaire ${formatSchoolYear(internship.date)}`, right, top - 9, {
    size: 9,
    face: "bold",
    color: ink,
  });
  composer.drawRightAlignedText(`Établie le ${formatInstantDate(input.generatedAt)}`, right, top - 22, {
    size: 8.5,
    color: muted,
  });

  y -= 36;
  composer.drawCenteredText("CONVENTION DE MINI-STAGE", center, y, { size: 18, face: "bold", color: accent });
  y -= 17;
  composer.drawCenteredText("Accueil d'un(e) élève pour la découverte d'une formation au lycée", center, y, {
    size: 9.5,
    color: muted,
  });
  y -= 12;
  composer.drawRule(left, y, right, y, accent, 1.2);
  composer.y = y - 6;
}

function drawSectionHeading(composer: PageComposer, title: string, keepWith: number): void {
  composer.ensureSpace(30 + keepWith);
  composer.moveDown(18);
  const left = composer.columnLeft;
  composer.drawText(title.toUpperCase(), left, composer.y, { size: 9.5, face: "bold", color: accent });
  composer.moveDown(5);
  composer.drawRule(left, composer.y, left + composer.columnWidth, composer.y, hairline, 0.5);
  composer.moveDown(4);
}

/** A framed box with a tinted title band. */
function drawTitledFrame(composer: PageComposer, frame: Box, title: string, bandHeight: number): void {
  composer.fillRect({ x: frame.x, y: frame.y + frame.height - bandHeight, width: frame.width, height: bandHeight }, tint);
  composer.strokeRect(frame, hairline, 0.6);
  composer.drawText(title.toUpperCase(), frame.x + 7, frame.y + frame.height - bandHeight + 5, {
    size: 8,
    face: "bold",
    color: accent,
  });
}

type InfoBox = { title: string; lines: TextRun[][] };

/** Two boxes side by side, stretched to the same height. */
function drawBoxPair(composer: PageComposer, boxes: [InfoBox, InfoBox]): void {
  const gap = 14;
  const padding = 7;
  const bandHeight = 16;
  const width = (composer.columnWidth - gap) / 2;
  const lineStyle = { size: 8.8, leading: 12, width: width - 2 * padding };
  const contentHeights = boxes.map((box) =>
    box.lines.reduce((sum, line) => sum + composer.measureParagraph(line, lineStyle), 0),
  );
  const height = Math.max(...contentHeights) + bandHeight + 2 * padding - 2;
  composer.ensureSpace(height + 8);
  composer.moveDown(8);
  const top = composer.y;
  boxes.forEach((box, index) => {
    const x = composer.columnLeft + index * (width + gap);
    drawTitledFrame(composer, { x, y: top - height, width, height }, box.title, bandHeight);
    let lineTop = top - bandHeight - padding + 2;
    for (const line of box.lines) {
      lineTop -= composer.drawLinesAt(line, x + padding, lineTop, { ...lineStyle, color: ink });
    }
  });
  composer.y = top - height;
}

function labelled(label: string, value: string): TextRun[] {
  return [{ text: `${label} : ` }, { text: value, bold: true }];
}

function schoolLines(school: ConventionSchool): TextRun[][] {
  const head = school.headName?.trim();
  return [
    [{ text: school.name, bold: true }],
    ...[school.address, school.city].filter(isFilled).map((line) => [{ text: line }]),
    labelled("UAI", school.uai),
    labelled("Chef d'établissement", head || blank),
  ];
}

function drawParties(composer: PageComposer, input: ConventionPdfInput): void {
  const { student, guardian } = input;
  drawSectionHeading(composer, "Entre les soussignés", 90);
  drawBoxPair(composer, [
    { title: "Établissement d'accueil", lines: schoolLines(input.hostSchool) },
    { title: "Établissement d'origine", lines: schoolLines(input.originSchool) },
  ]);
  drawBoxPair(composer, [
    {
      title: "Élève",
      lines: [
        labelled("Nom", student.lastName.toUpperCase()),
        labelled("Prénom", student.firstName),
        labelled("Né(e) le", formatCalendarDate(student.birthDate)),
        labelled("Classe", student.className),
      ],
    },
    {
      title: "Responsable légal",
      lines: [
        labelled("Nom", guardian.name.trim() || blank),
        labelled("Courriel", guardian.email.trim() || blank),
        [{ text: "Agit en qualité de représentant légal de l'élève." }],
      ],
    },
  ]);
}

function drawInternship(composer: PageComposer, input: ConventionPdfInput): void {
  const { internship } = input;
  const rows: Array<[string, string]> = [
    ["Formation découverte", internship.title],
    ["Date", formatCalendarDateWithWeekday(internship.date)],
    ["Horaires", `de ${formatClockTime(internship.startTime)} à ${formatClockTime(internship.endTime)}`],
    ["Lieu", internship.place],
    ["Professeur responsable", internship.teacherName],
  ];
  drawSectionHeading(composer, "Le mini-stage", 80);
  composer.moveDown(6);
  const labelWidth = 132;
  const padding = 6;
  const left = composer.columnLeft;
  const valueWidth = composer.columnWidth - labelWidth - 2 * padding;
  const style = { size: 8.8, leading: 12 };
  for (const [label, value] of rows) {
    const runs = [{ text: value, bold: true }];
    const height = Math.max(composer.measureParagraph(runs, { ...style, width: valueWidth }), 12) + 6;
    composer.ensureSpace(height);
    const top = composer.y;
    const labelCell = { x: left, y: top - height, width: labelWidth, height };
    composer.fillRect(labelCell, tint);
    composer.strokeRect(labelCell, hairline, 0.6);
    composer.strokeRect({ x: left + labelWidth, y: top - height, width: composer.columnWidth - labelWidth, height }, hairline, 0.6);
    composer.drawLinesAt([{ text: label }], left + padding, top - 3, { ...style, width: labelWidth - 2 * padding, color: muted });
    composer.drawLinesAt(runs, left + labelWidth + padding, top - 3, { ...style, width: valueWidth, color: ink });
    composer.y = top - height;
  }
}

function drawArticles(composer: PageComposer, input: ConventionPdfInput): void {
  drawSectionHeading(composer, "Il a été convenu ce qui suit", 60);
  for (const article of buildConventionArticles(input)) {
    // Keep an article's title with at least two lines of its text.
    composer.ensureSpace(18 + 2 * body.leading);
    composer.moveDown(15);
    composer.drawText(article.title, composer.columnLeft, composer.y, { size: 9.2, face: "bold", color: accent });
    composer.moveDown(3);
    article.paragraphs.forEach((paragraph, index) => {
      if (index > 0) composer.moveDown(3);
      composer.paragraph(paragraph, { ...body, justify: true, color: ink });
    });
  }
}

function drawSignatureBoxes(composer: PageComposer, input: ConventionPdfInput): SignatureSlot[] {
  const { hostSchool, originSchool, guardian } = input;
  const boxHeight = 150;
  const intro: TextRun[] = [
    {
      text:
        "Chaque partie date et signe dans le cadre qui lui est réservé, à la main ou par signature " +
        "électronique. La convention prend effet lorsque les trois signatures y figurent.",
    },
  ];
  drawSectionHeading(composer, "Signatures", boxHeight + composer.measureParagraph(intro, body) + 12);
  composer.moveDown(4);
  composer.paragraph(intro, { ...body, color: ink });
  composer.moveDown(10);

  const parties = [
    {
      title: "Établissement d'accueil",
      role: "Le chef d'établissement",
      name: hostSchool.headName,
      fieldName: "Signature_Accueil",
      tooltip: "Signature du chef de l'établissement d'accueil",
      image: hostSchool.signatureImage,
    },
    {
      title: "Établissement d'origine",
      role: "Le chef d'établissement",
      name: originSchool.headName,
      fieldName: "Signature_Origine",
      tooltip: "Signature du chef de l'établissement d'origine",
      image: originSchool.signatureImage,
    },
    {
      title: "Responsable légal",
      role: "Le représentant légal de l'élève",
      name: guardian.name,
      fieldName: "Signature_Responsable",
      tooltip: "Signature du responsable légal de l'élève",
      image: null,
    },
  ];
  const gap = 10;
  const padding = 7;
  const bandHeight = 16;
  const width = (composer.columnWidth - 2 * gap) / 3;
  const top = composer.y;
  const bottom = top - boxHeight;
  const page = composer.page;
  const textStyle = { size: 8.3, leading: 11, width: width - 2 * padding };
  return parties.map((party, index) => {
    const x = composer.columnLeft + index * (width + gap);
    drawTitledFrame(composer, { x, y: bottom, width, height: boxHeight }, party.title, bandHeight);
    let lineTop = top - bandHeight - 3;
    lineTop -= composer.drawLinesAt([{ text: party.role }], x + padding, lineTop, { ...textStyle, color: muted });
    const name = party.name?.trim() || blank;
    lineTop -= composer.drawLinesAt([{ text: name, bold: true }], x + padding, lineTop, { ...textStyle, color: ink });
    lineTop -= composer.drawLinesAt([{ text: "Date : ……………………" }], x + padding, lineTop, { ...textStyle, color: muted });
    const areaTop = lineTop - 4;
    const area = { x: x + padding, y: bottom + padding, width: width - 2 * padding, height: areaTop - bottom - padding };
    composer.drawText("Signature", area.x, areaTop - 8, { size: 6.5, color: hairline });
    return { fieldName: party.fieldName, tooltip: party.tooltip, page, area, image: party.image };
  });
}

async function stampSignatureImages(composer: PageComposer, doc: PDFDocument, slots: SignatureSlot[]): Promise<void> {
  for (const [index, slot] of slots.entries()) {
    if (!slot.image) continue;
    const image = await embedSignatureImage(doc, slot.image);
    // Leave room for the "Signature" caption at the top of the area.
    const room = { width: slot.area.width - 8, height: slot.area.height - 14 };
    const scale = Math.min(room.width / image.width, room.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const box = {
      x: slot.area.x + (slot.area.width - width) / 2,
      y: slot.area.y + (room.height - height) / 2 + 2,
      width,
      height,
    };
    composer.drawXObject(`Stamp${index + 1}`, image.ref, box, slot.page);
  }
}

function drawFooters(composer: PageComposer, doc: PDFDocument, conventionId: string, deepLink: string): void {
  const qr = createQrCodeXObject(doc, deepLink);
  const pageCount = composer.pages.length;
  const left = composer.columnLeft;
  const right = left + composer.columnWidth;
  const qrBox = { x: right - qrSide, y: footerBottom, width: qrSide, height: qrSide };
  composer.pages.forEach((page, index) => {
    const ruleY = footerBottom + qrSide + 6;
    composer.drawRule(left, ruleY, right, ruleY, hairline, 0.5, page);
    composer.drawXObject("QR", qr.ref, qrBox, page);
    composer.drawText(
      `Convention n° ${conventionId} — page ${index + 1}/${pageCount}`,
      left,
      footerBottom + 36,
      { size: 8, face: "bold", color: ink },
      page,
    );
    composer.drawLinesAt(
      [{ text: "Consulter cette convention ou déposer l'exemplaire signé : " }, { text: deepLink }],
      left,
      footerBottom + 30,
      { size: 7, leading: 9, width: qrBox.x - left - 16, color: muted },
      page,
    );
  });
}

/** The interactive form: its fields, and /SigFlags 1 (SignaturesExist) so readers enable signing at once. */
function writeAcroForm(doc: PDFDocument, fields: PDFRef[], font: { name: string; ref: PDFRef }): void {
  const acroForm = doc.context.obj({
    Fields: fields,
    SigFlags: 1,
    DA: PDFString.of(`/${font.name} 0 Tf 0 g`),
    DR: { Font: { [font.name]: font.ref } },
  });
  doc.catalog.set(PDFName.of("AcroForm"), doc.context.register(acroForm));
}

function toFieldSpec(slot: SignatureSlot): SignatureFieldSpec {
  return { name: slot.fieldName, tooltip: slot.tooltip, page: slot.page, rect: slot.area };
}

function writeMetadata(doc: PDFDocument, input: ConventionPdfInput, id: ParsedUuid): void {
  const { student, internship, hostSchool } = input;
  const title = `Convention de mini-stage – ${student.firstName} ${student.lastName.toUpperCase()} – ${formatCalendarDate(internship.date)}`;
  const subject = `Mini-stage « ${internship.title} » à ${hostSchool.name}`;
  const keywords = ["convention", "mini-stage", id.canonical];
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(hostSchool.name);
  doc.setSubject(subject);
  doc.setKeywords(keywords);
  doc.setCreator(producer);
  doc.setProducer(producer);
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of("ConventionId"), PDFString.of(id.canonical));
  doc.catalog.set(PDFName.of("Lang"), PDFString.of("fr-FR"));

  const xmp = buildXmpMetadata({
    conventionId: id.canonical,
    title,
    author: hostSchool.name,
    subject,
    keywords: keywords.join(" "),
    creatorTool: producer,
    producer,
    date: input.generatedAt,
  });
  const metadata = doc.context.stream(new TextEncoder().encode(xmp), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(metadata));
  // Both halves are the UUID: the file's permanent identifier, which incremental signers keep.
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id.hex), PDFHexString.of(id.hex)]);
}

function isFilled(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim().length > 0;
}
