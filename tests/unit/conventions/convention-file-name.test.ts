import { conventionFileName } from "@/lib/core/conventions/convention-file-name";

describe("the naming rule of convention files", () => {
  const student = { lastName: "Durand-Lefèvre", firstName: "Élodie" };

  it("names the original, the signed deposit and an older deposit, accents folded", () => {
    expect(conventionFileName(student, "2026-12-03", { kind: "original" })).toBe("convention-DURAND-LEFEVRE-Elodie-2026-12-03.pdf");
    expect(conventionFileName(student, "2026-12-03", { kind: "deposit" })).toBe("convention-DURAND-LEFEVRE-Elodie-2026-12-03-signee.pdf");
    expect(conventionFileName(student, "2026-12-03", { kind: "older-deposit", depositId: "1a2b3c4d-0000-4000-8000-000000000000" }))
      .toBe("convention-DURAND-LEFEVRE-Elodie-2026-12-03-signee-1a2b3c4d.pdf");
  });

  it("keeps header-breaking characters out of the name", () => {
    expect(conventionFileName({ lastName: "O'Neil \"x\"", firstName: "Zoé; Ana" }, "2026-01-02", { kind: "original" }))
      .toBe("convention-O-NEIL-X-Zoe-Ana-2026-01-02.pdf");
  });
});
