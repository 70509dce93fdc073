import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.join(__dirname, "..", "..", "..", "test-results", "e2e");

/** Waits on expected states are long: the machine running the suite may be saturated. */
export const UI_TIMEOUT = 90_000;

export async function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile of its own.
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function newUserPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, acceptDownloads: true, locale: "fr-FR", viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  return { context, page };
}

/** Fills the login form the page is showing and waits to have left /connexion. */
export async function submitLogin(page: Page, email: string, password = "demo1234"): Promise<void> {
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/connexion");
  await submitLogin(page, email);
}

/**
 * Screenshots numbered in the order of the steps: test-results/e2e/NN-step.png, or PREFIX-NN-step.png
 * for another spec file; each run removes only its own earlier screenshots. `fullPage: false` keeps
 * what the window shows (what is above the fold).
 */
export function screenshotter(prefix = "") {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const own = prefix ? new RegExp(`^${prefix}-\\d{2}-.*\\.png$`) : /^\d{2}-.*\.png$/;
  for (const file of readdirSync(SCREENSHOT_DIR)) if (own.test(file)) rmSync(path.join(SCREENSHOT_DIR, file));
  let count = 0;
  return async (page: Page, step: string, { fullPage = true } = {}) => {
    count += 1;
    const name = `${prefix ? `${prefix}-` : ""}${String(count).padStart(2, "0")}-${step}.png`;
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage });
  };
}

/** Clicks something that answers with a file and returns the downloaded bytes and their suggested name. */
export async function downloadBy(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; fileName: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const filePath = await download.path();
  const failure = await download.failure();
  if (failure) throw new Error(`Téléchargement échoué : ${failure}`);
  return { bytes: readFileSync(filePath), fileName: download.suggestedFilename() };
}
