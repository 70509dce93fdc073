/**
 * Deposits under load on `next start` with PostgreSQL (`npm run bench -- --only load`):
 *   - 20 concurrent deposits of 1 MB signed conventions (two rounds): latency, errors, deposits per second;
 *   - the same plus 2 hostile fan-out files in flight: a tab page's latency meanwhile, the hostile answers' time;
 *   - two `next start` on one database and one files folder, 40 deposits and 40 validate/invalidate
 *     requests spread over both: states, history, mails and files checked afterwards.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { conventionEvents, conventions, deposits, outbox } from "../db/schema";
import { LocalFileStore } from "../lib/server/files/local-file-store";
import { setFileStoreForTests } from "../lib/server/files/get-file-store";
import { TASK_LIMITS_MS } from "../lib/server/analysis-pool/analysis-pool";
import { prepareSignedConventions } from "./bench-deposit";
import { formFanOutPdf } from "./support/hostile-pdf";
import { buildApp, logInOverHttp, startApp, type RunningServer } from "./support/next-server";

export type BenchRow = { name: string; value: number | string; unit: string; target: string };

const CONCURRENCY = 20;
const ROUNDS = 2;
const TWO_SERVER_DEPOSITS = 40;
const DIST_DIR = ".next-bench";
const DATABASE = "conventions_bench_load";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function freshDatabase(): string {
  const psql = (command: string) => execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-qc", command], { stdio: "pipe" });
  psql(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  psql(`CREATE DATABASE ${DATABASE}`);
  return `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
}

type DepositAnswer = { status: number; ms: number; outcome?: string; recognition?: string; depositId?: string; conventionId?: string };

async function deposit(url: string, cookie: string, bytes: Uint8Array, name: string): Promise<DepositAnswer> {
  const form = new FormData();
  form.append("file", new Blob([bytes as BlobPart], { type: "application/pdf" }), name);
  const started = performance.now();
  const response = await fetch(`${url}/api/conventions/depot`, { method: "POST", body: form, headers: { cookie } });
  const body = (await response.json().catch(() => null)) as { outcome?: string; recognition?: string; depositId?: string; convention?: { id: string } } | null;
  return { status: response.status, ms: performance.now() - started, outcome: body?.outcome, recognition: body?.recognition, depositId: body?.depositId, conventionId: body?.convention?.id };
}

const isAutomatic = (answer: DepositAnswer) => answer.status === 201 && answer.outcome === "deposited" && answer.recognition === "automatic";

/** Calls a server action the way the page's form does (React's reply encoding of `[previousState, formData]`). */
async function callAction(url: string, cookie: string, actionId: string, page: string, fields: Record<string, string>): Promise<number> {
  const form = new FormData();
  form.append("0", JSON.stringify([null, "$K1"]));
  for (const [key, value] of Object.entries(fields)) form.append(`1_${key}`, value);
  const response = await fetch(`${url}${page}`, {
    method: "POST", body: form, redirect: "manual",
    headers: { cookie, "next-action": actionId, accept: "text/x-component" },
  });
  await response.arrayBuffer();
  return response.status;
}

function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids[entry.exportedName] = id;
  return ids;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return check();
}

