import { migrateDatabase, openDatabase } from "../db/client";

async function main(): Promise<void> {
  const handle = await openDatabase();
  await migrateDatabase(handle);
  await handle.close();
  console.log(`Migrations appliquées (${handle.driver === "postgres" ? "PostgreSQL" : "PGlite embarqué"}).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
