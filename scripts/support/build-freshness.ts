import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.join(__dirname, "..", "..");
const sourceFolders = ["app", "components", "lib", "db", "emails", "public"];
const sourceFiles = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "tsconfig.json"];

/** Newest modification time of what `next build` compiles. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    const stat = statSync(target);
    if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of [...sourceFolders, ...sourceFiles]) visit(path.join(root, name));
  return newest;
}

/** Whether the build in `distDir` is missing or older than the sources: `next build` must run again. */
export function isBuildStale(distDir: string): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime();
}
