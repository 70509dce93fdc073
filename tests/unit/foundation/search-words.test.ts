import { searchLikePatterns, searchWords } from "@/lib/core/text/normalize-search-text";
import { conventionSearchText, internshipSearchText, studentSearchText } from "@/lib/core/text/search-texts";

describe("the words of a search", () => {
  it("folds accents, case and ligatures, and splits names on spaces, hyphens and apostrophes", () => {
    expect(searchWords("  Testeur   DURAND-Éloïse d'Arc ")).toEqual(["testeur", "durand", "eloise", "d", "arc"]);
    expect(searchWords("Cœur Æsa")).toEqual(["coeur", "aesa"]);
    expect(searchWords(" - ' ")).toEqual([]);
    expect(searchWords("durand durand")).toEqual(["durand"]);
  });

  it("keeps a date whole and reads it as jj-mm-aaaa, padding the parts already typed", () => {
    expect(searchWords("03-12-2026")).toEqual(["03-12-2026"]);
    expect(searchWords("3/12/2026")).toEqual(["03-12-2026"]);
    expect(searchWords("03.12")).toEqual(["03-12"]);
    expect(searchWords("3-12")).toEqual(["03-12"]);
    expect(searchWords("3-1")).toEqual(["03-1"]);
    expect(searchWords("3-")).toEqual(["03-"]);
    expect(searchWords("03-12-")).toEqual(["03-12-"]);
    expect(searchWords("2026-")).toEqual(["2026"]);
    expect(searchWords("2026-12-03")).toEqual(["03-12-2026"]);
    expect(searchWords("2026-12")).toEqual(["12-2026"]);
    expect(searchWords("durand 03-12")).toEqual(["durand", "03-12"]);
  });

  it("gives one escaped LIKE pattern per word, and at most eight", () => {
    expect(searchLikePatterns("50% a_b")).toEqual(["%50\\%%", "%a\\_b%"]);
    expect(searchLikePatterns("a b c d e f g h i j")).toHaveLength(8);
    expect(searchLikePatterns("")).toEqual([]);
  });
});

describe("stored search texts", () => {
  it("hold what a secretary searches by, with the date as typed", () => {
    expect(conventionSearchText({
      studentLastName: "Durand-Testeur", studentFirstName: "Éloïse", guardianName: "Mme Béatrice Lemaître",
      originSchoolName: "Collège Jean Moulin", internshipTitle: "Bac pro Métiers de l'électricité", internshipDate: "2026-12-03",
    })).toBe("durand-testeur eloise mme beatrice lemaitre college jean moulin bac pro metiers de l'electricite 03-12-2026");
    expect(studentSearchText({ lastName: "Petit", firstName: "Hugo", guardianName: "M. Karim Benali" })).toBe("petit hugo m. karim benali");
    expect(internshipSearchText({ title: "CAP Cuisine", place: "Atelier B12", teacherName: "M. Girard", date: "2026-12-10" }))
      .toBe("cap cuisine atelier b12 m. girard 10-12-2026");
  });

  it("are found by the words of a search in any order", () => {
    const text = conventionSearchText({
      studentLastName: "Durand-Testeur", studentFirstName: "Éloïse", guardianName: "Mme Lemaître",
      originSchoolName: "Collège", internshipTitle: "CAP", internshipDate: "2026-12-03",
    });
    for (const q of ["testeur durand", "3/12 lemaitre", "2026-12-03", "ELOISE cap"]) {
      expect(searchWords(q).every((word) => text.includes(word))).toBe(true);
    }
    expect(searchWords("04-12 durand").every((word) => text.includes(word))).toBe(false);
  });
});
