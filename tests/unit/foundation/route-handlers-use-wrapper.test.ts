import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.join(__dirname, "..", "..", "..");
// next-auth answers its own routes (sign-in, session, callbacks).
const allowedOutsideWrapper = new Set(["app/api/auth/[...nextauth]/route.ts"]);
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(name) ? [full] : [];
  });
}

const routes = routeFiles(path.join(root, "app")).map((file) => path.relative(root, file).split(path.sep).join("/"));

describe("route handlers", () => {
  it("are found in the app", () => {
    expect(routes.length).toBeGreaterThan(1);
  });

  it.each(routes.filter((file) => !allowedOutsideWrapper.has(file)))("%s answers only through createRouteHandler", (file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const exported = [...source.matchAll(/^export\s+(?:async\s+)?(const|function)\s+(\w+)/gm)]
      .filter(([, , name]) => httpMethods.includes(name));
    expect(exported.length).toBeGreaterThan(0);
    for (const [, kind, name] of exported) {
      const wrapped = kind === "const" && new RegExp(`export const ${name}\\s*=\\s*createRouteHandler\\(`).test(source);
      expect({ name, wrapped }).toEqual({ name, wrapped: true });
    }
    expect(/export\s*\{/.test(source)).toBe(false);
  });
});
