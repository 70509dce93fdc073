import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { newestMtime } from "./newest-mtime.cjs";

const root = path.join(__dirname, "..", "..");
const sourceFolders = ["app", "components", "lib", "db", "emails", "public"];
const sourceFiles = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "tsconfig.json"];

/** Whether the build in `distDir` is missing or older than the sources: `next build` must run again. */
export function isBuildStale(distDir: string): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime([...sourceFolders, ...sourceFiles].map((name) => path.join(root, name)));
}
