/**
 * What a school secretary meets beyond the main flow, in a real browser against `next build && next
 * start` with the demo data: a file filed under the wrong pupil, a file modified after its signature,
 * the expected signatures, a withdrawn validation, a file link opened without a session, the way to a
 * convention's page, confirmations, French error pages; axe-core and the Content-Security-Policy on
 * every page. Screenshots: test-results/e2e/parcours-NN-step.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PNG } from "pngjs";
import { PopplerSigner } from "@/scripts/support/poppler-signer";
import { downloadBy, launchChromium, logIn, newUserPage, screenshotter } from "./support/browser";
import { recordCspViolations, seriousAxeViolations } from "./support/axe";
import { startE2eApp, type E2eApp } from "./support/e2e-app";
import { appendUpdate, nextObjectNumber, objectText, pageNumbers, streamBody, withEntries } from "../support/pdf-updates";

const HOST_ADMIN = "admin@lycee-demo.test";
const ORIGIN_STAFF = "secretariat@college-demo.test";

type Row = { id: string; name: string };

/** A handwritten-looking stroke on white, as a scanned signature image. */
function signatureImage(): Buffer {
  const png = new PNG({ width: 300, height: 100 });
  png.data.fill(255);
  for (let x = 20; x < 280; x++) {
    const y = Math.round(50 + 25 * Math.sin(x / 18));
    for (let dy = -2; dy <= 2; dy++) {
      const offset = ((y + dy) * 300 + x) * 4;
      png.data[offset] = png.data[offset + 1] = png.data[offset + 2] = 20;
    }
  }
  return PNG.sync.write(png);
}

