import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

export function appUrl(): string {
  return (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** Local state (embedded database, files, generated secret): `.data/`, or DATA_DIR when set. */
export function dataDir(): string {
  return process.env.DATA_DIR ?? path.join(process.cwd(), ".data");
}

/**
 * AUTH_SECRET when set; otherwise a secret generated once into .data/ so that sessions survive
 * restarts of a laptop install. Refused in production, where it must be configured.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  // Read from disk once per data folder, not on every deposit link made or checked.
  if (generatedSecret?.file === file) return generatedSecret.secret;
  let secret: string;
  if (existsSync(file)) secret = readFileSync(file, "utf8").trim();
  else {
    mkdirSync(dataDir(), { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
  }
  generatedSecret = { file, secret };
  return secret;
}

let generatedSecret: { file: string; secret: string } | null = null;

export function isMailProviderConfigured(): boolean {
  return Boolean(process.env.RESEND_API_KEY);
}
