ALTER TABLE "conventions" ADD COLUMN "last_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "urgency_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "reminder_cooldown_days" integer DEFAULT 3 NOT NULL;