import { rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_PGLITE_SNAPSHOT) rmSync(process.env.TEST_PGLITE_SNAPSHOT, { force: true });
  const url = process.env.DATABASE_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (url && template) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
}
