/** Image types accepted for a school's stamped signature. */
export type SignatureImageType = "png" | "jpeg";

/** A school's signature (or stamp) image, stamped into that school's signature box. */
export type SignatureImage = {
  bytes: Uint8Array;
  type: SignatureImageType;
};

/** One party school (établissement d'accueil or d'origine) as printed on the convention. */
export type ConventionSchool = {
  name: string;
  city: string;
  /** UAI code (ex-RNE), e.g. "0750001A". */
  uai: string;
  address?: string | null;
  /** Name of the chef d'établissement; a dotted line is printed when missing. */
  headName?: string | null;
  signatureImage?: SignatureImage | null;
};

export type ConventionStudent = {
  lastName: string;
  firstName: string;
  className: string;
  /** Calendar date "YYYY-MM-DD". */
  birthDate: string;
};

export type ConventionGuardian = {
  name: string;
  email: string;
};

export type ConventionInternship = {
  /** The formation the pupil discovers, e.g. "Bac pro Métiers de l'électricité". */
  title: string;
  /** Calendar date "YYYY-MM-DD". */
  date: string;
  /** "HH:MM" (seconds, if present, are ignored). */
  startTime: string;
  endTime: string;
  place: string;
  teacherName: string;
};

/** Everything the generator needs; the same input always gives the same bytes. */
export type ConventionPdfInput = {
  /** The convention's UUID, carried by every identity channel of the PDF. */
  conventionId: string;
  /** Base URL of the application, e.g. "https://conventions.example.fr"; the QR code holds `<appUrl>/conventions/<uuid>`. */
  appUrl: string;
  /** Generation instant, written into the metadata dates (no clock is read). */
  generatedAt: Date;
  hostSchool: ConventionSchool;
  originSchool: ConventionSchool;
  student: ConventionStudent;
  guardian: ConventionGuardian;
  internship: ConventionInternship;
};
