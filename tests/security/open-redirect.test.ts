import { safeReturnPath } from "@/lib/server/auth/safe-return-path";

let signedIn = false;
jest.mock("@/lib/server/auth/require-actor", () => ({ currentActor: async () => (signedIn ? { userId: "u" } : null) }));

// Imported after the mock: the login page sees a signed-in user and redirects at once.
import LoginPage from "@/app/connexion/page";

const hostile = [
  "/\t/evil.example/phish", "/%09/evil.example/phish", "/%0A/evil.example", "/%0D/evil.example", "/%E3%80%82evil.example",
  "/。evil.example", "//evil.example", "///evil.example", "/\\evil.example", "/%5Cevil.example", "/%5cevil.example",
  "/%2F/evil.example", "/%2f%2fevil.example", "/%252F%252Fevil.example", "/%25252F%25252Fevil.example", "https://evil.example",
  "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.example",
  " /conventions", "/ /evil.example", "/\u0000/evil.example", "/%00/evil.example", "/\u200b/evil.example", "/%E2%80%8B/evil.example",
  "/\u2028/evil.example", "/%C2%A0/evil.example", "/conventions/../../evil.example", "/%2e%2e/%2e%2e/evil.example",
  "/./evil.example", "/%2E/evil.example", "/connexion?retour=//evil.example", "/CONNEXION", "/%E0%A4%A", "\\\\evil.example",
  "/\r\nSet-Cookie: x=1", "/%0D%0ASet-Cookie:%20x=1", "", "x".repeat(3000), null, undefined, 42, ["/conventions"], { toString: () => "/x" },
];

describe("open redirect after login", () => {
  it.each(hostile.map((value) => [JSON.stringify(value)?.slice(0, 60) ?? String(value), value]))(
    "sends %s to the portal's home page", (_label, value) => {
      expect(safeReturnPath(value)).toBe("/");
    },
  );

  it("tests at least 30 hostile values", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    "/conventions/3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f",
    "/conventions/en-attente?q=dupont&page=2",
    "/recherche?q=%C3%89loi%20Dupr%C3%A9",
    "/stagiaires?q=a%2Fb",
    "/tableau-de-bord",
  ])("keeps the page the user asked for: %s", (value) => {
    expect(safeReturnPath(value)).toBe(value);
  });

  it.each(["/\t/evil.example/phish", "/\n/evil.example", "/\r/x", "/。evil.example"])(
    "the login page of a signed-in user redirects %j home, never to another site and never with an error", async (retour) => {
      signedIn = true;
      const redirect = await LoginPage({ searchParams: Promise.resolve({ retour }) }).then(
        () => { throw new Error("no redirect"); },
        (error: { digest?: string }) => error,
      );
      // Next.js encodes a redirect as NEXT_REDIRECT;<type>;<url>;<status>;
      expect(redirect.digest?.split(";")[2]).toBe("/");
    },
  );
});
