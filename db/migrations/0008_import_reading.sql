ALTER TABLE "imports" DROP CONSTRAINT "imports_status";--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "failure" text;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_failure" CHECK ("imports"."failure" in ('file_refused', 'interrupted'));--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_status" CHECK ("imports"."status" in ('reading', 'previewed', 'applying', 'applied', 'cancelled', 'undone', 'failed'));--> statement-breakpoint
-- A preview stores its file before it is shown: one left `previewed` without a file was cut short by a crash.
UPDATE "imports" SET "status" = 'failed', "failure" = 'interrupted' WHERE "status" = 'previewed' AND "content" IS NULL;
