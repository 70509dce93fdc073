import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

const SOURCE_FILES = ["**/*.{ts,tsx,mts,cts}"];
const PROJECT_CODE = ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts", "instrumentation.ts"];

/**
 * The layers of DESIGN.md §7 and who may import whom. Imports inside one layer are free;
 * scripts/ and tests/ are tooling and may import any layer.
 */
const layers = [
  { type: "app", pattern: "app", partialMatch: false },
  { type: "components", pattern: "components", partialMatch: false },
  { type: "server", pattern: "lib/server", partialMatch: false },
  { type: "core", pattern: "lib/core", partialMatch: false },
  { type: "db", pattern: "db", partialMatch: false },
  { type: "tooling", pattern: "scripts", partialMatch: false },
  { type: "tooling", pattern: "tests", partialMatch: false },
];

const layer = (type, extra = {}) => ({ to: { element: { type, ...extra } } });

const layerPolicies = [
  {
    from: { element: { type: "app" } },
    allow: [
      layer("components"),
      layer("server"),
      layer("core"),
      // Pages read through the scoped queries; every write goes through a use-case in lib/server.
      layer("db", { fileInternalPath: "queries/**" }),
      { ...layer("db", { fileInternalPath: "client.ts" }), dependency: { specifiers: "getDb" } },
      { ...layer("db"), dependency: { kind: "type" } },
    ],
  },
  {
    from: { element: { type: "components" } },
    allow: [layer("core"), { to: { element: { type: "{app,server,db}" } }, dependency: { kind: "type" } }],
  },
  { from: { element: { type: "server" } }, allow: [layer("db"), layer("core")] },
  {
    from: { element: { type: "db" } },
    allow: [
      layer("core"),
      // The connection settings come from the one validated environment module.
      {
        from: { file: { path: "db/client.ts" } },
        to: { element: { type: "server", fileInternalPath: "config/env.ts" } },
      },
    ],
  },
  { from: { element: { type: "tooling" } }, allow: [layer("{app,components,server,core,db,tooling}")] },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "test-results/**",
      "db/migrations/**",
      "next-env.d.ts",
      "scripts/analyze.cjs",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: SOURCE_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: SOURCE_FILES,
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
    },
  },
  {
    files: SOURCE_FILES,
    plugins: { boundaries },
    settings: {
      "boundaries/elements": layers,
      "boundaries/include": ["**/*.{ts,tsx}"],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          message:
            "{{ from.element.type }} may not import {{ to.element.type }} ({{ dependency.source }}): see the layer table in README.md « Architecture »",
          policies: layerPolicies,
        },
      ],
    },
  },
  {
    // One validated environment module reads the environment; tooling (scripts, tests, config files) sets it.
    files: PROJECT_CODE,
    ignores: ["lib/server/config/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through lib/server/config/env.ts." },
      ],
    },
  },
  {
    // lib/core is pure: values in, values out.
    files: ["lib/core/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["fs", "node:fs", "fs/promises", "node:fs/promises", "react", "react-dom", "server-only", "next"].map(
            (name) => ({ name, message: "lib/core is pure: no file system, no React, no Next.js." }),
          ),
          patterns: [{ group: ["next/*", "react/*", "react-dom/*"], message: "lib/core is pure: no React, no Next.js." }],
        },
      ],
    },
  },
  {
    // Components run in the browser too: server code reaches them as props, never as imports.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "server-only", message: "Server code belongs in lib/server or app/." }] },
      ],
    },
  },
);
