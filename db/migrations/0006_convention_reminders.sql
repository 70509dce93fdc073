CREATE TABLE "convention_reminders" (
	"convention_id" uuid PRIMARY KEY NOT NULL,
	"last_reminded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convention_reminders" ADD CONSTRAINT "convention_reminders_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conventions" DROP COLUMN "last_reminded_at";