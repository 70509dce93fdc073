import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import os from "node:os";

/**
 * Migrates one template database per run: a PGlite snapshot file, and on PostgreSQL a template
 * database. Each test file then starts from a copy, which is much faster than migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const { openDatabase, migrateDatabase } = await import("../../db/client");
  const dir = path.join(os.tmpdir(), "conventions-tests");
  mkdirSync(dir, { recursive: true });

  const pglite = await openDatabase({ url: "", dataDir: "memory://" });
  await migrateDatabase(pglite);
  const client = (pglite.db as unknown as { $client: { dumpDataDir: (c: "none") => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  const snapshot = path.join(dir, `pglite-${process.pid}.tar`);
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  process.env.TEST_PGLITE_SNAPSHOT = snapshot;

  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const template = `conventions_template_${process.pid}`;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const target = new URL(url);
    target.pathname = `/${template}`;
    const handle = await openDatabase({ url: target.toString() });
    await migrateDatabase(handle);
    await handle.close();
    await admin.end();
    process.env.TEST_PG_TEMPLATE = template;
  }
}
