/**
 * Searching as a secretary types, in Chromium against `next build && next start` with the demo data:
 * a tab searched by the pupil's names in the other order, by the legal guardian and by a partial
 * date; the header's box finding the convention and the pupil; Stagiaires searched by the guardian;
 * another lycée finding nothing of ours. Screenshots: test-results/e2e/recherche-NN-step.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, logIn, newUserPage, screenshotter } from "./support/browser";
import { startE2eApp, type E2eApp } from "./support/e2e-app";

const HOST_ADMIN = "admin@lycee-demo.test";
const OTHER_HOST = "admin@lycee-autre.test";

/** What a secretary would type: no accents, lower case. */
const typed = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

type Convention = { id: string; lastName: string; firstName: string; guardian: string; date: string };

describe("Rechercher comme on tape, dans Chromium", () => {
  let app: E2eApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const shot = screenshotter("recherche");
  let target: Convention;

  async function openPage(email: string): Promise<Page> {
    if (!app || !browser) throw new Error("Le serveur ou le navigateur n'a pas démarré.");
    const { context, page } = await newUserPage(browser, app.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    contexts.push(context);
    await logIn(page, email);
    return page;
  }

  /** The ids of the conventions a tab lists for the search `q`, once the page shows them. */
  async function searchTab(page: Page, q: string): Promise<string[]> {
    const box = page.getByLabel("Rechercher un stagiaire ou un établissement");
    await box.fill(q);
    await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === q), box.press("Enter")]);
    await page.locator("main table tbody tr").first().waitFor();
    const links = page.locator("main table tbody tr a[href^='/conventions/']:not([href*='#'])");
    const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    return [...new Set(hrefs.map((href) => href.split("/").pop()!))];
  }

  beforeAll(async () => {
    app = await startE2eApp({ enrollmentCount: 60 });
    browser = await launchChromium();
    // The first row of the host's first tab, read as the page shows it.
    const page = await openPage(HOST_ADMIN);
    await page.goto("/conventions/non-retournees?tri=nom");
    const headers = (await page.locator("main table thead th").allInnerTexts()).map((text) => text.trim());
    const row = page.locator("main table tbody tr").first();
    await row.waitFor();
    const cell = async (header: string) => (await row.locator("td").nth(headers.findIndex((text) => text.startsWith(header))).innerText()).trim();
    const link = row.locator("a[href^='/conventions/']:not([href*='#'])").first();
    target = {
      id: (await link.getAttribute("href"))!.split("/").pop()!,
      lastName: await cell("Nom"),
      firstName: await cell("Prénom"),
      guardian: await cell("Responsable"),
      date: (await cell("Date du stage")).match(/\d{2}-\d{2}-\d{4}/)![0],
    };
  }, 900_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.dispose();
  }, 120_000);

  test("un onglet trouve le stagiaire par ses noms dans l'autre ordre, par le responsable légal et par une date partielle", async () => {
    const page = await openPage(HOST_ADMIN);
    await page.goto("/conventions/non-retournees");
    const reversed = typed(`${target.firstName} ${target.lastName}`);
    expect(await searchTab(page, reversed)).toContain(target.id);
    await shot(page, "onglet-prenom-nom", { fullPage: false });

    // The guardian's name without the civility, last name first.
    const guardianWords = target.guardian.split(/\s+/).slice(1).reverse().join(" ");
    expect(await searchTab(page, typed(guardianWords))).toContain(target.id);
    await shot(page, "onglet-responsable", { fullPage: false });

    const dayAndMonth = target.date.slice(0, 5);
    const byDate = await searchTab(page, `${dayAndMonth} ${typed(target.lastName)}`);
    expect(byDate).toContain(target.id);
    await shot(page, "onglet-date-partielle", { fullPage: false });
    expect(await page.locator("main table tbody").innerText()).toContain(target.date);
  });

  test("la case de l'en-tête trouve la convention et le stagiaire par le responsable légal ; un autre lycée ne trouve rien", async () => {
    const guardianLastName = typed(target.guardian.split(/\s+/).pop()!);
    const q = `${guardianLastName} ${target.date}`;
    const host = await openPage(HOST_ADMIN);
    await host.getByPlaceholder("Rechercher un stagiaire…").fill(q);
    await Promise.all([host.waitForURL(/\/recherche\?q=/), host.getByPlaceholder("Rechercher un stagiaire…").press("Enter")]);
    await host.getByRole("heading", { name: /^Conventions/ }).waitFor();
    expect(await host.locator(`main a[href="/conventions/${target.id}"]`).count()).toBe(1);
    await shot(host, "en-tete-convention", { fullPage: false });

    await host.getByRole("searchbox", { name: "Nom, responsable légal, formation ou date" }).fill(guardianLastName);
    await Promise.all([host.waitForURL((url) => url.searchParams.get("q") === guardianLastName), host.getByRole("button", { name: "Rechercher", exact: true }).click()]);
    const pupils = host.locator("main a[href^='/stagiaires/']");
    await pupils.first().waitFor();
    expect((await pupils.allInnerTexts()).join("\n")).toContain(`${target.lastName.toUpperCase()} ${target.firstName}`);
    await shot(host, "en-tete-stagiaire", { fullPage: false });

    const other = await openPage(OTHER_HOST);
    await other.goto(`/recherche?q=${encodeURIComponent(q)}`);
    await other.getByRole("heading", { name: /^Conventions/ }).waitFor();
    expect(await other.locator(`main a[href="/conventions/${target.id}"]`).count()).toBe(0);
    await shot(other, "autre-lycee-rien", { fullPage: false });
  });

  test("Stagiaires trouve l'élève par le nom de son responsable légal", async () => {
    const page = await openPage(HOST_ADMIN);
    const guardianWords = typed(target.guardian.split(/\s+/).slice(1).reverse().join(" "));
    await page.goto(`/stagiaires?q=${encodeURIComponent(guardianWords)}`);
    const names = page.locator("main table tbody tr");
    await names.first().waitFor();
    expect(await page.locator("main table tbody").innerText()).toContain(target.firstName);
    await shot(page, "stagiaires-responsable", { fullPage: false });
  });
});
