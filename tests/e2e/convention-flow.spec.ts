/**
 * The whole life of a convention in a real browser, as the two secretaries would click through it,
 * against `next build && next start` on the embedded database with the demo data. Steps run in
 * order and share what they found; each leaves a screenshot in test-results/e2e/.
 */
import { createHash } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PopplerSigner } from "@/scripts/support/poppler-signer";
import { downloadBy, launchChromium, logIn, newUserPage, screenshotter, submitLogin } from "./support/browser";
import { startE2eApp, type E2eApp } from "./support/e2e-app";
import { scanPdf } from "./support/scan-pdf";
import { appendUpdate, nextObjectNumber, objectText, pageNumbers, streamBody, withEntries } from "../support/pdf-updates";

const HOST_ADMIN = "admin@lycee-demo.test";
const ORIGIN_STAFF = "secretariat@college-demo.test";
const ORIGIN_SCHOOL = "Collège Jean Moulin";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const numberIn = (text: string) => Number(text.replace(/[^\d]/g, ""));

/** What the steps hand to each other. */
type Flow = {
  conventionId: string; lastName: string; firstName: string; fichePath: string;
  original: Buffer; originalFileName: string; signed: Uint8Array; validated: true;
};

describe("Une convention, du téléchargement à la validation, dans Chromium", () => {
  let app: E2eApp | undefined;
  let browser: Browser | undefined;
  let signer: PopplerSigner | undefined;
  const contexts: BrowserContext[] = [];
  const flow: Partial<Flow> = {};
  const shot = screenshotter();

  const need = <K extends keyof Flow>(key: K): Flow[K] => {
    const value = flow[key];
    if (value === undefined) throw new Error(`Étape précédente échouée : ${key} manquant.`);
    return value as Flow[K];
  };
  const studentName = () => `${need("lastName")} ${need("firstName")}`;

  async function openPage(): Promise<Page> {
    if (!app || !browser) throw new Error("Le serveur ou le navigateur n'a pas démarré.");
    const { context, page } = await newUserPage(browser, app.url);
    contexts.push(context);
    return page;
  }

  const tableRows = (page: Page) => page.locator("main table tbody tr");
  /** Cells of the column whose header starts with `name`, wherever the tab puts it. */
  const columnIndex = async (page: Page, name: string) => {
    const headers = await page.locator("main table thead th").allInnerTexts();
    const index = headers.findIndex((header) => header.trim().startsWith(name));
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  };
  const columnCells = async (page: Page, name: string) =>
    tableRows(page).locator(`td:nth-child(${(await columnIndex(page, name)) + 1})`).allInnerTexts();

  beforeAll(async () => {
    app = await startE2eApp({ enrollmentCount: 60 });
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    signer?.dispose();
    await app?.dispose();
  }, 120_000);

  test("1. l'accueil voit ses trois onglets, cherche sans accents, trie, pagine, ouvre une fiche stage et télécharge la convention", async () => {
    const page = await openPage();
    await logIn(page, HOST_ADMIN);
    await page.goto("/conventions/non-retournees");

    const tabs = page.getByRole("navigation", { name: "Onglets des conventions" }).getByRole("link");
    expect(await tabs.count()).toBe(3);
    const labels: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const badge = tabs.nth(i).locator("span");
      counts.push(numberIn(await badge.innerText()));
      labels.push((await tabs.nth(i).innerText()).replace(await badge.innerText(), "").trim());
    }
    expect(labels).toEqual(["Non retournées", "En attente de validation", "Validées"]);
    for (const count of counts) expect(count).toBeGreaterThan(0);
    expect(await tabs.nth(0).getAttribute("aria-current")).toBe("page");
    const summary = page.getByText(/^Affichage de l'élément/);
    expect(await summary.innerText()).toMatch(new RegExp(`sur ${counts[0]} éléments?$`));
    await shot(page, "onglets");

    // Sort by first name: the header says so (aria-sort) and the column reads in order.
    const firstNameHeader = page.getByRole("columnheader", { name: /^Prénom/ });
    expect(await firstNameHeader.getAttribute("aria-sort")).toBe("none");
    await firstNameHeader.getByRole("link").click();
    await page.waitForURL(/tri=prenom&ordre=asc/);
    await page.locator('th[aria-sort="ascending"]', { hasText: "Prénom" }).waitFor();
    // Only names without diacritics are compared: the embedded database orders bytes (C collation),
    // so "Léa" comes after "Louis" there (reported, not a test concern).
    const plain = (names: string[]) => names.filter((name) => fold(name) === name);
    const inOrder = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, "fr"));
    const ascending = plain(await columnCells(page, "Prénom"));
    expect(ascending.length).toBeGreaterThan(3);
    expect(ascending).toEqual(inOrder(ascending));
    await page.getByRole("columnheader", { name: /^Prénom/ }).getByRole("link").click();
    await page.waitForURL(/tri=prenom&ordre=desc/);
    await page.locator('th[aria-sort="descending"]', { hasText: "Prénom" }).waitFor();
    const descending = plain(await columnCells(page, "Prénom"));
    expect(descending).toEqual(inOrder(descending).reverse());
    await shot(page, "tri-prenom");

    // Ten per page, then the second page.
    await page.getByLabel("Afficher").selectOption("10");
    await page.waitForURL(/taille=10/);
    expect(await tableRows(page).count()).toBe(Math.min(10, counts[0]));
    expect(counts[0]).toBeGreaterThan(10);
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Suivant" }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(/^Affichage de l'élément 11 à /).waitFor();
    expect(await page.getByRole("navigation", { name: "Pagination" }).locator('[aria-current="page"]').innerText()).toBe("2");
    await shot(page, "page-2");
    // « Suivant » carried a cursor; the page number alone gives the very same rows.
    const conventionLinks = () => tableRows(page).locator("td:first-child a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(page.url()).toMatch(/[?&]apres=[\w-]+/);
    const viaNext = await conventionLinks();
    await page.goto(page.url().replace(/&apres=[\w-]+/, ""));
    await page.getByText(/^Affichage de l'élément 11 à /).waitFor();
    expect(await conventionLinks()).toEqual(viaNext);

    // A search typed without accents finds the collège's pupils.
    await page.getByLabel("Rechercher un stagiaire ou un établissement").fill("college jean moulin");
    await page.getByLabel("Rechercher un stagiaire ou un établissement").press("Enter");
    await page.waitForURL(/q=college\+jean\+moulin/);
    await page.getByText(/^Affichage de l'élément 1 à /).waitFor();
    const schoolsFound = await columnCells(page, "Établissement d'origine");
    expect(schoolsFound.length).toBeGreaterThan(0);
    for (const school of schoolsFound) expect(school).toBe(ORIGIN_SCHOOL);
    expect(numberIn((await page.getByText(/^Affichage de l'élément/).innerText()).split("sur")[1])).toBeLessThan(counts[0]);
    await shot(page, "recherche-sans-accents");

    const row = tableRows(page).first();
    flow.lastName = (await row.locator("td").nth(await columnIndex(page, "Nom")).getByRole("link").innerText()).trim();
    flow.firstName = (await row.locator("td").nth(await columnIndex(page, "Prénom")).innerText()).trim();
    await row.getByRole("link", { name: "Info" }).click();
    await page.waitForURL(/\/stages\/[0-9a-f-]{36}$/);
    flow.fichePath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: "Info" }).waitFor();

    const pupil = page.locator("main table tbody tr").filter({ hasText: need("lastName") }).filter({ hasText: need("firstName") })
      .filter({ hasText: "Convention non retournée" }).first();
    const conv = pupil.getByRole("link", { name: "Conv." });
    const href = await conv.getAttribute("href");
    const id = href?.match(/^\/api\/conventions\/([0-9a-f-]{36})\/pdf$/)?.[1];
    expect(id).toBeDefined();
    flow.conventionId = id;
    await shot(page, "fiche-stage");

    const { bytes, fileName } = await downloadBy(page, () => conv.click());
    const folded = (text: string) => fold(text).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    expect(fileName).toMatch(new RegExp(`^convention-${escapeRegExp(folded(need("lastName")).toUpperCase())}-${escapeRegExp(folded(need("firstName")))}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const response = await page.context().request.get(href!);
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${fileName}"`);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(sha256(await response.body())).toBe(sha256(bytes));
    flow.original = bytes;
    flow.originalFileName = fileName;
  });

  test("2. le collège signe ce PDF avec poppler et le dépose : reconnu automatiquement", async () => {
    const original = need("original");
    signer = PopplerSigner.create();
    const signed = signer.sign(original);
    expect(Buffer.from(signed.subarray(0, original.length)).equals(original)).toBe(true);
    flow.signed = signed;

    const page = await openPage();
    await logIn(page, ORIGIN_STAFF);
    await page.goto("/conventions/non-retournees");
    await page.getByLabel("Fichiers PDF à déposer").setInputFiles({
      name: need("originalFileName").replace(/\.pdf$/, "-signee.pdf"), mimeType: "application/pdf", buffer: Buffer.from(signed),
    });
    const answer = page.getByRole("list", { name: "Fichiers déposés" }).getByRole("listitem").first();
    await answer.filter({ hasText: /Reconnue automatiquement|Refusé|Non reconnue|Convention probable/ }).waitFor();
    const text = await answer.innerText();
    expect(text).toContain(`Reconnue automatiquement : ${studentName()}`);
    expect(text).toContain("en attente de validation");
    await shot(page, "depot-signe-reconnu");
  });

  test("3. l'accueil suit le lien du courriel, se connecte, valide ; le collège est prévenu ; Conv. donne le fichier signé", async () => {
    const conventionId = need("conventionId");
    const page = await openPage();
    await page.goto("/dev/courriels");
    const subject = new RegExp(`^Demande de validation — ${escapeRegExp(studentName())}$`);
    await page.getByRole("link", { name: subject }).first().click();
    await page.getByRole("heading", { name: subject }).waitFor();
    expect(await page.getByText("admin@lycee-demo.test").count()).toBeGreaterThan(0);
    await shot(page, "courriel-demande-de-validation");

    const deepLink = page.locator('a[data-link="conventionUrl"]');
    expect(await deepLink.getAttribute("href")).toBe(`${app!.url}/conventions/${conventionId}`);
    await deepLink.click();
    await page.waitForURL(/\/connexion\?retour=/);
    await shot(page, "lien-profond-connexion");
    await submitLogin(page, HOST_ADMIN);
    expect(new URL(page.url()).pathname).toBe(`/conventions/${conventionId}`);
    await page.getByRole("heading", { name: `Convention de ${studentName()}` }).waitFor();
    await page.getByText("En attente de validation", { exact: true }).first().waitFor();
    await shot(page, "convention-en-attente");
    // Headless Chromium draws its PDF viewer black in screenshots: check what the preview frame is served instead.
    const previewSrc = await page.getByTitle("Aperçu de la convention").getAttribute("src");
    const preview = await page.context().request.get(previewSrc!);
    expect(preview.headers()["content-disposition"]).toMatch(/^inline; /);
    expect(sha256(await preview.body())).toBe(sha256(need("signed")));

    await page.getByRole("button", { name: "Valider la conformité", exact: true }).click();
    await page.getByRole("button", { name: "Oui, valider", exact: true }).click();
    await page.waitForURL(/\/conventions\/validees/);
    await page.getByRole("status").filter({ hasText: "La convention est validée" }).waitFor();
    expect(await page.locator("main table tbody tr").filter({ hasText: need("firstName") }).count()).toBeGreaterThan(0);
    await shot(page, "validee");

    await page.goto("/dev/courriels");
    const validatedMail = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: `Convention validée — ${studentName()}` }) });
    await validatedMail.first().waitFor();
    expect(await validatedMail.first().innerText()).toContain("@college-demo.test");
    await shot(page, "courriel-validee-au-college");

    await page.goto(need("fichePath"));
    const conv = page.locator(`a[href="/api/conventions/${conventionId}/pdf"]`);
    const { bytes } = await downloadBy(page, () => conv.click());
    expect(sha256(bytes)).toBe(sha256(need("signed")));
    expect(bytes.length).toBe(need("signed").length);
    await shot(page, "fiche-stage-convention-validee");
    flow.validated = true;
  });

  test("4. l'accueil l'invalide avec un motif ; Conv. redonne l'original ; le scan déposé est suggéré puis confirmé", async () => {
    const conventionId = need("conventionId");
    need("validated");
    const page = await openPage();
    await logIn(page, HOST_ADMIN);
    await page.goto(`/conventions/${conventionId}`);
    await page.getByLabel("Motif (obligatoire)").selectOption({ label: "Signature manquante" });
    await page.getByLabel(/Précisions pour l'établissement d'origine/).fill("La signature du responsable légal manque.");
    await shot(page, "invalidation-motif");
    await page.getByRole("button", { name: "Invalider", exact: true }).click();
    await page.waitForURL(/\/conventions\/non-retournees/);
    await page.getByRole("status").filter({ hasText: "La convention est invalidée" }).waitFor();
    await shot(page, "invalidee-non-retournee");
    await page.goto("/dev/courriels");
    const redepositMail = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: `Convention à déposer de nouveau — ${studentName()}` }) });
    expect(await redepositMail.first().innerText()).toContain("@college-demo.test");

    // A validated convention that is invalidated is back to its original: nothing left to regenerate.
    await page.goto(`/conventions/${conventionId}`);
    await page.getByText("Non retournée", { exact: true }).first().waitFor();
    expect(await page.getByText("Revenir à la convention d'origine…").count()).toBe(0);
    await page.goto(need("fichePath"));
    const { bytes } = await downloadBy(page, () => page.locator(`a[href="/api/conventions/${conventionId}/pdf"]`).click());
    expect(bytes.equals(need("original"))).toBe(true);

    // The printed, signed by hand and scanned copy: no signature, the QR code names the convention.
    const scan = await scanPdf(need("original"));
    await page.goto("/conventions/non-retournees");
    const input = page.getByLabel("Fichiers PDF à déposer");
    const items = page.getByRole("list", { name: "Fichiers déposés" }).getByRole("listitem");
    let answer = "";
    // The engine gives its QR search a fixed wall-clock budget; on a saturated machine a secretary would simply try again.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = await items.count();
      await input.setInputFiles({ name: `scan-${attempt}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(scan) });
      await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Fichiers déposés"] > li').length > n, before);
      await items.first().filter({ hasText: /Convention probable|Non reconnue|Refusé|Déposée|Déjà/ }).waitFor();
      answer = await items.first().innerText();
      if (!answer.includes("Non reconnue")) break;
    }
    expect(answer).toContain(`Convention probable : ${studentName()} (QR code lu sur le scan) — confirmez pour la déposer.`);
    await shot(page, "scan-suggere");
    await items.first().getByRole("button", { name: `Confirmer : ${studentName()}` }).click();
    await items.first().filter({ hasText: /Déposée pour|Refusé/ }).waitFor();
    expect(await items.first().innerText()).toContain(`Déposée pour ${studentName()}`);
    await shot(page, "scan-confirme");

    await page.goto(`/conventions/${conventionId}`);
    await page.getByText("En attente de validation", { exact: true }).first().waitFor();
    await page.goto(`/conventions/en-attente?q=${encodeURIComponent(studentName())}`);
    expect(await page.locator("main table tbody tr").filter({ hasText: need("firstName") }).count()).toBeGreaterThan(0);
    await shot(page, "en-attente-apres-scan");
  });

  test("5. le collège dépose la convention signée puis retouchée (date masquée) : averti avant de confirmer ; l'accueil compare avec l'original et voit l'encadré rouge", async () => {
    const conventionId = need("conventionId");
    const signed = need("signed");
    // After signing, an incremental update paints page 1's date over: a white box and a dark bar where the date was.
    const [firstPage] = pageNumbers(signed);
    const pageText = objectText(signed, firstPage);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(pageText);
    if (!contents) throw new Error("page 1 has no /Contents");
    const overlayNum = nextObjectNumber(signed);
    const existing = contents[1].startsWith("[") ? contents[1].slice(1, -1).trim() : contents[1];
    const altered = appendUpdate(signed, [
      { num: overlayNum, body: streamBody("q 1 1 1 rg 185 398 150 16 re f 0.1 0.1 0.1 rg 190 402 70 8 re f Q") },
      { num: firstPage, body: withEntries(pageText, `/Contents [${existing} ${overlayNum} 0 R]`, ["Contents"]) },
    ]);

    const origin = await openPage();
    await logIn(origin, ORIGIN_STAFF);
    await origin.goto("/conventions/non-retournees");
    await origin.getByLabel("Fichiers PDF à déposer").setInputFiles({ name: "convention-retouchee.pdf", mimeType: "application/pdf", buffer: altered });
    const item = origin.getByRole("list", { name: "Fichiers déposés" }).getByRole("listitem").first();
    await item.filter({ hasText: /Convention probable|Reconnue|Refusé|Non reconnue|Déposée/ }).waitFor();
    const answer = await item.innerText();
    expect(answer).not.toContain("Reconnue automatiquement");
    expect(answer).toContain("Attention : ce document diffère de la convention d'origine (page 1)");
    await shot(origin, "depot-retouche-avertissement");
    const confirm = item.getByRole("button", { name: `Confirmer : ${studentName()}` });
    if (await confirm.count() > 0) {
      await confirm.click();
      await item.filter({ hasText: /Déposée pour|Refusé/ }).waitFor();
    }
    expect(await item.innerText()).toContain(`Déposée pour ${studentName()}`);

    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    await host.goto(`/conventions/en-attente?q=${encodeURIComponent(studentName())}`);
    const row = host.locator("main table tbody tr").filter({ hasText: need("firstName") }).first();
    await row.getByRole("link", { name: "différences" }).click();
    await host.waitForURL(new RegExp(`/conventions/${conventionId}#comparaison$`));
    await host.getByText("Le document déposé diffère de la convention d'origine. Pages concernées : 1.").waitFor();
    await host.getByText("Comparer avec l'original", { exact: true }).click();
    const firstPageItem = host.getByRole("listitem", { name: "Page 1" });
    const depositImage = firstPageItem.getByRole("img", { name: "Document déposé, page 1" });
    await depositImage.scrollIntoViewIfNeeded();
    await host.waitForFunction(() => [...document.querySelectorAll("#comparaison img")].slice(0, 2).every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
    const box = firstPageItem.locator("[data-change-region]");
    expect(await box.count()).toBe(1);
    await box.waitFor({ state: "visible" });
    // The red box sits where the date was painted over: about 47–51 % down the page, a third in from the left.
    const [image, region] = [await depositImage.boundingBox(), await box.boundingBox()];
    if (!image || !region) throw new Error("the page image or its red box is not laid out");
    const top = (region.y - image.y) / image.height;
    const left = (region.x - image.x) / image.width;
    expect(top).toBeGreaterThan(0.44);
    expect(top).toBeLessThan(0.52);
    expect(left).toBeGreaterThan(0.25);
    expect(left).toBeLessThan(0.36);
    expect(await host.getByRole("listitem", { name: "Page 2" }).locator("[data-change-region]").count()).toBe(0);
    await firstPageItem.scrollIntoViewIfNeeded();
    await shot(host, "comparaison-avec-original");
    await host.getByLabel("Superposer le dépôt à la convention d'origine").check();
    await host.getByRole("img", { name: "Document déposé superposé, page 1" }).waitFor();
    expect(await host.getByRole("listitem", { name: "Page 1" }).locator("[data-change-region]").count()).toBe(1);
    await shot(host, "comparaison-superposee");
  });

  test("6. axe-core ne trouve aucune violation grave sur les onglets, la page d'une convention et la fiche stage", async () => {
    const page = await openPage();
    await logIn(page, HOST_ADMIN);
    const serious: string[] = [];
    const pages = ["/conventions/non-retournees", "/conventions/en-attente", "/conventions/validees"];
    // Also the page the e-mail deep link opens, and the fiche stage with its Conv. buttons, when the flow got that far.
    if (flow.conventionId) pages.push(`/conventions/${flow.conventionId}`);
    if (flow.fichePath) pages.push(flow.fichePath);
    for (const tab of pages) {
      await page.goto(tab);
      await page.locator("main h1").waitFor();
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const { passes, violations } = await page.evaluate(async () => {
        type AxeResult = { passes: unknown[]; violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
        const result = await (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe.run();
        return {
          passes: result.passes.length,
          violations: result.violations.map((violation) => ({
            id: violation.id, impact: violation.impact, help: violation.help,
            targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
          })),
        };
      });
      // axe really looked at the page (its rules passed on something), not at an empty document.
      expect(passes).toBeGreaterThan(10);
      for (const violation of violations) {
        if (violation.impact === "serious" || violation.impact === "critical") {
          serious.push(`${tab} — ${violation.impact} ${violation.id} (${violation.help}) : ${violation.targets.join(", ")}`);
        }
      }
    }
    await shot(page, "axe-derniere-page");
    expect(serious).toEqual([]);
  });
});
