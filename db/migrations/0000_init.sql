CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."convention_state" AS ENUM('not_returned', 'pending_validation', 'validated');--> statement-breakpoint
CREATE TYPE "public"."enrollment_status" AS ENUM('draft', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('host_admin', 'origin_staff');--> statement-breakpoint
CREATE TABLE "convention_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"convention_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_state" "convention_state",
	"to_state" "convention_state" NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text,
	"note" text,
	"deposit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"host_school_id" uuid NOT NULL,
	"origin_school_id" uuid NOT NULL,
	"state" "convention_state" DEFAULT 'not_returned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"student_last_name" text NOT NULL,
	"student_first_name" text NOT NULL,
	"guardian_name" text NOT NULL,
	"origin_school_name" text NOT NULL,
	"internship_date" date NOT NULL,
	"search_text" text NOT NULL,
	"original_file_key" text NOT NULL,
	"original_sha256" text NOT NULL,
	"original_size" integer NOT NULL,
	"current_deposit_id" uuid,
	"invalidated_at" timestamp with time zone,
	"invalidation_reason" text,
	"invalidation_note" text,
	"validated_at" timestamp with time zone,
	"validated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"convention_id" uuid NOT NULL,
	"file_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"file_name" text,
	"uploaded_by_user_id" uuid,
	"uploaded_via_link" boolean DEFAULT false NOT NULL,
	"recognition" text NOT NULL,
	"verdict" text NOT NULL,
	"analysis" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"internship_id" uuid NOT NULL,
	"status" "enrollment_status" DEFAULT 'draft' NOT NULL,
	"created_by_user_id" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "internships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_school_id" uuid NOT NULL,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"place" text NOT NULL,
	"teacher_name" text NOT NULL,
	"seats" integer NOT NULL,
	"cancelled_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"convention_id" uuid,
	"school_id" uuid,
	"template" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_host" boolean DEFAULT false NOT NULL,
	"is_origin" boolean DEFAULT false NOT NULL,
	"uai" text NOT NULL,
	"city" text NOT NULL,
	"address" text,
	"contact_email" text,
	"head_name" text,
	"signature_image_key" text,
	"signature_image_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"origin_school_id" uuid NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"class_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"guardian_name" text NOT NULL,
	"guardian_email" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convention_events" ADD CONSTRAINT "convention_events_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_events" ADD CONSTRAINT "convention_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_events" ADD CONSTRAINT "convention_events_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_host_school_id_schools_id_fk" FOREIGN KEY ("host_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_origin_school_id_schools_id_fk" FOREIGN KEY ("origin_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_validated_by_user_id_users_id_fk" FOREIGN KEY ("validated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_internship_id_internships_id_fk" FOREIGN KEY ("internship_id") REFERENCES "public"."internships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internships" ADD CONSTRAINT "internships_host_school_id_schools_id_fk" FOREIGN KEY ("host_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_origin_school_id_schools_id_fk" FOREIGN KEY ("origin_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "convention_events_convention_idx" ON "convention_events" USING btree ("convention_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "conventions_enrollment_key" ON "conventions" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "conventions_original_sha_idx" ON "conventions" USING btree ("original_sha256");--> statement-breakpoint
CREATE INDEX "conventions_tab_last_name_idx" ON "conventions" USING btree ("host_school_id","state","student_last_name","id");--> statement-breakpoint
CREATE INDEX "conventions_tab_first_name_idx" ON "conventions" USING btree ("host_school_id","state","student_first_name","id");--> statement-breakpoint
CREATE INDEX "conventions_tab_guardian_idx" ON "conventions" USING btree ("host_school_id","state","guardian_name","id");--> statement-breakpoint
CREATE INDEX "conventions_tab_origin_idx" ON "conventions" USING btree ("host_school_id","state","origin_school_name","id");--> statement-breakpoint
CREATE INDEX "conventions_tab_date_idx" ON "conventions" USING btree ("host_school_id","state","internship_date","id");--> statement-breakpoint
CREATE INDEX "conventions_origin_tab_idx" ON "conventions" USING btree ("origin_school_id","state","internship_date","id");--> statement-breakpoint
CREATE INDEX "conventions_search_idx" ON "conventions" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "deposits_convention_idx" ON "deposits" USING btree ("convention_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_student_internship_key" ON "enrollments" USING btree ("student_id","internship_id");--> statement-breakpoint
CREATE INDEX "enrollments_internship_idx" ON "enrollments" USING btree ("internship_id");--> statement-breakpoint
CREATE INDEX "internships_school_date_idx" ON "internships" USING btree ("host_school_id","date");--> statement-breakpoint
CREATE INDEX "internships_search_idx" ON "internships" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_convention_idx" ON "outbox" USING btree ("convention_id");--> statement-breakpoint
CREATE UNIQUE INDEX "schools_uai_key" ON "schools" USING btree ("uai");--> statement-breakpoint
CREATE INDEX "students_school_name_idx" ON "students" USING btree ("origin_school_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "students_search_idx" ON "students" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_school_idx" ON "users" USING btree ("school_id");