describe("Ce qu'une secrétaire voit, page après page, dans Chromium", () => {
  let app: E2eApp | undefined;
  let browser: Browser | undefined;
  let signer: PopplerSigner | undefined;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];
  const visited = new Set<string>();
  const shot = screenshotter("parcours");

  async function openPage(viewport = { width: 1400, height: 1000 }): Promise<Page> {
    if (!app || !browser) throw new Error("Le serveur ou le navigateur n'a pas démarré.");
    const { context, page } = await newUserPage(browser, app.url);
    await page.setViewportSize(viewport);
    contexts.push(context);
    const refused = recordCspViolations(page);
    page.on("close", () => cspViolations.push(...refused));
    page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) visited.add(new URL(frame.url()).pathname); });
    return page;
  }

  /** The first rows of a tab for the signed-in user: each convention's id and "NOM Prénom". */
  async function tabRows(page: Page, path: string, count: number): Promise<Row[]> {
    await page.goto(path);
    const rows = page.locator("main table tbody tr");
    await rows.first().waitFor();
    const found: Row[] = [];
    for (let index = 0; index < Math.min(count, await rows.count()); index++) {
      // The pupil's name is the row's first link to a convention page; the first name is the next cell.
      const link = rows.nth(index).locator("a[href^='/conventions/']:not([href*='#'])").first();
      const id = (await link.getAttribute("href"))!.split("/").pop()!;
      const firstName = (await link.locator("xpath=ancestor::td[1]/following-sibling::td[1]").innerText()).trim();
      found.push({ id, name: `${(await link.innerText()).trim()} ${firstName}` });
    }
    return found;
  }

  const answers = (page: Page) => page.getByRole("list", { name: "Fichiers déposés" }).getByRole("listitem");

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

  test("1. un fichier qui désigne un autre stagiaire : le collège confirme en connaissance de cause, l'accueil le voit en rouge", async () => {
    const origin = await openPage();
    await logIn(origin, ORIGIN_STAFF);
    const [named, chosen] = await tabRows(origin, "/conventions/non-retournees?tri=nom", 2);
    // The convention generated for `named`, dropped in the box: the file names that pupil.
    const file = await origin.context().request.get(`/api/conventions/${named.id}/pdf?version=original`);
    await origin.getByLabel("Fichiers PDF à déposer").setInputFiles({ name: "convention.pdf", mimeType: "application/pdf", buffer: await file.body() });
    const item = answers(origin).first();
    await item.filter({ hasText: /Convention probable|Refusé|Non reconnue/ }).waitFor();
    expect(await item.innerText()).toContain(`Convention probable : ${named.name}`);

    await item.getByText("Ce n'est pas ce stagiaire ? Choisir dans la liste").click();
    await item.getByLabel(/Rechercher le stagiaire/).fill(chosen.name.split(" ")[0]);
    await item.getByRole("radio").first().waitFor();
    await item.getByRole("listitem").filter({ hasText: chosen.name.split(" ").slice(1).join(" ") }).getByRole("radio").first().check();
    await item.getByRole("button", { name: `Déposer pour ${chosen.name}` }).click();
    await item.filter({ hasText: /Attention : le fichier d'origine désigne/ }).waitFor();
    expect(await item.innerText()).toContain(`désigne la convention de ${named.name}, pas celle de ${chosen.name}`);
    await shot(origin, "mauvais-stagiaire-question");
    await item.getByRole("button", { name: `Je confirme : déposer pour ${chosen.name}` }).click();
    await item.filter({ hasText: /Déposée pour|Refusé/ }).waitFor();
    const filed = await item.innerText();
    expect(filed).toContain(`Déposée pour ${chosen.name}.`);
    expect(filed).toContain("Attention : ce fichier désigne une autre convention que celle-ci");
    await shot(origin, "mauvais-stagiaire-depose");

    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    await host.goto(`/conventions/en-attente?q=${encodeURIComponent(chosen.name)}`);
    const row = host.locator("main table tbody tr").filter({ has: host.locator(`a[href="/conventions/${chosen.id}"]`) }).first();
    await row.getByText("autre stagiaire ?").waitFor();
    await shot(host, "mauvais-stagiaire-onglet");
    await host.goto(`/conventions/${chosen.id}`);
    const alert = host.getByRole("alert").filter({ hasText: "le document déposé désigne une autre convention que celle-ci" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`convention de ${named.name}`);
    await shot(host, "mauvais-stagiaire-page-accueil");
  });

  test("3 et 6. un document modifié après sa signature : le même état des deux côtés, et les trois signatures attendues", async () => {
    const origin = await openPage();
    await logIn(origin, ORIGIN_STAFF);
    const [target] = await tabRows(origin, "/conventions/non-retournees?tri=nom&ordre=desc", 1);
    const original = await (await origin.context().request.get(`/api/conventions/${target.id}/pdf?version=original`)).body();
    signer = PopplerSigner.create();
    const signed = signer.sign(original);
    // After signing, an update paints a box over page 1: what a "quick fix" in an editor leaves.
    const [firstPage] = pageNumbers(signed);
    const pageText = objectText(signed, firstPage);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(pageText)!;
    const overlay = nextObjectNumber(signed);
    const existing = contents[1].startsWith("[") ? contents[1].slice(1, -1).trim() : contents[1];
    const altered = appendUpdate(signed, [
      { num: overlay, body: streamBody("q 1 1 1 rg 185 398 150 16 re f Q") },
      { num: firstPage, body: withEntries(pageText, `/Contents [${existing} ${overlay} 0 R]`, ["Contents"]) },
    ]);

    await origin.getByLabel("Fichiers PDF à déposer").setInputFiles({ name: "convention-corrigee.pdf", mimeType: "application/pdf", buffer: Buffer.from(altered) });
    const item = answers(origin).first();
    await item.filter({ hasText: /Convention probable|Reconnue|Refusé|Non reconnue|Déposée/ }).waitFor();
    const status = item.getByRole("alert").filter({ hasText: "modifié après sa signature" }).first();
    await status.waitFor();
    const statusTitle = (await status.locator("p.font-medium").innerText()).trim();
    expect(statusTitle).toMatch(/^Attention : le document a été modifié après sa signature/);
    await shot(origin, "modifie-apres-signature-collège");
    await item.getByRole("button", { name: `Confirmer : ${target.name}` }).click();
    await item.filter({ hasText: /Déposée pour|Refusé/ }).waitFor();
    expect(await item.innerText()).toContain(statusTitle);
    await shot(origin, "modifie-apres-signature-confirme");

    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    await host.goto(`/conventions/${target.id}`);
    const panel = host.locator("section").filter({ has: host.getByRole("heading", { name: "Signatures du document actuel" }) });
    await panel.getByText(statusTitle).waitFor();
    expect(await panel.getByText("Intacte : le contenu signé n'a pas été altéré").count()).toBe(0);
    const expected = panel.getByRole("list", { name: "Signatures attendues" });
    expect(await expected.innerText()).toMatch(/Établissement d'accueil : signature électronique absente/);
    expect(await expected.innerText()).toMatch(/Responsable légal : signature électronique absente/);
    expect(await expected.getByRole("listitem").count()).toBe(3);
    await shot(host, "modifie-apres-signature-accueil");
  });

  test("4. une convention validée puis invalidée garde son motif dans l'onglet et sur la fiche de l'élève ; ses dépôts restent listés", async () => {
    // A convention of the demo collège's, so that its secretary then finds the pupil in Stagiaires.
    const origin = await openPage();
    await logIn(origin, ORIGIN_STAFF);
    const [validated] = await tabRows(origin, "/conventions/validees", 1);
    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    await host.goto(`/conventions/${validated.id}`);
    await host.getByLabel("Motif (obligatoire)").selectOption({ label: "Signature manquante" });
    await host.getByRole("button", { name: "Invalider", exact: true }).click();
    await host.waitForURL(/\/conventions\/non-retournees/);
    await host.goto(`/conventions/non-retournees?q=${encodeURIComponent(validated.name)}`);
    const row = host.locator("main table tbody tr").filter({ has: host.locator(`a[href="/conventions/${validated.id}"]`) }).first();
    expect(await row.innerText()).toMatch(/Invalidée le \d{2}-\d{2}-\d{4} : Signature manquante/);
    await shot(host, "invalidee-apres-validation-onglet");

    await host.goto(`/conventions/${validated.id}`);
    const panel = host.locator("section").filter({ has: host.getByRole("heading", { name: "Signatures du document actuel" }) });
    const text = await panel.innerText();
    expect(text).not.toContain("Aucun document déposé");
    expect(text).toMatch(/Le document actuel est la convention d'origine, non signée : (le fichier déposé reste|les \d+ fichiers déposés restent) dans l'historique/);
    await shot(host, "invalidee-apres-validation-page");

    await origin.goto(`/stagiaires?q=${encodeURIComponent(validated.name.split(" ")[0])}`);
    await origin.getByRole("link", { name: /fiche de /i }).first().click();
    await origin.waitForURL(/\/stagiaires\/[0-9a-f-]{36}$/);
    await origin.getByText(/Invalidée le \d{2}-\d{2}-\d{4} : Signature manquante/).first().waitFor();
    await shot(origin, "invalidee-apres-validation-fiche-eleve");
  });

  test("10. un lien Conv. ouvert sans session mène à la connexion puis au fichier", async () => {
    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    const [row] = await tabRows(host, "/conventions/non-retournees", 1);
    const stranger = await openPage();
    await stranger.goto(`/api/conventions/${row.id}/pdf?version=original`);
    await stranger.waitForURL(/\/connexion\?retour=/);
    await shot(stranger, "lien-conv-connexion");
    await stranger.getByLabel("Adresse e-mail").fill(HOST_ADMIN);
    await stranger.getByLabel("Mot de passe").fill("demo1234");
    const { bytes } = await downloadBy(stranger, () => stranger.getByRole("button", { name: "Se connecter" }).click());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("13 et 12. à 1280×800, les premières lignes de chaque onglet sont visibles ; « Ouvrir la fiche » mène à la page de la convention", async () => {
    for (const account of [HOST_ADMIN, ORIGIN_STAFF]) {
      const page = await openPage({ width: 1280, height: 800 });
      await logIn(page, account);
      for (const tab of ["non-retournees", "en-attente", "validees"]) {
        await page.goto(`/conventions/${tab}`);
        const rows = page.locator("main table tbody tr");
        await rows.first().waitFor();
        await shot(page, `${account.startsWith("admin") ? "accueil" : "college"}-${tab}-1280x800`, { fullPage: false });
        // More than the two rows the secretary saw: the first two whole, the third begun above the fold.
        const count = await rows.count();
        expect(count).toBeGreaterThan(1);
        const second = await rows.nth(1).boundingBox();
        expect(second!.y + second!.height).toBeLessThanOrEqual(800);
        if (count > 2) expect((await rows.nth(2).boundingBox())!.y).toBeLessThan(760);
      }
      const first = page.locator("main table tbody tr").first();
      const href = await first.locator("a[href^='/conventions/']").first().getAttribute("href");
      await first.getByRole("link", { name: "Ouvrir la fiche" }).click();
      await page.waitForURL((url) => url.pathname === href);
      await page.getByRole("heading", { name: /^Convention de / }).waitFor();
    }
  });

  test("16. « Valider la conformité » et « Supprimer la signature » demandent confirmation", async () => {
    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    const [pending] = await tabRows(host, "/conventions/en-attente?tri=nom", 1);
    const row = host.locator("main table tbody tr").filter({ has: host.locator(`a[href="/conventions/${pending.id}"]`) }).first();
    await row.getByRole("button", { name: "Valider la conformité" }).click();
    await row.getByRole("button", { name: "Oui, valider" }).waitFor();
    expect(await row.innerText()).toContain(`Valider la convention de ${pending.name} ?`);
    await shot(host, "confirmation-valider");
    await row.getByRole("button", { name: "Annuler" }).click();
    await row.getByRole("button", { name: "Valider la conformité" }).waitFor();
    expect(host.url()).toContain("/conventions/en-attente");

    await host.goto("/options");
    await host.getByLabel(/Choisir une image|Remplacer par une nouvelle image/).setInputFiles({ name: "signature.png", mimeType: "image/png", buffer: signatureImage() });
    await host.getByRole("button", { name: "Enregistrer la signature" }).click();
    const remove = host.getByRole("button", { name: "Supprimer la signature" });
    await remove.waitFor();
    await remove.click();
    await host.getByRole("button", { name: "Oui, supprimer" }).waitFor();
    await shot(host, "confirmation-supprimer-signature");
    await host.getByRole("button", { name: "Annuler" }).click();
    await remove.waitFor();
    expect(await host.getByRole("img", { name: "Signature enregistrée de votre établissement" }).count()).toBe(1);
  });

  test("7. une adresse inconnue donne une page en français", async () => {
    const page = await openPage();
    await logIn(page, HOST_ADMIN);
    const response = await page.goto("/conventions/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
    await page.goto("/cette-page-n-existe-pas");
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
    await shot(page, "page-introuvable");
  });

  test("axe-core sur chaque page du portail, pour les deux rôles, et aucune ressource refusée par la politique de sécurité", async () => {
    const serious: string[] = [];
    const check = async (page: Page, path: string) => {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      const result = await seriousAxeViolations(page, path);
      expect(result.passes).toBeGreaterThan(10);
      serious.push(...result.serious);
    };
    const anonymous = await openPage();
    await check(anonymous, "/connexion");

    const host = await openPage();
    await logIn(host, HOST_ADMIN);
    const [hostConvention] = await tabRows(host, "/conventions/en-attente", 1);
    await host.goto("/stages");
    const stageHref = await host.locator("main a[href^='/stages/']").filter({ hasNotText: /Nouveau/ }).first().getAttribute("href");
    await host.goto("/stagiaires");
    const studentHref = await host.locator("main a[href^='/stagiaires/']").filter({ hasText: "Info" }).first().getAttribute("href");
    await host.goto("/dev/courriels");
    const mailHref = await host.locator("main a[href^='/dev/courriels/']").first().getAttribute("href");
    const hostPages = [
      "/tableau-de-bord", "/conventions/non-retournees", "/conventions/en-attente", "/conventions/validees",
      `/conventions/${hostConvention.id}`, "/stages", stageHref!, `${stageHref}/modifier`, "/stages/nouveau", "/calendrier",
      "/stagiaires", studentHref!, "/options", "/contacts", `/recherche?q=${encodeURIComponent(hostConvention.name.split(" ")[0])}`,
      "/dev/courriels", mailHref!, "/cette-page-n-existe-pas",
    ];
    for (const path of hostPages) await check(host, path);

    const origin = await openPage();
    await logIn(origin, ORIGIN_STAFF);
    const [originConvention] = await tabRows(origin, "/conventions/non-retournees", 1);
    await origin.goto("/stagiaires");
    const pupilHref = await origin.locator("main a[href^='/stagiaires/']").filter({ hasText: "Info" }).first().getAttribute("href");
    const originPages = [
      "/tableau-de-bord", "/conventions/non-retournees", "/conventions/en-attente", "/conventions/validees",
      `/conventions/${originConvention.id}`, "/stages", "/calendrier", "/stagiaires", pupilHref!, `${pupilHref}/modifier`,
      "/stagiaires/nouveau", "/options", "/contacts",
    ];
    for (const path of originPages) await check(origin, path);

    // The deposit page a mail's link opens, without an account.
    await host.goto(mailHref!);
    const depositLink = await host.locator("a[href*='/depot/']").first().getAttribute("href").catch(() => null);
    if (depositLink) await check(anonymous, new URL(depositLink).pathname);
    await shot(origin, "axe-derniere-page");

    for (const page of [anonymous, host, origin]) await page.close();
    expect(serious).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(visited.size).toBeGreaterThan(25);
  });
});
