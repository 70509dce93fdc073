// The newest modification time among files and folders (walked whole): what decides whether a
// compiled file (the analysis CLI, the pool's worker, a `next build`) is older than its sources.
// Plain CommonJS, so that the launchers Node runs before anything is compiled can use it too.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, see above */
const { readdirSync, statSync } = require("node:fs");
const path = require("node:path");

/** Newest mtime (ms) of the given paths and everything under them; 0 when none exists. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (target) => {
    const stat = statSync(target, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const target of paths) visit(target);
  return newest;
}

module.exports = { newestMtime };
