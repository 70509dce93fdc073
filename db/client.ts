import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { dataDir, serverEnv } from "@/lib/server/config/env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: use-cases accept both. */
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; driver: "postgres" | "pglite"; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** PGlite's folder: `.data/pglite`, or under DATA_DIR when set (tests and benchmarks use their own). */
export function embeddedDataDir(): string {
  return path.join(dataDir(), "pglite");
}

/** Opens the database named by DATABASE_URL, or the embedded PGlite folder when it is unset. */
export async function openDatabase(options: { url?: string; dataDir?: string } = {}): Promise<DbHandle> {
  const env = serverEnv();
  const url = options.url ?? env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, { max: env.DATABASE_POOL_SIZE ?? 10, onnotice: () => {} });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? embeddedDataDir();
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

type GlobalWithDb = typeof globalThis & { __conventionsDb?: Promise<DbHandle>; __conventionsDbOverride?: Db };
const globalForDb = globalThis as GlobalWithDb;

/**
 * The process-wide database, migrated on first use. Kept on globalThis so that hot reloads in
 * development never open the PGlite folder twice.
 */
export async function getDb(): Promise<Db> {
  if (globalForDb.__conventionsDbOverride) return globalForDb.__conventionsDbOverride;
  globalForDb.__conventionsDb ??= (async () => {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    return handle;
  })();
  return (await globalForDb.__conventionsDb).db;
}

/** Test hook: route every getDb() call of this process to the given database. */
export function setDbForTests(db: Db | undefined): void {
  globalForDb.__conventionsDbOverride = db;
}

/** Rows of a raw `db.execute()`: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
