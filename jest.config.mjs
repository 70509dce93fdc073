import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

// ESM-only packages that must go through the transform.
const esmPackages = [
  "next-auth", "@auth/core", "@auth/drizzle-adapter", "jose", "oauth4webapi", "@tanstack",
  "@peculiar", "pkijs", "asn1js", "pvtsutils", "pvutils", "bytestreamjs", "@noble",
  "preact-render-to-string", "preact", "uploadthing", "@uploadthing", "effect", "@effect", "pixelmatch",
];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join("|")})/)`];

async function project(name, testMatch, extra = {}) {
  const config = await createJestConfig({
    displayName: name,
    testEnvironment: "node",
    testMatch,
    moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
    ...extra,
  })();
  return { ...config, transformIgnorePatterns };
}

export default async function config() {
  return {
    // PGlite start-up and PDF work are slow on a loaded two-core machine; hooks share this limit.
    testTimeout: 120000,
    projects: [
      await project("unit", ["<rootDir>/tests/**/*.test.ts", "<rootDir>/tests/**/*.test.tsx"], {
        testPathIgnorePatterns: ["\\.int\\.test\\.tsx?$", "/node_modules/", "<rootDir>/tests/e2e/"],
      }),
      await project("integration", ["<rootDir>/tests/**/*.int.test.ts", "<rootDir>/tests/**/*.int.test.tsx"], {
        globalSetup: "<rootDir>/tests/support/global-setup.ts",
        globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
      }),
      // The browser run uses the embedded database with demo data: it runs in the pass without DATABASE_URL only.
      ...(process.env.DATABASE_URL ? [] : [
        await project("e2e", ["<rootDir>/tests/e2e/**/*.spec.ts"], { testTimeout: 900000 }),
      ]),
    ],
  };
}
