import { spawn } from "node:child_process";
import { migrateDatabase, openDatabase } from "../db/client";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { DEMO_PASSWORD, demoUsers } from "../lib/server/seed/demo-data";

async function main(): Promise<void> {
  // The embedded database has no inter-process lock: seed, close, and only then start the server.
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const summary = await seedDemo(handle.db);
  await handle.close();

  const base = process.env.APP_URL ?? "http://localhost:3000";
  console.log(`\nBase ${handle.driver === "postgres" ? "PostgreSQL" : "embarquée (PGlite, dossier .data/)"} prête : ${summary.internships} stages, ${summary.enrollments} inscriptions.`);
  console.log(`Portail : ${base}/connexion\nComptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») :`);
  for (const user of demoUsers) console.log(`  - ${user.email}  (${user.role === "host_admin" ? "administrateur du lycée d'accueil" : "secrétariat d'un collège"})`);
  console.log("");

  const mode = process.env.DEMO_MODE === "production" ? ["start"] : ["dev"];
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", ...mode, "--port", process.env.PORT ?? "3000"], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
