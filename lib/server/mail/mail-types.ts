import type { OutboxAttachment } from "@/db/schema";

/** Every mail the portal sends; the template module of each renders HTML and text from its payload. */
export type MailPayloads = {
  "convention-generated": {
    schoolName: string;
    studentName: string;
    internshipTitle: string;
    internshipDate: string;
    hostSchoolName: string;
    conventionUrl: string;
    depositUrl: string;
  };
  "validation-requested": {
    schoolName: string;
    studentName: string;
    internshipDate: string;
    originSchoolName: string;
    signatureSummary: string;
    conventionUrl: string;
  };
  "convention-validated": {
    schoolName: string;
    studentName: string;
    internshipDate: string;
    hostSchoolName: string;
    conventionUrl: string;
  };
  "convention-invalidated": {
    schoolName: string;
    studentName: string;
    internshipDate: string;
    hostSchoolName: string;
    reason: string;
    note: string | null;
    conventionUrl: string;
    depositUrl: string;
  };
  /** One mail per origin school per reminder run, listing its late conventions (the first 200; the rest counted). */
  "conventions-reminder": {
    schoolName: string;
    hostSchoolName: string;
    conventions: { conventionId: string; studentName: string; internshipDate: string; urgency: string; depositUrl: string }[];
    moreCount: number;
    portalUrl: string;
  };
  /** One mail per origin school after a bulk validation, listing its validated conventions. */
  "conventions-validated": {
    schoolName: string;
    hostSchoolName: string;
    conventions: { conventionId: string; studentName: string; internshipDate: string; conventionUrl: string }[];
    moreCount: number;
    portalUrl: string;
  };
  "internship-cancelled": {
    schoolName: string;
    internshipTitle: string;
    internshipDate: string;
    hostSchoolName: string;
    studentNames: string[];
  };
};

export type MailTemplateName = keyof MailPayloads;

export type QueuedMail<T extends MailTemplateName = MailTemplateName> = {
  template: T;
  to: string;
  payload: MailPayloads[T];
  conventionId?: string | null;
  schoolId?: string | null;
  /** The host school sending it; without it, the convention's host school. Its admins see the mail if it fails. */
  hostSchoolId?: string | null;
  attachments?: OutboxAttachment[];
};
