#!/usr/bin/env node
// Compiles the analysis pool's worker (lib/server/analysis-pool/analysis-worker.ts and what it imports)
// to one plain ES module that Node loads as a worker thread, under `next start`, `next dev`, tsx and
// Jest alike; packages stay in node_modules. Built into node_modules/.cache/, never committed, and again
// whenever a source is newer. `node scripts/build-analysis-worker.cjs` builds it ahead (npm run build,
// npm test, npm run demo); the pool also calls ensureAnalysisWorker() when it starts.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS that Node runs before anything is compiled */
const { mkdirSync, renameSync, statSync } = require("node:fs");
const path = require("node:path");
const { newestMtime } = require("./support/newest-mtime.cjs");

const ROOT = path.join(__dirname, "..");
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "conventions-analysis-worker");
const NODE_MAJOR = process.versions.node.split(".")[0];
const WORKER_FILE = path.join(OUT_DIR, `analysis-worker-node${NODE_MAJOR}.mjs`);
const ENTRY = path.join(ROOT, "lib", "server", "analysis-pool", "analysis-worker.ts");
const SOURCES = [
  __filename,
  path.join(ROOT, "lib", "core"),
  path.join(ROOT, "lib", "server", "visual-comparison"),
  path.join(ROOT, "lib", "server", "analysis-pool"),
  path.join(ROOT, "tsconfig.json"),
  path.join(ROOT, "node_modules", ".package-lock.json"),
];

/**
 * The worker file, built if it is missing or older than a source. Without esbuild (a production
 * install without dev dependencies) the file built by `npm run build` is used as it is.
 */
function ensureAnalysisWorker() {
  const built = statSync(WORKER_FILE, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestMtime(SOURCES)) return WORKER_FILE;
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    if (built) return WORKER_FILE;
    throw new Error("Le module d'analyse n'est pas compilé : lancez « npm run build ».");
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const temporary = path.join(OUT_DIR, `.${process.pid}-${Date.now()}.tmp.mjs`);
  esbuild.buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${NODE_MAJOR}`,
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    outfile: temporary,
    logLevel: "warning",
  });
  // Atomic: a server starting meanwhile loads the old file or the new one, never half of it.
  renameSync(temporary, WORKER_FILE);
  return WORKER_FILE;
}

if (require.main === module) {
  console.log(`Module d'analyse : ${path.relative(ROOT, ensureAnalysisWorker())}`);
}

module.exports = { WORKER_FILE, ensureAnalysisWorker };
