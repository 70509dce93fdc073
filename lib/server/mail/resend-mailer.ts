import { Resend } from "resend";
import type { MailDelivery, Mailer, OutgoingMail } from "./mailer";

export type ResendMailerOptions = { apiKey: string; from: string; baseUrl?: string };

/** Sends through the Resend API; any answer without an id is an error, so the outbox retries it. */
export class ResendMailer implements Mailer {
  readonly name = "resend";
  private readonly client: Resend;
  private readonly from: string;

  constructor({ apiKey, from, baseUrl }: ResendMailerOptions) {
    this.client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
    this.from = from;
  }

  async send(mail: OutgoingMail): Promise<MailDelivery> {
    const { data, error } = await this.client.emails.send(
      {
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments: mail.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content),
        })),
      },
      { idempotencyKey: `outbox-${mail.idempotencyKey}` },
    );
    if (error || !data?.id) {
      const status = error && "statusCode" in error && error.statusCode ? ` (HTTP ${error.statusCode})` : "";
      throw new Error(`Resend a refusé l'envoi${status} : ${error?.message ?? "réponse sans identifiant"}`);
    }
    return { providerId: data.id };
  }
}
