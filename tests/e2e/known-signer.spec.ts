/**
 * « Faire confiance à ce signataire » in a real browser: the host admin accepts the key that signed
 * one deposited convention; the next convention signed with that key says « Signataire connu ».
 * Screenshots in test-results/e2e/signataires-connus/.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { formatDateFr } from "@/lib/core/format-date";
import { SCREENSHOT_DIR, launchChromium, logIn, newUserPage } from "./support/browser";
import { startE2eApp, type E2eApp } from "./support/e2e-app";
import { fieldNumber, signIncrementally, testSigner, type CustomSigner } from "../support/pdf-updates";

const HOST_ADMIN = "admin@lycee-demo.test";
const ORIGIN_STAFF = "secretariat@college-demo.test";
const ORIGIN_SCHOOL = "Collège Jean Moulin";
const SIGNER_NAME = "M. Principal Navigateur";
const SHOTS = path.join(SCREENSHOT_DIR, "signataires-connus");

describe("Un signataire accepté par le lycée est reconnu sur la convention suivante, dans Chromium", () => {
  let app: E2eApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let originContext: BrowserContext | undefined;
  let originPage: Page | undefined;
  let signer: CustomSigner;
  let conventionIds: string[] = [];

  const shot = async (page: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  /** The collège signs a convention's original in its origin field with the principal's key and deposits it on the convention's page. */
  async function signAndDeposit(conventionId: string) {
    const original = await originPage!.request.get(`/api/conventions/${conventionId}/pdf?version=original`);
    expect(original.status()).toBe(200);
    const bytes = new Uint8Array(await original.body());
    const signed = await signIncrementally(bytes, { field: { existing: fieldNumber(bytes, "Signature_Origine") }, signer });
    await originPage!.goto(`/conventions/${conventionId}`);
    await originPage!.getByLabel("Fichiers PDF à déposer").setInputFiles({ name: "convention-signee.pdf", mimeType: "application/pdf", buffer: Buffer.from(signed) });
    const answer = originPage!.getByRole("list", { name: "Fichiers déposés" }).getByRole("listitem").first();
    await answer.filter({ hasText: /Reconnue automatiquement|Refusé|Non reconnue|Convention probable/ }).waitFor();
    expect(await answer.innerText()).toContain("Reconnue automatiquement");
  }

  beforeAll(async () => {
    await testSigner(); // sets the crypto engines of @peculiar/x509 and pkijs
    const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "3d", name: `CN=${SIGNER_NAME}, O=${ORIGIN_SCHOOL}`, keys, signingAlgorithm: algorithm,
      notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000),
    });
    signer = { certificateDer: certificate.rawData, privateKey: keys.privateKey };

    app = await startE2eApp({ enrollmentCount: 60 });
    browser = await launchChromium();
    context = (await newUserPage(browser, app.url)).context;
    ({ context: originContext, page: originPage } = await newUserPage(browser, app.url));
    await logIn(originPage, ORIGIN_STAFF);
    await originPage.goto("/conventions/non-retournees");
    await originPage.locator("main table tbody tr").first().waitFor();
    await shot(originPage, "00-onglet-du-college");
    const hrefs = await originPage.locator("main table tbody a[href^='/conventions/']").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    conventionIds = [...new Set(hrefs.map((href) => /^\/conventions\/([0-9a-f-]{36})$/.exec(href)?.[1]).filter((id): id is string => Boolean(id)))];
    expect(conventionIds.length).toBeGreaterThanOrEqual(2);
  }, 900_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await originContext?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.dispose();
  }, 120_000);

  test("l'accueil lit les contrôles de la signature, fait confiance au signataire ; la convention suivante signée de la même clé affiche « Signataire connu »", async () => {
    await signAndDeposit(conventionIds[0]);
    const page = await context!.newPage();
    await logIn(page, HOST_ADMIN);
    await page.goto(`/conventions/${conventionIds[0]}`);

    const signature = page.getByRole("listitem").filter({ hasText: `Signé par ${SIGNER_NAME}` });
    await signature.getByText("Propriétés de la signature").click();
    const checks = signature.getByRole("list", { name: "Contrôles de la signature" });
    await checks.waitFor();
    expect(await checks.innerText()).toMatch(/Intégrité[\s\S]*Chaîne de confiance[\s\S]*Certificat auto-signé[\s\S]*Révocation[\s\S]*Non vérifiée \(hors ligne\)/);
    await shot(page, "01-controles-de-la-signature");

    await signature.getByRole("button", { name: "Faire confiance à ce signataire" }).click();
    // The action revalidates the page: the same signature now reads as known, without the button.
    await page.getByText(`Signataire connu : ${SIGNER_NAME}, certificat accepté le ${formatDateFr(new Date())} pour le ${ORIGIN_SCHOOL}`).waitFor();
    await shot(page, "02-signataire-accepte");

    await signAndDeposit(conventionIds[1]);
    await page.goto(`/conventions/${conventionIds[1]}`);
    const next = page.getByRole("listitem").filter({ hasText: `Signé par ${SIGNER_NAME}` });
    await next.getByText(`Signataire connu : ${SIGNER_NAME}, certificat accepté le ${formatDateFr(new Date())} pour le ${ORIGIN_SCHOOL}`).waitFor();
    expect(await next.innerText()).toContain("Signataire connu (certificat accepté par le lycée)");
    expect(await next.getByRole("button", { name: "Faire confiance à ce signataire" }).count()).toBe(0);
    await shot(page, "03-convention-suivante-signataire-connu");
  });
});
