import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.join(__dirname, "..", "..", "..");
// Login and logout run before or after a session exists: they are the only actions outside the wrapper.
const allowedOutsideWrapper = new Set(["app/connexion/actions.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function serverActionFiles(): string[] {
  return [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "components"))]
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));
}

describe("server actions", () => {
  it("are found in the app", () => {
    expect(serverActionFiles().length).toBeGreaterThan(0);
  });

  it.each(serverActionFiles().map((file) => path.relative(root, file)))("%s exports only wrapped actions", (file) => {
    if (allowedOutsideWrapper.has(file)) return;
    const source = readFileSync(path.join(root, file), "utf8");
    const exports = [...source.matchAll(/^export\s+(?:default\s+)?(?:async\s+)?(const|function|let|var|class)\s+(\w+)/gm)];
    for (const [, kind, name] of exports) {
      const wrapped = kind === "const" && new RegExp(`export const ${name}\\s*=\\s*createAction\\(`).test(source);
      expect({ name, wrapped }).toEqual({ name, wrapped: true });
    }
    expect(/export\s*\{/.test(source)).toBe(false);
  });
});
