import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { isBuildStale } from "@/scripts/support/build-freshness";
import { buildApp, startApp, type RunningServer } from "@/scripts/support/next-server";

export const E2E_DIST_DIR = ".next-e2e";

const root = path.join(__dirname, "..", "..", "..");

/** Whether the process that wrote a lock is still running (a killed run leaves its lock behind). */
function isLockHolderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(lock, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user. No pid file yet: its holder is writing it.
    return (error as NodeJS.ErrnoException).code === "EPERM" || !existsSync(path.join(lock, "pid"));
  }
}

/**
 * Several spec files may start at once (one Jest worker each): one builds, the others wait for it and
 * then find the build fresh. The lock is a folder, created atomically, holding its owner's pid.
 */
async function withBuildLock(build: () => void): Promise<void> {
  const lock = path.join(root, `${E2E_DIST_DIR}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      if (existsSync(lock) && !isLockHolderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type E2eApp = { url: string; server: RunningServer; tmpDir: string; dispose: () => Promise<void> };

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Builds the app into its own folder, seeds a small demo into a fresh DATA_DIR, then serves it with
 * `next start`. The database is closed before the server opens it: PGlite has no inter-process lock.
 * `dispose` stops the server and removes the folder whatever happened before.
 */
export async function startE2eApp({ enrollmentCount }: { enrollmentCount: number }): Promise<E2eApp> {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), "conventions-e2e-"));
  const dataDir = path.join(tmpDir, "data");
  let server: RunningServer | null = null;
  const dispose = async () => {
    if (server) await server.stop().catch(() => undefined);
    rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Seeding runs in this process: the generated PDFs carry this server's address in their QR codes.
    Object.assign(process.env, { DATA_DIR: dataDir, APP_URL: url });
    for (const key of ["DATABASE_URL", "FILES_DIR", "UPLOADTHING_TOKEN", "RESEND_API_KEY"]) delete process.env[key];

    await withBuildLock(() => buildApp({ distDir: E2E_DIST_DIR, force: isBuildStale(E2E_DIST_DIR) }));

    const { migrateDatabase, openDatabase } = await import("@/db/client");
    const { seedDemo } = await import("@/lib/server/seed/seed-demo");
    const handle = await openDatabase();
    try {
      await migrateDatabase(handle);
      await seedDemo(handle.db, { enrollmentCount });
    } finally {
      await handle.close();
    }

    server = await startApp({
      port,
      distDir: E2E_DIST_DIR,
      env: {
        DATA_DIR: dataDir, APP_URL: url, AUTH_SECRET: "e2e-secret-not-for-production", DEV_MAILBOX: "1",
        DATABASE_URL: undefined, FILES_DIR: undefined, UPLOADTHING_TOKEN: undefined, RESEND_API_KEY: undefined,
      },
    });
    return { url, server, tmpDir, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
