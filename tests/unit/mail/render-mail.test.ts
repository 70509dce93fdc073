import type { MailPayloads, MailTemplateName } from "@/lib/server/mail/mail-types";
import { mailTemplateNames, renderMail } from "@/lib/server/mail/render-mail";
import { retryDelayMs } from "@/lib/server/mail/drain-outbox";
import { appUrl } from "@/lib/server/config/env";

const conventionUrl = "https://portail.test/conventions/0b6c2f1e-4a57-4d0e-9b8e-3c1a2d4e5f60";
const depositUrl = "https://portail.test/depot/jeton-de-depot";

const payloads: { [T in MailTemplateName]: MailPayloads[T] } = {
  "convention-generated": {
    schoolName: "Collège Les Tilleuls", studentName: "NGUYEN Émile", internshipTitle: "CAP Cuisine",
    internshipDate: "02-04-2026", hostSchoolName: "Lycée Hôtelier", conventionUrl, depositUrl,
  },
  "validation-requested": {
    schoolName: "Lycée Hôtelier", studentName: "NGUYEN Émile", internshipDate: "02-04-2026",
    originSchoolName: "Collège Les Tilleuls", signatureSummary: "3 signatures valides", conventionUrl,
  },
  "convention-validated": {
    schoolName: "Collège Les Tilleuls", studentName: "NGUYEN Émile", internshipDate: "02-04-2026",
    hostSchoolName: "Lycée Hôtelier", conventionUrl,
  },
  "convention-invalidated": {
    schoolName: "Collège Les Tilleuls", studentName: "NGUYEN Émile", internshipDate: "02-04-2026",
    hostSchoolName: "Lycée Hôtelier", reason: "Signature du responsable légal manquante", note: null, conventionUrl, depositUrl,
  },
  "internship-cancelled": {
    schoolName: "Collège Les Tilleuls", internshipTitle: "CAP Cuisine", internshipDate: "02-04-2026",
    hostSchoolName: "Lycée Hôtelier", studentNames: ["NGUYEN Émile", "ROUX Inès"],
  },
};

/** The link a reader must reach from each mail's one button. */
const buttonLinks: Record<MailTemplateName, string> = {
  "convention-generated": depositUrl,
  "validation-requested": conventionUrl,
  "convention-validated": conventionUrl,
  "convention-invalidated": depositUrl,
  "internship-cancelled": `${appUrl()}/stagiaires`,
};

describe("mail templates", () => {
  it("cover every template name of mail-types.ts", () => {
    expect([...mailTemplateNames].sort()).toEqual(Object.keys(payloads).sort());
  });

  it.each(Object.keys(payloads) as MailTemplateName[])("%s renders in French with the pupil, the school, the date and its link", async (template) => {
    const payload = payloads[template];
    const { html, text, subject } = await renderMail(template, payload as never);
    expect(html).toContain('lang="fr"');
    for (const part of [html, text]) {
      expect(part).toContain("NGUYEN Émile");
      expect(part).toContain("02-04-2026");
      expect(part).toContain(payload.schoolName);
      expect(part).toContain(buttonLinks[template]);
    }
    // One button, to the deep link.
    const buttons = html.match(/<a [^>]*href="[^"]+"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toContain(`href="${buttonLinks[template]}"`);
    expect(text).not.toMatch(/<[a-z]+[\s>]/i);
    expect(subject.length).toBeGreaterThan(10);
  });

  it("puts the reason of an invalidation in the mail", async () => {
    const { html, text } = await renderMail("convention-invalidated", { ...payloads["convention-invalidated"], note: "Page 2 non signée" });
    expect(html).toContain("Signature du responsable légal manquante");
    expect(text).toContain("Page 2 non signée");
  });

  it.each(["convention-generated", "convention-invalidated"] as const)("%s says how long its deposit link stays valid", async (template) => {
    const { html, text } = await renderMail(template, payloads[template] as never);
    expect(text.replace(/\s+/g, " ")).toContain("valable 30 jours");
    expect(html.replace(/\s+/g, " ").replaceAll("<!-- -->", "")).toContain("valable 30 jours");
  });

  it("escapes what users typed instead of injecting it", async () => {
    const { html } = await renderMail("convention-validated", { ...payloads["convention-validated"], studentName: "<script>alert(1)</script>" });
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses an unknown template", async () => {
    await expect(renderMail("inconnu", {})).rejects.toThrow("Modèle de courriel inconnu");
  });
});

describe("retry delay", () => {
  it("doubles from 30 seconds and stops growing at twenty minutes", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(1_200_000);
  });
});
