import type { MailDelivery, Mailer, OutgoingMail } from "./mailer";

/**
 * Without a provider the outbox is the mailbox: "sending" only marks the row as delivered, and
 * /dev/courriels shows it rendered from the same row.
 */
export class DevMailboxMailer implements Mailer {
  readonly name = "dev-mailbox";

  async send(mail: OutgoingMail): Promise<MailDelivery> {
    return { providerId: `dev-mailbox:${mail.idempotencyKey}` };
  }
}
