import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { FlashMessage } from "@/components/conventions/flash-message";
import { flashMessages } from "@/lib/core/flash-messages";

const render = (message: string | string[] | undefined) => renderToStaticMarkup(createElement(FlashMessage, { message }));

describe("the green success banner", () => {
  it.each([
    "Votre compte est suspendu : appelez le 01 23 45 67 89",
    "<b>Convention validée</b>",
    "La convention est validée. L'établissement d'origine en est informé par courriel.",
    "toString", "__proto__", "constructor", "",
  ])("shows nothing for text written in the URL: %j", (text) => {
    expect(render(text)).toBe("");
  });

  it("shows the fixed French text of a code the server chose", () => {
    expect(render("convention-validee")).toContain("La convention est validée.");
    expect(render("stage-modifie")).toContain(flashMessages["stage-modifie"]);
    expect(render(["stage-publie", "x"])).toContain("Le stage est publié.");
  });
});
