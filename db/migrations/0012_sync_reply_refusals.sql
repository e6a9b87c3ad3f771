ALTER TABLE "sync_replies" ADD COLUMN "refusals_file" text;--> statement-breakpoint
ALTER TABLE "sync_replies" ADD COLUMN "request_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_replies" ADD COLUMN "requested_by" text;