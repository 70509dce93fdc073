#!/usr/bin/env node
// Runs the analysis CLI (scripts/analyze.ts, DESIGN.md §4) compiled to one plain-JavaScript file, so
// that a run neither compiles TypeScript nor resolves hundreds of modules (tsx alone costs several
// times pdfsig's whole run). The compiled file is built on demand with esbuild (a dependency of tsx)
// into node_modules/.cache/conventions-analyze/ whenever a source is newer, and is never committed.
// Without esbuild, it falls back to running the TypeScript through tsx.
"use strict";
const { mkdirSync, renameSync, statSync } = require("node:fs");
const path = require("node:path");
const { newestMtime } = require("./support/newest-mtime.cjs");

const ROOT = path.join(__dirname, "..");
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "conventions-analyze");
const NODE_MAJOR = process.versions.node.split(".")[0];
/** Per Node major version: the bundle is compiled for the syntax of the Node that runs it. */
const BUNDLE = path.join(OUT_DIR, `analyze-node${NODE_MAJOR}.cjs`);
const ENTRY = path.join(ROOT, "scripts", "analyze.ts");
/** Loaded from node_modules only when needed (rare certificates, scans): not parsed on every run. */
const SOURCES = [
  ENTRY,
  __filename,
  path.join(ROOT, "lib", "core", "pdf-analysis"),
  path.join(ROOT, "package.json"),
  path.join(ROOT, "node_modules", ".package-lock.json"),
];
const EXTERNAL = ["@peculiar/x509", "reflect-metadata", "pkijs", "asn1js", "jsqr", "jpeg-js"];

/** Builds the CLI if it is missing or older than a source; false when esbuild is unavailable. */
function ensureBundle() {
  const built = statSync(BUNDLE, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestMtime(SOURCES)) return true;
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    return false;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${NODE_MAJOR}`,
    minify: true,
    keepNames: true,
    external: EXTERNAL,
    outfile: temporary,
    logLevel: "warning",
  });
  // Atomic: a concurrent run sees the old file or the new one, never half of it.
  renameSync(temporary, BUNDLE);
  return true;
}

function run() {
  let ready = false;
  try {
    ready = ensureBundle();
  } catch (error) {
    console.error(`Compilation de l'outil d'analyse impossible (${error.message}) ; exécution via tsx.`);
  }
  if (ready) {
    require(BUNDLE);
    return;
  }
  const { spawnSync } = require("node:child_process");
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [ENTRY, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = result.status ?? 2;
}

if (require.main === module) run();

module.exports = { BUNDLE, ensureBundle };
