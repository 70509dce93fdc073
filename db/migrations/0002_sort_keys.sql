-- Accent-folded sort keys for the tab columns; the tab indexes move onto them and keep INCLUDE (search_text) (see 0001).
DROP INDEX "conventions_tab_last_name_idx";--> statement-breakpoint
DROP INDEX "conventions_tab_first_name_idx";--> statement-breakpoint
DROP INDEX "conventions_tab_guardian_idx";--> statement-breakpoint
DROP INDEX "conventions_tab_origin_idx";--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "student_last_name_key" text GENERATED ALWAYS AS (translate(lower(student_last_name), 'àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ', 'aaaaaaeeeeiiiiooooouuuucnyoa')) STORED;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "student_first_name_key" text GENERATED ALWAYS AS (translate(lower(student_first_name), 'àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ', 'aaaaaaeeeeiiiiooooouuuucnyoa')) STORED;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "guardian_name_key" text GENERATED ALWAYS AS (translate(lower(guardian_name), 'àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ', 'aaaaaaeeeeiiiiooooouuuucnyoa')) STORED;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "origin_school_name_key" text GENERATED ALWAYS AS (translate(lower(origin_school_name), 'àâäáãåéèêëíìîïóòôöõúùûüçñÿœæ', 'aaaaaaeeeeiiiiooooouuuucnyoa')) STORED;--> statement-breakpoint
CREATE INDEX "conventions_tab_last_name_idx" ON "conventions" USING btree ("host_school_id","state","student_last_name_key","id") INCLUDE ("search_text");--> statement-breakpoint
CREATE INDEX "conventions_tab_first_name_idx" ON "conventions" USING btree ("host_school_id","state","student_first_name_key","id") INCLUDE ("search_text");--> statement-breakpoint
CREATE INDEX "conventions_tab_guardian_idx" ON "conventions" USING btree ("host_school_id","state","guardian_name_key","id") INCLUDE ("search_text");--> statement-breakpoint
CREATE INDEX "conventions_tab_origin_idx" ON "conventions" USING btree ("host_school_id","state","origin_school_name_key","id") INCLUDE ("search_text");