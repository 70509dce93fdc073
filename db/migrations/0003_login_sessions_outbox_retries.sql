CREATE TABLE "login_lockouts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"attempts" integer NOT NULL,
	"locked_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "host_school_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "retry_until" timestamp with time zone DEFAULT now() + interval '48 hours' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "login_lockouts_key_idx" ON "login_lockouts" USING btree ("key","locked_at");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_host_school_id_schools_id_fk" FOREIGN KEY ("host_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_host_school_status_idx" ON "outbox" USING btree ("host_school_id","status");--> statement-breakpoint
-- Mails queued before this migration: their host school from their convention, and 48 h from when they were queued.
UPDATE "outbox" SET "host_school_id" = "conventions"."host_school_id" FROM "conventions" WHERE "outbox"."convention_id" = "conventions"."id";--> statement-breakpoint
UPDATE "outbox" SET "retry_until" = "created_at" + interval '48 hours';--> statement-breakpoint
-- A new password ends every open session of the account, whoever changes it (portal, script, console).
CREATE FUNCTION "users_end_sessions_on_password_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_end_sessions_on_password_change" BEFORE UPDATE OF "password_hash" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_end_sessions_on_password_change"();
