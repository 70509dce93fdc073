import { safeReturnPath } from "@/lib/server/auth/safe-return-path";

describe("return path after login", () => {
  it("comes back to the page the user asked for", () => {
    expect(safeReturnPath("/conventions/3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f")).toBe("/conventions/3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f");
    expect(safeReturnPath("/conventions/en-attente?q=dupont&page=2")).toBe("/conventions/en-attente?q=dupont&page=2");
  });

  it("never leaves the portal", () => {
    for (const hostile of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", null, 42]) {
      expect(safeReturnPath(hostile)).toBe("/");
    }
  });

  it("does not loop back to the login page", () => {
    expect(safeReturnPath("/connexion?retour=/x")).toBe("/");
  });
});
