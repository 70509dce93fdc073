/**
 * The host's daily work in a real browser: a bulk validation of three verified conventions and a scan
 * (the scan is left out with its reason), an export downloaded and opened, a « Relancer ».
 * Screenshots in test-results/e2e/suivi-quotidien/.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import * as x509 from "@peculiar/x509";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { logInOverHttp } from "@/scripts/support/next-server";
import { formatDateFr } from "@/lib/core/format-date";
import { SCREENSHOT_DIR, downloadBy, launchChromium, logIn, newUserPage } from "./support/browser";
import { startE2eApp, type E2eApp } from "./support/e2e-app";
import { scanPdf } from "./support/scan-pdf";
import { fieldNumber, signIncrementally, testSigner, type CustomSigner } from "../support/pdf-updates";

const HOST_ADMIN = "admin@lycee-demo.test";
const ORIGIN_STAFF = "secretariat@college-demo.test";
const SIGNER_NAME = "Mme Principale Suivi";
const SHOTS = path.join(SCREENSHOT_DIR, "suivi-quotidien");
const UUID = /\/conventions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

describe("Le travail quotidien du lycée dans Chromium : validation groupée, export, relance", () => {
  let app: E2eApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let originCookie = "";
  let signer: CustomSigner;
  let unreturned: string[] = [];

  const shot = async (name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const original = async (conventionId: string) => {
    const response = await fetch(`${app!.url}/api/conventions/${conventionId}/pdf?version=original`, { headers: { cookie: originCookie } });
    expect(response.status).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };
  const deposit = async (bytes: Uint8Array, conventionId?: string) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "convention.pdf");
    if (conventionId) form.append("conventionId", conventionId);
    const response = await fetch(`${app!.url}/api/conventions/depot`, { method: "POST", body: form, headers: { cookie: originCookie } });
    return { status: response.status, body: await response.json() };
  };
  const signAndDeposit = async (conventionId: string) => {
    const bytes = await original(conventionId);
    const signed = await signIncrementally(bytes, { field: { existing: fieldNumber(bytes, "Signature_Origine") }, signer });
    const answer = await deposit(signed);
    expect({ status: answer.status, outcome: answer.body.outcome, recognition: answer.body.recognition }).toEqual({ status: 201, outcome: "deposited", recognition: "automatic" });
  };
  /** The table row of a convention, found by its page link. */
  const rowOf = (conventionId: string) => page.locator(`tr:has(a[href="/conventions/${conventionId}"])`);
  /** « DUPONT Léa », as the row's checkbox and every page name the pupil. */
  const studentOf = async (conventionId: string) => {
    await page.goto(`/conventions/${conventionId}`);
    return (await page.getByRole("heading", { level: 1 }).innerText()).replace(/^Convention de /, "").trim();
  };

  beforeAll(async () => {
    await testSigner();
    const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "5e", name: `CN=${SIGNER_NAME}, O=Collège Jean Moulin`, keys, signingAlgorithm: algorithm,
      notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000),
    });
    signer = { certificateDer: certificate.rawData, privateKey: keys.privateKey };
    app = await startE2eApp({ enrollmentCount: 80 });
    browser = await launchChromium();
    ({ context, page } = await newUserPage(browser, app.url));
    originCookie = await logInOverHttp(app.url, ORIGIN_STAFF, "demo1234");
    const tab = await (await fetch(`${app.url}/conventions/non-retournees?taille=100`, { headers: { cookie: originCookie } })).text();
    unreturned = [...new Set([...tab.matchAll(UUID)].map((match) => match[1]))];
    expect(unreturned.length).toBeGreaterThanOrEqual(6);
    await logIn(page, HOST_ADMIN);
  }, 900_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.dispose();
  }, 120_000);

  test("validation groupée : les trois conventions vérifiées sont validées, le scan est laissé de côté avec sa raison", async () => {
    // The host accepts the collège's signer on a first convention: the next ones it signs are verified.
    await signAndDeposit(unreturned[0]);
    await page.goto(`/conventions/${unreturned[0]}`);
    await page.getByRole("listitem").filter({ hasText: `Signé par ${SIGNER_NAME}` }).getByRole("button", { name: "Faire confiance à ce signataire" }).click();
    await page.getByText(`Signataire connu : ${SIGNER_NAME}`).first().waitFor();
    const green = unreturned.slice(1, 4);
    for (const id of green) await signAndDeposit(id);
    const scanned = unreturned[4];
    const scan = await deposit(await scanPdf(await original(scanned)), scanned);
    expect(scan.status).toBe(201);
    const greenNames = [];
    for (const id of green) greenNames.push(await studentOf(id));
    const scanName = await studentOf(scanned);

    await page.goto("/conventions/en-attente?taille=100");
    for (const id of green) expect(await rowOf(id).getByRole("cell").filter({ hasText: /^Signée$/ }).count()).toBe(1);
    expect(await rowOf(scanned).getByRole("cell").filter({ hasText: /^Scan$/ }).count()).toBe(1);
    // The first convention, signed before its signer was known, is not among the verified ones.
    expect(await rowOf(unreturned[0]).getByRole("cell").filter({ hasText: /^À vérifier$/ }).count()).toBe(1);
    await page.getByRole("button", { name: "Sélectionner les conventions vérifiées" }).click();
    await page.getByText("3 conventions vérifiées sélectionnées.").waitFor();
    await rowOf(scanned).getByRole("checkbox", { name: `Sélectionner ${scanName}` }).check();
    await shot("01-selection-verifiees-et-scan");

    await page.getByRole("button", { name: "Valider la sélection…" }).click();
    const confirmation = page.getByRole("group", { name: "Confirmer la validation groupée" });
    await confirmation.getByText("3 conventions seront validées :").waitFor();
    const text = await confirmation.innerText();
    for (const name of greenNames) expect(text).toContain(name);
    expect(text).toContain(`${scanName} : scan ou document sans signature électronique : vérifiez les signatures à l'œil`);
    await shot("02-confirmation");
    await confirmation.getByRole("button", { name: "Oui, valider 3 conventions" }).click();
    const outcome = page.getByRole("status").filter({ hasText: "3 conventions validées" });
    await outcome.waitFor();
    await shot("03-resultat");

    await page.goto("/conventions/validees?taille=100");
    for (const id of green) await rowOf(id).waitFor();
    await page.goto("/conventions/en-attente?taille=100");
    await rowOf(scanned).waitFor();
    expect(await rowOf(green[0]).count()).toBe(0);
    // One mail to the collège lists the three.
    await page.goto("/dev/courriels");
    await page.getByText("3 conventions validées").first().waitFor();
    await shot("04-courriel-groupe");
  });

  test("« Exporter » télécharge le tableau tel qu'il est affiché, en CSV pour Excel et en XLSX", async () => {
    await page.goto("/conventions/validees?tri=nom&ordre=asc");
    await shot("05-onglet-validees");
    const csv = await downloadBy(page, () => page.getByRole("link", { name: "CSV (Excel)" }).click());
    expect(csv.fileName).toMatch(/^conventions-validees-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
    expect(lines[0].split(";").slice(0, 3)).toEqual(["Nom", "Prénom", "Responsable légal"]);
    const shown = await page.getByText(/Affichage de l'élément 1 à \d+ sur (\d+) élément/).innerText();
    expect(lines.length - 1).toBe(Number(/sur (\d+)/.exec(shown)![1]));
    expect(lines.slice(1).every((line) => /;\d{2}-\d{2}-\d{4};/.test(line))).toBe(true);

    const xlsx = await downloadBy(page, () => page.getByRole("link", { name: "XLSX" }).click());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(lines.length);
    expect(workbook.worksheets[0].getRow(2).getCell(1).value).toBe(lines[1].split(";")[0]);
  });

  test("« Relancer » envoie la relance à l'établissement d'origine et la note dans l'historique", async () => {
    const target = unreturned[5];
    await page.goto("/conventions/non-retournees?taille=100");
    const row = rowOf(target);
    await row.getByRole("button", { name: "Relancer" }).click();
    await row.getByText(`Déjà relancée le ${formatDateFr(new Date()).slice(0, 5)}`).waitFor();
    await shot("06-relancee");
    await page.goto(`/conventions/${target}`);
    await page.getByText("Relance envoyée à l'établissement d'origine").waitFor();
    await page.goto("/dev/courriels");
    await page.getByText(/Relance : convention à retourner/).first().waitFor();
    await shot("07-courriel-de-relance");
  });

  test("le tableau de bord commence par ce qui est à faire aujourd'hui ; Options règle l'urgence et l'intervalle des relances", async () => {
    await page.goto("/tableau-de-bord");
    const today = page.getByRole("region", { name: "À faire aujourd'hui" });
    await today.getByRole("link", { name: /conventions en attente de validation/ }).waitFor();
    await shot("08-a-faire-aujourd-hui");
    await page.goto("/options");
    const followUpForm = page.locator("form", { has: page.getByLabel("Session urgente à moins de (jours)") });
    await page.getByLabel("Session urgente à moins de (jours)").fill("30");
    await page.getByLabel("Relancer au plus tous les (jours)").fill("0");
    await followUpForm.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Au moins 1 jour.").waitFor();
    await page.getByLabel("Relancer au plus tous les (jours)").fill("5");
    await followUpForm.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Enregistré : sessions urgentes à 30 jours, relance au plus tous les 5 jours.").waitFor();
    await shot("09-options-relances");
    await page.goto("/conventions/non-retournees?urgence=1&tri=date&ordre=asc");
    expect(await page.getByLabel("Sessions dans les 30 jours").isChecked()).toBe(true);
    await page.getByText("Une convention est relancée au plus une fois tous les 5 jours.").waitFor();
  });
});