export async function benchDepositLoad(): Promise<BenchRow[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
  const filesDir = path.join(tmp, "files");
  const databaseUrl = freshDatabase();
  const keys = ["DATA_DIR", "DATABASE_URL", "FILES_DIR", "AUTH_SECRET"] as const;
  const previous = Object.fromEntries(keys.map((key) => [key, process.env[key]]));
  Object.assign(process.env, { DATA_DIR: path.join(tmp, "bench"), DATABASE_URL: databaseUrl, FILES_DIR: filesDir, AUTH_SECRET: "bench-secret" });
  const servers: RunningServer[] = [];
  const rows: BenchRow[] = [];
  try {
    // Originals go to the folder both servers share, whatever store an earlier part of the bench used.
    setFileStoreForTests(new LocalFileStore(filesDir));
    const files = await prepareSignedConventions(CONCURRENCY * ROUNDS + CONCURRENCY + TWO_SERVER_DEPOSITS);
    const averageMb = files.reduce((sum, file) => sum + file.length, 0) / files.length / 1048576;
    // Built once into its own folder (run under `flock /tmp/next-build.lock`), reused while it is there.
    buildApp({ distDir: DIST_DIR });
    const serverEnv = (name: string) => ({
      DATA_DIR: path.join(tmp, name), DATABASE_URL: databaseUrl, FILES_DIR: filesDir, AUTH_SECRET: "bench-secret", DEV_MAILBOX: "1",
      UPLOADTHING_TOKEN: undefined, RESEND_API_KEY: undefined,
    });
    servers.push(await startApp({ port: 3291, distDir: DIST_DIR, env: serverEnv("server-a") }));
    const [first] = servers;
    const staff = await logInOverHttp(first.url, "secretariat@college-demo.test", "demo1234");
    const admin = await logInOverHttp(first.url, "admin@lycee-demo.test", "demo1234");
    let next = 0;
    const take = (count: number) => files.slice(next, (next += count));

    // 1. Signed deposits alone.
    const latencies: number[] = [];
    let errors = 0;
    let busyMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const answers = await Promise.all(take(CONCURRENCY).map((bytes, index) => deposit(first.url, staff, bytes, `charge-${round}-${index}.pdf`)));
      busyMs += performance.now() - started;
      for (const answer of answers) {
        latencies.push(answer.ms);
        if (!isAutomatic(answer)) errors++;
      }
    }
    rows.push(
      { name: `${CONCURRENCY} dépôts simultanés de ${averageMb.toFixed(2)} Mo signés (PostgreSQL) — p50`, value: Math.round(percentile(latencies, 50)), unit: "ms", target: "—" },
      { name: `${CONCURRENCY} dépôts simultanés — p95`, value: Math.round(percentile(latencies, 95)), unit: "ms", target: "≤ 600 ms" },
      { name: `${CONCURRENCY} dépôts simultanés — erreurs ou non reconnus automatiquement, sur ${latencies.length}`, value: errors, unit: "", target: "0" },
      { name: `${CONCURRENCY} dépôts simultanés — débit`, value: ((CONCURRENCY * ROUNDS) / (busyMs / 1000)).toFixed(1), unit: "dépôts/s", target: "—" },
    );

    // 2. The same with two hostile fan-out files in flight, and a tab page read meanwhile.
    const conventionIdForText = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
    let isLoaded = true;
    const tabLatencies: number[] = [];
    const tabReader = (async () => {
      while (isLoaded) {
        const started = performance.now();
        const response = await fetch(`${first.url}/conventions/en-attente`, { headers: { cookie: admin } });
        await response.arrayBuffer();
        if (response.status === 200) tabLatencies.push(performance.now() - started);
      }
    })();
    const [loadAnswers, hostileAnswers] = await Promise.all([
      Promise.all(take(CONCURRENCY).map((bytes, index) => deposit(first.url, staff, bytes, `charge-hostile-${index}.pdf`))),
      Promise.all([0, 1].map((index) => deposit(first.url, staff, formFanOutPdf(conventionIdForText), `hostile-${index}.pdf`))),
    ]);
    isLoaded = false;
    await tabReader;
    const loadErrors = loadAnswers.filter((answer) => !isAutomatic(answer)).length;
    const hostileRefused = hostileAnswers.filter((answer) => answer.status === 422).length;
    rows.push(
      { name: `avec 2 fichiers hostiles (4 × 60 formulaires) en cours — onglet « en attente », p95 sur ${tabLatencies.length} lectures`, value: Math.round(percentile(tabLatencies, 95)), unit: "ms", target: "≤ 300 ms" },
      { name: "avec 2 fichiers hostiles — dépôts signés, p95", value: Math.round(percentile(loadAnswers.map((answer) => answer.ms), 95)), unit: "ms", target: "—" },
      { name: `avec 2 fichiers hostiles — dépôts signés en erreur, sur ${loadAnswers.length}`, value: loadErrors, unit: "", target: "0" },
      { name: `fichiers hostiles refusés (422) : ${hostileRefused}/2 — réponse la plus lente`, value: Math.round(Math.max(...hostileAnswers.map((answer) => answer.ms))), unit: "ms", target: `≤ ${TASK_LIMITS_MS.analyze} ms (limite de la tâche)` },
    );

    // 3. Two servers, one database, one files folder.
    servers.push(await startApp({ port: 3292, distDir: DIST_DIR, env: serverEnv("server-b") }));
    const second = servers[1];
    const staffOn = [staff, await logInOverHttp(second.url, "secretariat@college-demo.test", "demo1234")];
    const adminOn = [admin, await logInOverHttp(second.url, "admin@lycee-demo.test", "demo1234")];
    const both = [first, second];
    const twoServerAnswers = await Promise.all(take(TWO_SERVER_DEPOSITS).map((bytes, index) =>
      deposit(both[index % 2].url, staffOn[index % 2], bytes, `deux-serveurs-${index}.pdf`)));
    const depositErrors = twoServerAnswers.filter((answer) => !isAutomatic(answer)).length;
    const conventionIds = twoServerAnswers.map((answer) => answer.conventionId).filter((id): id is string => Boolean(id));

    const handle = await openDatabase({ url: databaseUrl });
    try {
      const db = handle.db;
      const versions = new Map((await db.select({ id: conventions.id, version: conventions.version }).from(conventions)
        .where(inArray(conventions.id, conventionIds))).map((row) => [row.id, row.version]));
      // Half the conventions get a validation on one server and an invalidation on the other at the same instant.
      const ids = actionIds();
      const raced = conventionIds.slice(0, TWO_SERVER_DEPOSITS / 2);
      const transitionStatuses = await Promise.all(raced.flatMap((id, index) => {
        const version = String(versions.get(id));
        const [validateOn, invalidateOn] = index % 2 === 0 ? [0, 1] : [1, 0];
        return [
          callAction(both[validateOn].url, adminOn[validateOn], ids.validateConventionAction, `/conventions/${id}`, { conventionId: id, version }),
          callAction(both[invalidateOn].url, adminOn[invalidateOn], ids.invalidateConventionAction, `/conventions/${id}`, { conventionId: id, version, reason: "signature-manquante", note: "" }),
        ];
      }));
      const transitionFailures = transitionStatuses.filter((status) => status >= 500).length;

      const finalRows = await db.select().from(conventions).where(inArray(conventions.id, conventionIds));
      const events = await db.select().from(conventionEvents).where(inArray(conventionEvents.conventionId, conventionIds));
      let inconsistent = 0;
      let transitioned = 0;
      for (const convention of finalRows) {
        const history = events.filter((event) => event.conventionId === convention.id).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        const chainHolds = history.every((event, index) => index === 0 || event.fromState === history[index - 1].toState);
        const last = history.at(-1);
        const isRaced = raced.includes(convention.id);
        const afterDeposit = history.filter((event) => event.event !== "generate" && event.event !== "deposit");
        const expectedOneTransition = isRaced ? afterDeposit.length === 1 : afterDeposit.length === 0;
        if (afterDeposit.length === 1) transitioned++;
        if (!chainHolds || !last || last.toState !== convention.state || !expectedOneTransition) inconsistent++;
      }
      rows.push(
        { name: `2 serveurs — dépôts répartis, non reconnus ou en erreur, sur ${TWO_SERVER_DEPOSITS}`, value: depositErrors, unit: "", target: "0" },
        { name: `2 serveurs — ${transitionStatuses.length} demandes valider/invalider (2 par convention, une sur chaque serveur, au même instant) : transitions appliquées`, value: transitioned, unit: "", target: `${raced.length} (une par convention)` },
        { name: "2 serveurs — réponses en erreur serveur (5xx) aux transitions", value: transitionFailures, unit: "", target: "0" },
        { name: `2 serveurs — conventions à l'état ou à l'historique incohérent, sur ${finalRows.length}`, value: inconsistent, unit: "", target: "0" },
      );

      // Every mail queued for these conventions leaves once: the drains of both servers share the outbox.
      const mailsOf = () => db.select().from(outbox).where(inArray(outbox.conventionId, conventionIds));
      await waitFor(async () => (await mailsOf()).every((mail) => mail.status === "sent"), 60_000);
      const mails = await mailsOf();
      const seen = new Set<string>();
      let duplicates = 0;
      for (const mail of mails) {
        const key = `${mail.conventionId}|${mail.template}|${mail.toAddress}`;
        if (seen.has(key)) duplicates++;
        seen.add(key);
      }
      const notOnce = mails.filter((mail) => mail.status !== "sent" || mail.attempts !== 1).length;
      rows.push({ name: `2 serveurs — courriels (${mails.length} dans la boîte d'envoi) non envoyés, envoyés plusieurs fois ou en double`, value: notOnce + duplicates, unit: "", target: "0" });

      const store = new LocalFileStore(filesDir);
      const stored = await db.select({ fileKey: deposits.fileKey }).from(deposits);
      let missing = 0;
      for (const row of stored) if (!(await store.has(row.fileKey))) missing++;
      rows.push({ name: `dépôts dont le fichier manque, sur ${stored.length}`, value: missing, unit: "", target: "0" });
      const peak = Math.max(...servers.map((server) => server.peakRssBytes()));
      rows.push({ name: "mémoire maximale d'un serveur (workers compris)", value: Math.round(peak / 1048576), unit: "Mo", target: "—" });
    } finally {
      await handle.close();
    }
    return rows;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    setFileStoreForTests(undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchDepositLoad().then((rows) => console.table(rows), (error) => { console.error(error); process.exit(1); });
}
