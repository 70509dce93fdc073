import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["host_admin", "origin_staff"]);
export const conventionState = pgEnum("convention_state", ["not_returned", "pending_validation", "validated"]);
export const enrollmentStatus = pgEnum("enrollment_status", ["draft", "completed", "cancelled"]);
export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);

// Accent and case folding for sort keys; translate() and lower() are immutable, so generated columns
// may use them. The same letters as normalizeSearchText folds for French names.
const ACCENTED = "àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ";
const PLAIN = "aaaaaaeeeeiiiiooooouuuucnyoa";
const sortKeyOf = (column: string) => sql.raw(`translate(lower(${column}), '${ACCENTED}', '${PLAIN}')`);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const schools = pgTable(
  "schools",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    isHost: boolean("is_host").notNull().default(false),
    isOrigin: boolean("is_origin").notNull().default(false),
    uai: text("uai").notNull(),
    city: text("city").notNull(),
    address: text("address"),
    contactEmail: text("contact_email"),
    headName: text("head_name"),
    signatureImageKey: text("signature_image_key"),
    signatureImageType: text("signature_image_type"),
    /** A session this many days away or closer makes its unreturned conventions urgent (badge « J-n », reminders). */
    urgencyDays: integer("urgency_days").notNull().default(7),
    /** A convention is reminded at most once in this many days, automatically or by « Relancer ». */
    reminderCooldownDays: integer("reminder_cooldown_days").notNull().default(3),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("schools_uai_key").on(t.uai)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    // Every session carries the version it was opened at; raising it (logout, password change) ends them all.
    sessionVersion: integer("session_version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_school_idx").on(t.schoolId)],
);

/**
 * Login attempts counted per account (`compte:<e-mail>`) and per address (`ip:<address>`) in the
 * database, so that every server process sees the same counts and the same lockouts.
 */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** One row per lockout, kept for the record. */
export const loginLockouts = pgTable(
  "login_lockouts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    attempts: integer("attempts").notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_lockouts_key_idx").on(t.key, t.lockedAt)],
);

