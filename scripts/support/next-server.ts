import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.join(__dirname, "..", "..");

/** Builds the app once (reused while the build folder is there and `force` is not set). */
export function buildApp({ distDir = ".next", force = false } = {}): void {
  if (!force && existsSync(path.join(root, distDir, "BUILD_ID"))) return;
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build a échoué.");
}

export type RunningServer = { url: string; process: ChildProcess; peakRssBytes: () => number; stop: () => Promise<void> };

/** `next start` on a port, with its own environment; resolves when the login page answers. */
export async function startApp({ port, env, distDir = ".next" }: { port: number; env: Record<string, string | undefined>; distDir?: string }): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env, NEXT_DIST_DIR: distDir, APP_URL: env.APP_URL ?? url, NEXT_TELEMETRY_DISABLED: "1" })) {
    if (value !== undefined) childEnv[key] = value;
  }
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => { output += chunk; });
  child.stderr?.on("data", (chunk) => { output += chunk; });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté :\n${output}`);
    const ok = await fetch(`${url}/connexion`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (Date.now() >= deadline) throw new Error(`Le serveur ne répond pas :\n${output}`);
  // next start runs the server in a child of the CLI process: read the peak of the whole tree.
  const peakRssBytes = () => processTree(child.pid!).reduce((sum, pid) => sum + peakRssOf(pid), 0);
  return {
    url,
    process: child,
    peakRssBytes,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => { if (child.exitCode !== null) resolve(null); else child.once("exit", resolve); });
    },
  };
}

function processTree(pid: number): number[] {
  const result = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  const children = result.stdout.split("\n").map((s) => Number(s.trim())).filter(Boolean);
  return [pid, ...children.flatMap(processTree)];
}

function peakRssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(/VmHWM:\s+(\d+) kB/);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Logs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function logInOverHttp(url: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/tableau-de-bord` }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const session = cookies.find((c) => c.includes("session-token"));
  if (!session) throw new Error(`Connexion refusée pour ${email}.`);
  return [csrfCookie, ...cookies].join("; ");
}
