import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** An empty variable counts as unset, as a shell `VAR=` means. */
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

const serverEnvSchema = z.object({
  NODE_ENV: optionalText,
  NEXT_PHASE: optionalText,
  APP_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ error: "APP_URL doit être une adresse http(s) complète." }).optional()),
  DATA_DIR: optionalText,
  AUTH_SECRET: optionalText,
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : Number(value)),
    z.number({ error: "DATABASE_POOL_SIZE doit être un entier positif." }).int().positive().optional(),
  ),
  FILES_DIR: optionalText,
  UPLOADTHING_TOKEN: optionalText,
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: optionalText,
  MAIL_FROM: optionalText,
  // Anything but a positive integer falls back to the default size (deposit-limits.ts).
  DEPOSIT_MAX_BYTES: z.preprocess((value) => Number(value), z.number().int().positive().optional().catch(undefined)),
  DEV_MAILBOX: optionalText,
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/**
 * The environment, checked: the one place that reads process.env. Read on every call, so that a
 * variable set by a test or a script applies at once; a bad value stops with a French message.
 */
export function serverEnv(): ServerEnv {
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Configuration invalide : ${parsed.error.issues.map((issue) => issue.message).join(" ; ")}`);
  }
  return parsed.data;
}

export function appUrl(): string {
  return (serverEnv().APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** Local state (embedded database, files, generated secret): `.data/`, or DATA_DIR when set. */
export function dataDir(): string {
  return serverEnv().DATA_DIR ?? path.join(process.cwd(), ".data");
}

export function isProduction(): boolean {
  return serverEnv().NODE_ENV === "production";
}

/**
 * AUTH_SECRET when set; otherwise a secret generated once into .data/ so that sessions survive
 * restarts of a laptop install. Refused in production, where it must be configured.
 */
export function authSecret(): string {
  const configured = serverEnv().AUTH_SECRET;
  if (configured) return configured;
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
  return Boolean(serverEnv().RESEND_API_KEY);
}
