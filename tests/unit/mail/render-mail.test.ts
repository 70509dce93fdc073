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
  "conventions-reminder": {
    schoolName: "Collège Les Tilleuls", hostSchoolName: "Lycée Hôtelier", moreCount: 0, portalUrl: "https://portail.test/conventions/non-retournees",
    conventions: [{ conventionId: "0b6c2f1e-4a57-4d0e-9b8e-3c1a2d4e5f60", studentName: "NGUYEN Émile", internshipDate: "02-04-2026", urgency: "dans 3 jours", depositUrl }],
  },
  "conventions-validated": {
    schoolName: "Collège Les Tilleuls", hostSchoolName: "Lycée Hôtelier", moreCount: 0, portalUrl: "https://portail.test/conventions/validees",
    conventions: [{ conventionId: "0b6c2f1e-4a57-4d0e-9b8e-3c1a2d4e5f60", studentName: "NGUYEN Émile", internshipDate: "02-04-2026", conventionUrl }],
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
  "conventions-reminder": "https://portail.test/conventions/non-retournees",
  "conventions-validated": "https://portail.test/conventions/validees",
  "internship-cancelled": `${appUrl()}/stagiaires`,
};

/** Grouped mails list each convention with its own link (a fresh deposit link, the convention page) besides the one button. */
const listLinks: Partial<Record<MailTemplateName, string[]>> = {
  "conventions-reminder": [depositUrl],
  "conventions-validated": [conventionUrl],
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
    // One button, to the deep link (and, in a grouped mail, one link per convention listed).
    const links = html.match(/<a [^>]*href="[^"]+"[^>]*>/g) ?? [];
    const listed = listLinks[template] ?? [];
    expect(links).toHaveLength(1 + listed.length);
    expect(links.filter((link) => link.includes(`href="${buttonLinks[template]}"`))).toHaveLength(1);
    for (const href of listed) expect(links.filter((link) => link.includes(`href="${href}"`))).toHaveLength(1);
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
