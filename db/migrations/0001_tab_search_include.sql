-- The tab indexes carry search_text so that a searched tab page walks its sort index in order and
-- tests the search on the index tuple alone (index-only scan), stopping after offset + page size
-- matches, instead of reading the heap of every trigram candidate. drizzle's index builder cannot
-- express INCLUDE: db/schema.ts keeps the key columns under the same names.
DROP INDEX IF EXISTS "conventions_tab_last_name_idx";--> statement-breakpoint
CREATE INDEX "conventions_tab_last_name_idx" ON "conventions" USING btree ("host_school_id","state","student_last_name","id") INCLUDE ("search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "conventions_tab_first_name_idx";--> statement-breakpoint
CREATE INDEX "conventions_tab_first_name_idx" ON "conventions" USING btree ("host_school_id","state","student_first_name","id") INCLUDE ("search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "conventions_tab_guardian_idx";--> statement-breakpoint
CREATE INDEX "conventions_tab_guardian_idx" ON "conventions" USING btree ("host_school_id","state","guardian_name","id") INCLUDE ("search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "conventions_tab_origin_idx";--> statement-breakpoint
CREATE INDEX "conventions_tab_origin_idx" ON "conventions" USING btree ("host_school_id","state","origin_school_name","id") INCLUDE ("search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "conventions_tab_date_idx";--> statement-breakpoint
CREATE INDEX "conventions_tab_date_idx" ON "conventions" USING btree ("host_school_id","state","internship_date","id") INCLUDE ("search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "conventions_origin_tab_idx";--> statement-breakpoint
CREATE INDEX "conventions_origin_tab_idx" ON "conventions" USING btree ("origin_school_id","state","internship_date","id") INCLUDE ("search_text");