export const internships = pgTable(
  "internships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostSchoolId: uuid("host_school_id").notNull().references(() => schools.id),
    title: text("title").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    place: text("place").notNull(),
    teacherName: text("teacher_name").notNull(),
    seats: integer("seats").notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("internships_school_date_idx").on(t.hostSchoolId, t.date),
    index("internships_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const students = pgTable(
  "students",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    originSchoolId: uuid("origin_school_id").notNull().references(() => schools.id),
    lastName: text("last_name").notNull(),
    firstName: text("first_name").notNull(),
    className: text("class_name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    guardianName: text("guardian_name").notNull(),
    guardianEmail: text("guardian_email"),
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("students_school_name_idx").on(t.originSchoolId, t.lastName, t.firstName),
    index("students_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const enrollments = pgTable(
  "enrollments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studentId: uuid("student_id").notNull().references(() => students.id),
    internshipId: uuid("internship_id").notNull().references(() => internships.id),
    status: enrollmentStatus("status").notNull().default("draft"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("enrollments_student_internship_key").on(t.studentId, t.internshipId),
    index("enrollments_internship_idx").on(t.internshipId),
  ],
);

/**
 * Pupil, guardian, origin school and stage date are copied onto the convention so that the three
 * tabs sort, filter and paginate on one table with one index per sort column, even at a million rows.
 */
export const conventions = pgTable(
  "conventions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrollmentId: uuid("enrollment_id").notNull().references(() => enrollments.id),
    hostSchoolId: uuid("host_school_id").notNull().references(() => schools.id),
    originSchoolId: uuid("origin_school_id").notNull().references(() => schools.id),
    state: conventionState("state").notNull().default("not_returned"),
    version: integer("version").notNull().default(1),
    studentLastName: text("student_last_name").notNull(),
    studentFirstName: text("student_first_name").notNull(),
    guardianName: text("guardian_name").notNull(),
    originSchoolName: text("origin_school_name").notNull(),
    internshipDate: date("internship_date", { mode: "string" }).notNull(),
    searchText: text("search_text").notNull(),
    // Sort keys, so that "Éloi" sorts with the E and not after "Zoé" (PGlite and C collations compare bytes).
    studentLastNameKey: text("student_last_name_key").generatedAlwaysAs(sortKeyOf("student_last_name")),
    studentFirstNameKey: text("student_first_name_key").generatedAlwaysAs(sortKeyOf("student_first_name")),
    guardianNameKey: text("guardian_name_key").generatedAlwaysAs(sortKeyOf("guardian_name")),
    originSchoolNameKey: text("origin_school_name_key").generatedAlwaysAs(sortKeyOf("origin_school_name")),
    originalFileKey: text("original_file_key").notNull(),
    originalSha256: text("original_sha256").notNull(),
    originalSize: integer("original_size").notNull(),
    currentDepositId: uuid("current_deposit_id"),
    invalidatedAt: timestamp("invalidated_at", { withTimezone: true }),
    invalidationReason: text("invalidation_reason"),
    invalidationNote: text("invalidation_note"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    validatedByUserId: uuid("validated_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("conventions_enrollment_key").on(t.enrollmentId),
    index("conventions_original_sha_idx").on(t.originalSha256),
    // Migration 0001_tab_search_include recreates these six tab indexes with INCLUDE (search_text), which
    // drizzle's index builder cannot express: keep their names and key columns in step with it.
    index("conventions_tab_last_name_idx").on(t.hostSchoolId, t.state, t.studentLastNameKey, t.id),
    index("conventions_tab_first_name_idx").on(t.hostSchoolId, t.state, t.studentFirstNameKey, t.id),
    index("conventions_tab_guardian_idx").on(t.hostSchoolId, t.state, t.guardianNameKey, t.id),
    index("conventions_tab_origin_idx").on(t.hostSchoolId, t.state, t.originSchoolNameKey, t.id),
    index("conventions_tab_date_idx").on(t.hostSchoolId, t.state, t.internshipDate, t.id),
    index("conventions_origin_tab_idx").on(t.originSchoolId, t.state, t.internshipDate, t.id),
    index("conventions_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * When the origin school was last reminded to return a convention; the reminder cooldown counts from
 * here. A narrow table of its own: the daily run claims thousands of rows without rewriting (and
 * locking) the conventions themselves, which deposits and validations update meanwhile.
 */
export const conventionReminders = pgTable("convention_reminders", {
  conventionId: uuid("convention_id").primaryKey().references(() => conventions.id),
  lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }).notNull(),
});

export const deposits = pgTable(
  "deposits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conventionId: uuid("convention_id").notNull().references(() => conventions.id),
    fileKey: text("file_key").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    fileName: text("file_name"),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    uploadedViaLink: boolean("uploaded_via_link").notNull().default(false),
    recognition: text("recognition").notNull(),
    verdict: text("verdict").notNull(),
    analysis: jsonb("analysis").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("deposits_convention_idx").on(t.conventionId, t.createdAt)],
);

export const conventionEvents = pgTable(
  "convention_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: uuid("convention_id").notNull().references(() => conventions.id),
    event: text("event").notNull(),
    fromState: conventionState("from_state"),
    toState: conventionState("to_state").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason"),
    note: text("note"),
    depositId: uuid("deposit_id").references(() => deposits.id),
    createdAt: createdAt(),
  },
  (t) => [index("convention_events_convention_idx").on(t.conventionId, t.id)],
);

export type OutboxAttachment = { filename: string; fileKey: string; contentType: string };

export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conventionId: uuid("convention_id").references(() => conventions.id),
    schoolId: uuid("school_id").references(() => schools.id),
    /** The host school on whose behalf the mail leaves: its admins see it if it cannot be sent. */
    hostSchoolId: uuid("host_school_id").references(() => schools.id),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    payload: jsonb("payload").notNull(),
    attachments: jsonb("attachments").$type<OutboxAttachment[]>().notNull().default([]),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Retries go on until then (48 h after queueing or after « Renvoyer »); then the mail is marked failed. */
    retryUntil: timestamp("retry_until", { withTimezone: true }).notNull().default(sql`now() + interval '48 hours'`),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_convention_idx").on(t.conventionId),
    index("outbox_host_school_status_idx").on(t.hostSchoolId, t.status),
  ],
);

/** Raw bytes (a certificate's DER), read back as a Uint8Array on both drivers. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

/** Certificates a host school trusts as anchors: a signer whose chain reaches one shows « identité vérifiée ». */
export const trustAnchors = pgTable(
  "trust_anchors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    certificateDer: bytea("certificate_der").notNull(),
    subject: text("subject").notNull(),
    issuer: text("issuer").notNull(),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull(),
    notAfter: timestamp("not_after", { withTimezone: true }).notNull(),
    /** SHA-256 of the whole certificate (hex), as Acrobat and browsers show it. */
    fingerprintSha256: text("fingerprint_sha256").notNull(),
    addedByUserId: uuid("added_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("trust_anchors_school_fingerprint_key").on(t.schoolId, t.fingerprintSha256)],
);

/**
 * Signer keys a host school accepted for one origin school (« Faire confiance à ce signataire »):
 * a later signature with the same public key is recognised as that signer.
 */
export const pinnedSignerKeys = pgTable(
  "pinned_signer_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostSchoolId: uuid("host_school_id").notNull().references(() => schools.id),
    originSchoolId: uuid("origin_school_id").notNull().references(() => schools.id),
    /** SHA-256 (hex) of the signer certificate's SubjectPublicKeyInfo. */
    spkiSha256: text("spki_sha256").notNull(),
    certificateDer: bytea("certificate_der").notNull(),
    signerName: text("signer_name").notNull(),
    /** The convention whose signature was accepted. */
    conventionId: uuid("convention_id").references(() => conventions.id),
    pinnedByUserId: uuid("pinned_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pinned_signer_keys_host_origin_key").on(t.hostSchoolId, t.originSchoolId, t.spkiSha256),
    index("pinned_signer_keys_host_key_idx").on(t.hostSchoolId, t.spkiSha256),
  ],
);
