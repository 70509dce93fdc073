import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

let axeSource: string | null = null;

/**
 * Runs axe-core on the page as it is shown and returns its serious and critical violations, one line
 * each. axe is evaluated through the DevTools protocol, not added as a <script>: the portal's
 * Content-Security-Policy rightly refuses scripts without its nonce.
 */
export async function seriousAxeViolations(page: Page, label: string): Promise<{ passes: number; serious: string[] }> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const isLoaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!isLoaded) await page.evaluate(axeSource);
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
  }) as { passes: number; violations: AxeViolation[] };
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${label} — ${violation.impact} ${violation.id} (${violation.help}) : ${violation.targets.join(", ")}`);
  return { passes, serious };
}

/** Collects what the browser reports as refused by the Content-Security-Policy, on every page of a context's tab. */
export function recordCspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(text)) refused.push(`${page.url()} : ${text}`);
  });
  return refused;
}
