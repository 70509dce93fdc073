/** One mail ready to leave: rendered, with its attachments' bytes loaded. */
export type OutgoingMail = {
  /** The outbox row id: a provider that supports it uses it so a retried send is not delivered twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
};

export type MailDelivery = { providerId: string };

/** Where mails go: Resend when configured, the dev mailbox (the outbox itself) otherwise. */
export interface Mailer {
  readonly name: "resend" | "dev-mailbox" | (string & {});
  send(mail: OutgoingMail): Promise<MailDelivery>;
}
