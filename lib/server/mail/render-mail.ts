import { createElement, type ReactElement } from "react";
import { render } from "@react-email/render";
import { appUrl } from "@/lib/server/config/env";
import type { MailPayloads, MailTemplateName } from "./mail-types";
import ConventionGeneratedMail, { conventionGeneratedSubject } from "./templates/convention-generated-mail";
import ConventionInvalidatedMail, { conventionInvalidatedSubject } from "./templates/convention-invalidated-mail";
import ConventionValidatedMail, { conventionValidatedSubject } from "./templates/convention-validated-mail";
import InternshipCancelledMail, { internshipCancelledSubject } from "./templates/internship-cancelled-mail";
import ConventionsReminderMail, { conventionsReminderSubject } from "./templates/conventions-reminder-mail";
import ConventionsValidatedMail, { conventionsValidatedSubject } from "./templates/conventions-validated-mail";
import ValidationRequestedMail, { validationRequestedSubject } from "./templates/validation-requested-mail";

export type RenderedMail = { subject: string; html: string; text: string };

type TemplateEntry<T extends MailTemplateName> = {
  element: (payload: MailPayloads[T]) => ReactElement;
  subject: (payload: MailPayloads[T]) => string;
};

const templates: { [T in MailTemplateName]: TemplateEntry<T> } = {
  "convention-generated": { element: (p) => createElement(ConventionGeneratedMail, p), subject: conventionGeneratedSubject },
  "validation-requested": { element: (p) => createElement(ValidationRequestedMail, p), subject: validationRequestedSubject },
  "convention-validated": { element: (p) => createElement(ConventionValidatedMail, p), subject: conventionValidatedSubject },
  "convention-invalidated": { element: (p) => createElement(ConventionInvalidatedMail, p), subject: conventionInvalidatedSubject },
  "conventions-reminder": { element: (p) => createElement(ConventionsReminderMail, p), subject: conventionsReminderSubject },
  "conventions-validated": { element: (p) => createElement(ConventionsValidatedMail, p), subject: conventionsValidatedSubject },
  "internship-cancelled": {
    element: (p) => createElement(InternshipCancelledMail, { ...p, portalUrl: `${appUrl()}/stagiaires` }),
    subject: internshipCancelledSubject,
  },
};

export const mailTemplateNames = Object.keys(templates) as MailTemplateName[];

export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(templates, name);
}

/** The subject a template gives its mail; stored on the outbox row when the mail is queued. */
export function mailSubject<T extends MailTemplateName>(template: T, payload: MailPayloads[T]): string {
  return templates[template].subject(payload);
}

/**
 * HTML and plain text of one mail, from its template name and payload (as stored in the outbox).
 * The subject is the template's default; the one stored on the outbox row wins when sending.
 */
export async function renderMail<T extends MailTemplateName>(template: T, payload: MailPayloads[T]): Promise<RenderedMail>;
export async function renderMail(template: string, payload: unknown): Promise<RenderedMail>;
export async function renderMail(template: string, payload: unknown): Promise<RenderedMail> {
  if (!isMailTemplateName(template)) throw new Error(`Modèle de courriel inconnu : ${template}`);
  const entry = templates[template] as unknown as TemplateEntry<MailTemplateName>;
  const typed = payload as MailPayloads[MailTemplateName];
  const element = entry.element(typed);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(typed), html, text };
}
