CREATE TABLE "pinned_signer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_school_id" uuid NOT NULL,
	"origin_school_id" uuid NOT NULL,
	"spki_sha256" text NOT NULL,
	"certificate_der" "bytea" NOT NULL,
	"signer_name" text NOT NULL,
	"convention_id" uuid,
	"pinned_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_anchors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"certificate_der" "bytea" NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"added_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pinned_signer_keys" ADD CONSTRAINT "pinned_signer_keys_host_school_id_schools_id_fk" FOREIGN KEY ("host_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pinned_signer_keys" ADD CONSTRAINT "pinned_signer_keys_origin_school_id_schools_id_fk" FOREIGN KEY ("origin_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pinned_signer_keys" ADD CONSTRAINT "pinned_signer_keys_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pinned_signer_keys" ADD CONSTRAINT "pinned_signer_keys_pinned_by_user_id_users_id_fk" FOREIGN KEY ("pinned_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_anchors" ADD CONSTRAINT "trust_anchors_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_anchors" ADD CONSTRAINT "trust_anchors_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pinned_signer_keys_host_origin_key" ON "pinned_signer_keys" USING btree ("host_school_id","origin_school_id","spki_sha256");--> statement-breakpoint
CREATE INDEX "pinned_signer_keys_host_key_idx" ON "pinned_signer_keys" USING btree ("host_school_id","spki_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_anchors_school_fingerprint_key" ON "trust_anchors" USING btree ("school_id","fingerprint_sha256");