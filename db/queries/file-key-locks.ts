import { sql } from "drizzle-orm";
import type { Tx } from "../client";

// One lock per stored file, for the transaction's duration; hashtext keeps the key a 32-bit integer.
const lockIdOf = (fileKey: string) => sql`hashtext(${`stored-file:${fileKey}`})`;

/**
 * Taken by a transaction that records a row pointing at a stored file: the clean-up cannot decide
 * that file is unreferenced, and delete it, until the row is committed (or rolled back).
 */
export async function lockFileKeyForReference(tx: Tx, fileKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${lockIdOf(fileKey)})`);
}

/** Taken by the clean-up around "is this file referenced? then delete it", exclusive of every recording transaction. */
export async function lockFileKeyForRemoval(tx: Tx, fileKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockIdOf(fileKey)})`);
}
