import type { Db } from "@/db/client";

type ReservedConnection = {
  <Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]>;
  release: () => void;
};
type PostgresClient = { reserve?: () => Promise<ReservedConnection> };
/** Per database handle (one per server process; tests open two), the jobs it leads and the connection holding each lock. */
type GlobalWithLeaders = typeof globalThis & { __conventionsJobLeaders?: WeakMap<Db, Map<string, ReservedConnection>> };
const leadersByDb = ((globalThis as GlobalWithLeaders).__conventionsJobLeaders ??= new WeakMap());

function leadersOf(db: Db): Map<string, ReservedConnection> {
  let leaders = leadersByDb.get(db);
  if (!leaders) leadersByDb.set(db, (leaders = new Map()));
  return leaders;
}

const lockKeyOf = (jobName: string) => `scheduled-job:${jobName}`;

async function isAlive(connection: ReservedConnection): Promise<boolean> {
  try {
    await connection`select 1`;
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this server runs the scheduled job of that name. On PostgreSQL, the first server to take
 * the job's session advisory lock keeps it, on a connection of its own, for as long as it lives:
 * every tick of every other server finds it taken, so the job runs once per tick across N servers;
 * a server that stops or loses its connection frees the lock and the next tick elsewhere takes it.
 * The embedded PGlite serves a single process, which is always the leader.
 */
export async function isJobLeader(db: Db, jobName: string): Promise<boolean> {
  const client = (db as unknown as { $client?: PostgresClient }).$client;
  if (!client?.reserve) return true;
  const leaders = leadersOf(db);
  const held = leaders.get(jobName);
  if (held) {
    if (await isAlive(held)) return true;
    leaders.delete(jobName);
    held.release();
  }
  const connection = await client.reserve();
  try {
    const [row] = await connection<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${lockKeyOf(jobName)})) as locked`;
    if (row?.locked) {
      leaders.set(jobName, connection);
      return true;
    }
  } catch {
    // The database is unreachable: no one here runs the job this tick.
  }
  connection.release();
  return false;
}

/** Gives the job up (server shutting down, tests): another server's next tick takes it. */
export async function releaseJobLeadership(db: Db, jobName: string): Promise<void> {
  const leaders = leadersOf(db);
  const held = leaders.get(jobName);
  if (!held) return;
  leaders.delete(jobName);
  try {
    await held`select pg_advisory_unlock(hashtext(${lockKeyOf(jobName)}))`;
  } finally {
    held.release();
  }
}
