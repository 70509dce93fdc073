import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase } from "../db/client";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { seedBulkConventions } from "../lib/server/seed/seed-bulk-conventions";
import { conventions } from "../db/schema";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conventions: { type: "string" } } });
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const summary = await seedDemo(handle.db);
    console.log(`Données de démonstration : ${summary.internships} stages, ${summary.enrollments} inscriptions, ${summary.conventionsCreated} conventions créées.`);
    if (values.conventions) {
      const count = Number(values.conventions);
      if (!Number.isInteger(count) || count <= 0) throw new Error("--conventions attend un nombre entier positif.");
      const [sample] = await handle.db.select().from(conventions).limit(1);
      const result = await seedBulkConventions(handle.db, {
        count, originalFileKey: sample.originalFileKey, originalSha256: sample.originalSha256, originalSize: sample.originalSize,
      });
      console.log(`${result.inserted} conventions synthétiques chargées en ${(result.milliseconds / 1000).toFixed(1)} s.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
