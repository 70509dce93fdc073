import { readFileSync } from "node:fs";
import { analyzeConventionPdf } from "/work/main/lib/core/pdf-analysis/analyze-convention-pdf";
const bytes = new Uint8Array(readFileSync(process.argv[2]));
(async () => {
  for (let i = 0; i < 5; i++) await analyzeConventionPdf(bytes);
  const t = performance.now();
  for (let i = 0; i < 50; i++) await analyzeConventionPdf(bytes);
  console.log(((performance.now() - t) / 50).toFixed(2), "ms");
})();
