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
import { asc, inArray } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { conventionEvents, conventions, deposits, outbox } from "../db/schema";
import { sha256Hex } from "../lib/server/files/file-store";
import { LocalFileStore } from "../lib/server/files/local-file-store";
import { hostAdminRecipients, schoolRecipients } from "../lib/server/mail/queue-mail";
import { setFileStoreForTests } from "../lib/server/files/get-file-store";
import { TASK_LIMITS_MS } from "../lib/server/analysis-pool/analysis-pool";
import { prepareSignedConventions } from "./bench-deposit";
import { formFanOutPdf } from "./support/hostile-pdf";
import { isBuildStale } from "./support/build-freshness";
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

type ActionAnswer = { status: number; isApplied: boolean; message: string | null };

/**
 * Calls a server action as the page's form does once hydrated: a fetch to the page with the action's id
 * in `Next-Action` and React's reply encoding of `useActionState`'s arguments `[previousState, formData]`
 * (the form's fields as "_1_<name>", then row "0" holding `[null,"$K1"]`). A transition the action
 * applied answers with a redirect in `x-action-redirect`; a refused one with the French message.
 */
async function callAction(url: string, cookie: string, actionId: string, page: string, fields: Record<string, string>): Promise<ActionAnswer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  // Last, as React writes it: the server resolves "$K1" from the fields it has read before the root row.
  form.append("0", JSON.stringify([null, "$K1"]));
  const response = await fetch(`${url}${page}`, {
    method: "POST", body: form, redirect: "manual",
    headers: { cookie, origin: url, "next-action": actionId, accept: "text/x-component" },
  });
  const body = await response.text();
  const redirect = response.headers.get("x-action-redirect");
  const message = body.match(/"message":"((?:[^"\\]|\\.)*)"/)?.[1] ?? null;
  return { status: response.status, isApplied: Boolean(redirect && /[?&]message=convention-(validee|invalidee)/.test(redirect)), message };
}

/** The id under which the build registered each server action, by its exported name. */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids[entry.exportedName] = id;
  for (const name of ["validateConventionAction", "invalidateConventionAction"]) {
    if (!ids[name]) throw new Error(`Action ${name} absente du manifeste de ${DIST_DIR}.`);
  }
  return ids;
}

type TwoServerInput = {
  servers: [RunningServer, RunningServer]; files: Uint8Array[]; databaseUrl: string; filesDir: string; staffOnFirst: string; adminOnFirst: string;
};

type Race = { conventionId: string; validateOn: number; validate: ActionAnswer; invalidate: ActionAnswer };

/** The mails each event of a convention's history queues: template and recipient, once each. */
async function expectedMails(
  recipients: (schoolId: string, who: "school" | "host-admins") => Promise<string[]>,
  convention: { hostSchoolId: string; originSchoolId: string },
  events: string[],
): Promise<string[]> {
  const origin = await recipients(convention.originSchoolId, "school");
  const hostAdmins = await recipients(convention.hostSchoolId, "host-admins");
  const byEvent: Record<string, [string, string[]]> = {
    generate: ["convention-generated", origin],
    deposit: ["validation-requested", hostAdmins],
    validate: ["convention-validated", origin],
    invalidate: ["convention-invalidated", origin],
  };
  return events.flatMap((event) => {
    const [template, recipients] = byEvent[event] ?? [`inattendu:${event}`, [""]];
    return recipients.map((to) => `${template}|${to}`);
  }).sort();
}

/**
 * Two `next start` on one PostgreSQL and one files folder: deposits spread over both, then for every
 * deposited convention a validation on one server and an invalidation on the other at the same
 * instant. Exactly one of the two may apply; the answers, the rows, the history, the outbox and the
 * files must all tell the same story.
 */
