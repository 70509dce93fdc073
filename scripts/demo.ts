import { spawn } from "node:child_process";
import { migrateDatabase, openDatabase } from "../db/client";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { DEMO_PASSWORD, demoUsers } from "../lib/server/seed/demo-data";
import { isBuildStale } from "./support/build-freshness";
import { buildApp } from "./support/next-server";

/**
 * `npm run demo`: migrate, seed, then serve a production build (built once, rebuilt only when the
 * sources changed) on PORT (3000 by default). DEMO_MODE=development serves `next dev` instead.
 */
async function main(): Promise<void> {
  const port = process.env.PORT ?? "3000";
  // Links in mails, PDFs and QR codes point at the port actually served unless APP_URL says otherwise.
  process.env.APP_URL ??= `http://localhost:${port}`;
  const isDevelopment = process.env.DEMO_MODE === "development";
  if (!isDevelopment && !process.env.RESEND_API_KEY) {
    // A demo on one's own machine keeps its mails readable at /dev/courriels.
    process.env.DEV_MAILBOX ??= "1";
  }
  if (!isDevelopment && isBuildStale(".next")) {
    console.log("Construction du portail (next build), une fois ; elle est réutilisée tant que les sources ne changent pas…");
    buildApp({ distDir: ".next", force: true });
  }
  // The embedded database has no inter-process lock: seed, close, and only then start the server.
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const summary = await seedDemo(handle.db);
  await handle.close();

  const base = process.env.APP_URL;
  console.log(`\nBase ${handle.driver === "postgres" ? "PostgreSQL" : "embarquée (PGlite, dossier .data/)"} prête : ${summary.internships} stages, ${summary.enrollments} inscriptions.`);
  console.log(`Portail : ${base}/connexion\nComptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») :`);
  for (const user of demoUsers) console.log(`  - ${user.email}  (${user.role === "host_admin" ? "administrateur du lycée d'accueil" : "secrétariat d'un collège"})`);
  console.log("");

  const mode = isDevelopment ? ["dev"] : ["start"];
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", ...mode, "--port", port], { stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
