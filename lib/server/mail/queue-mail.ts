import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, outbox, schools, users } from "@/db/schema";
import type { MailTemplateName, QueuedMail } from "./mail-types";
import { mailSubject } from "./render-mail";

/** Writes mail rows into the outbox; call it inside the transaction of the transition it reports. */
export async function queueMail<T extends MailTemplateName>(tx: DbOrTx, mails: QueuedMail<T>[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.insert(outbox).values(
    mails.map((mail) => ({
      template: mail.template,
      toAddress: mail.to,
      // The template owns its subject, so the outbox, the mailbox and the sent mail always agree.
      subject: mailSubject(mail.template, mail.payload),
      payload: mail.payload,
      conventionId: mail.conventionId ?? null,
      schoolId: mail.schoolId ?? null,
      hostSchoolId: mail.hostSchoolId
        ?? (mail.conventionId ? sql`(select ${conventions.hostSchoolId} from ${conventions} where ${conventions.id} = ${mail.conventionId})` : null),
      attachments: mail.attachments ?? [],
    })),
  );
}

/** The school's contact e-mail from Options; without one, the addresses of its accounts. */
export async function schoolRecipients(tx: DbOrTx, schoolId: string): Promise<string[]> {
  const [school] = await tx.select({ contactEmail: schools.contactEmail }).from(schools).where(eq(schools.id, schoolId));
  if (school?.contactEmail) return [school.contactEmail];
  const accounts = await tx.select({ email: users.email }).from(users).where(eq(users.schoolId, schoolId));
  return accounts.map((account) => account.email);
}

/** Every host admin of the host school, who receive the requests for validation. */
export async function hostAdminRecipients(tx: DbOrTx, hostSchoolId: string): Promise<string[]> {
  const admins = await tx.select({ email: users.email }).from(users)
    .where(and(eq(users.schoolId, hostSchoolId), eq(users.role, "host_admin")));
  return admins.map((admin) => admin.email);
}