async function benchTwoServers({ servers, files, databaseUrl, filesDir, staffOnFirst, adminOnFirst }: TwoServerInput): Promise<BenchRow[]> {
  const staffOn = [staffOnFirst, await logInOverHttp(servers[1].url, "secretariat@college-demo.test", "demo1234")];
  const adminOn = [adminOnFirst, await logInOverHttp(servers[1].url, "admin@lycee-demo.test", "demo1234")];
  const depositAnswers = await Promise.all(files.map((bytes, index) =>
    deposit(servers[index % 2].url, staffOn[index % 2], bytes, `deux-serveurs-${index}.pdf`)));
  const depositErrors = depositAnswers.filter((answer) => !isAutomatic(answer)).length;
  const deposited = depositAnswers.filter((answer) => isAutomatic(answer) && answer.conventionId && answer.depositId);
  const conventionIds = deposited.map((answer) => answer.conventionId!);

  const handle = await openDatabase({ url: databaseUrl });
  try {
    const db = handle.db;
    const versions = new Map((await db.select({ id: conventions.id, version: conventions.version }).from(conventions)
      .where(inArray(conventions.id, conventionIds))).map((row) => [row.id, String(row.version)]));
    const ids = actionIds();
    const races: Race[] = await Promise.all(conventionIds.map(async (conventionId, index) => {
      const validateOn = index % 2;
      const fields = { conventionId, version: versions.get(conventionId) ?? "" };
      const [validate, invalidate] = await Promise.all([
        callAction(servers[validateOn].url, adminOn[validateOn], ids.validateConventionAction, `/conventions/${conventionId}`, fields),
        callAction(servers[1 - validateOn].url, adminOn[1 - validateOn], ids.invalidateConventionAction, `/conventions/${conventionId}`,
          { ...fields, reason: "signature-manquante", note: "" }),
      ]);
      return { conventionId, validateOn, validate, invalidate };
    }));
    const answers = races.flatMap((race) => [race.validate, race.invalidate]);
    const serverErrors = answers.filter((answer) => answer.status >= 500).length;
    // One request of each pair applies; the other is told, in French, that the convention changed meanwhile.
    const badPairs = races.filter((race) => Number(race.validate.isApplied) + Number(race.invalidate.isApplied) !== 1
      || [race.validate, race.invalidate].some((answer) => !answer.isApplied && !answer.message)).length;
    const appliedOnSecond = races.filter((race) => (race.validate.isApplied && race.validateOn === 1) || (race.invalidate.isApplied && race.validateOn === 0)).length;

    const finalRows = await db.select().from(conventions).where(inArray(conventions.id, conventionIds));
    const events = await db.select().from(conventionEvents).where(inArray(conventionEvents.conventionId, conventionIds)).orderBy(asc(conventionEvents.id));
    const mailsOf = () => db.select().from(outbox).where(inArray(outbox.conventionId, conventionIds));
    await waitFor(async () => (await mailsOf()).every((mail) => mail.status === "sent"), 60_000);
    const mails = await mailsOf();
    // Every convention here shares the same two schools: their recipients are read once.
    const recipientLists = new Map<string, Promise<string[]>>();
    const recipients = (schoolId: string, who: "school" | "host-admins") => {
      const key = `${who}|${schoolId}`;
      if (!recipientLists.has(key)) recipientLists.set(key, who === "school" ? schoolRecipients(db, schoolId) : hostAdminRecipients(db, schoolId));
      return recipientLists.get(key)!;
    };
    let transitioned = 0;
    let inconsistent = 0;
    let wrongMails = 0;
    for (const convention of finalRows) {
      const history = events.filter((event) => event.conventionId === convention.id);
      const race = races.find((entry) => entry.conventionId === convention.id)!;
      const winner = race.validate.isApplied ? "validate" : race.invalidate.isApplied ? "invalidate" : null;
      const names = history.map((event) => event.event);
      const chainHolds = history.every((event, index) => event.fromState === (index === 0 ? null : history[index - 1].toState));
      const expectedState = winner === "validate" ? "validated" : "pending_validation";
      if (names.length === 3 && names[2] === winner) transitioned++;
      const depositAnswer = deposited.find((answer) => answer.conventionId === convention.id)!;
      if (!chainHolds || names.join(",") !== `generate,deposit,${winner}` || history.at(-1)?.toState !== convention.state
        || convention.state !== expectedState || convention.version !== history.length
        || convention.currentDepositId !== depositAnswer.depositId || (winner === "invalidate") !== Boolean(convention.invalidatedAt)) {
        inconsistent++;
      }
      const sent = mails.filter((mail) => mail.conventionId === convention.id);
      const expected = await expectedMails(recipients, convention, names);
      const actual = sent.map((mail) => `${mail.template}|${mail.toAddress}`).sort();
      // Sent once: a second claim by either server's drain would count a second attempt.
      if (actual.join("\n") !== expected.join("\n") || sent.some((mail) => mail.status !== "sent" || mail.attempts !== 1)) wrongMails++;
    }

    const store = new LocalFileStore(filesDir);
    const stored = await db.select({ fileKey: deposits.fileKey, sha256: deposits.sha256 }).from(deposits);
    let missing = 0;
    for (const row of stored) {
      const bytes = await store.get(row.fileKey).catch(() => null);
      if (!bytes || sha256Hex(bytes) !== row.sha256) missing++;
    }
    return [
      { name: `2 serveurs — dépôts répartis, non reconnus ou en erreur, sur ${files.length}`, value: depositErrors, unit: "", target: "0" },
      { name: `2 serveurs — ${answers.length} demandes valider/invalider (une de chaque par convention, sur les deux serveurs au même instant) : transitions appliquées, dont ${appliedOnSecond} par le second serveur`, value: transitioned, unit: "", target: `${files.length} (une par convention)` },
      { name: "2 serveurs — paires où ni l'une ni l'autre, ou les deux, ont été appliquées, ou refus sans message", value: badPairs, unit: "", target: "0" },
      { name: "2 serveurs — réponses en erreur serveur (5xx) aux transitions", value: serverErrors, unit: "", target: "0" },
      { name: `2 serveurs — conventions à l'état, la version ou l'historique incohérent, sur ${finalRows.length}`, value: inconsistent, unit: "", target: "0" },
      { name: `2 serveurs — conventions dont les courriels (${mails.length} dans la boîte d'envoi) manquent, sont en trop ou partis plus d'une fois`, value: wrongMails, unit: "", target: "0" },
      { name: `dépôts dont le fichier manque ou diffère, sur ${stored.length}`, value: missing, unit: "", target: "0" },
    ];
  } finally {
    await handle.close();
  }
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
    // Built into its own folder (run under `flock /tmp/next-build.lock`), again whenever a source is newer.
    buildApp({ distDir: DIST_DIR, force: isBuildStale(DIST_DIR) });
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
    rows.push(...(await benchTwoServers({
      servers: [first, servers[1]], files: take(TWO_SERVER_DEPOSITS), databaseUrl, filesDir, staffOnFirst: staff, adminOnFirst: admin,
    })));
    const peak = Math.max(...servers.map((server) => server.peakRssBytes()));
    rows.push({ name: "mémoire maximale d'un serveur (workers compris)", value: Math.round(peak / 1048576), unit: "Mo", target: "—" });
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
