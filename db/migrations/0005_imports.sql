CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"slack_file_id" text NOT NULL,
	"file_name" text NOT NULL,
	"mode" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"channel_id" text NOT NULL,
	"thread_ts" text NOT NULL,
	"preview_ts" text,
	"site" text,
	"copy_from" text,
	"content" text,
	"status" text DEFAULT 'previewed' NOT NULL,
	"counts" jsonb NOT NULL,
	"undo" jsonb,
	"request_id" uuid,
	"applied_by" text,
	"applied_at" timestamp with time zone,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imports_status" CHECK ("imports"."status" in ('previewed', 'applied', 'cancelled', 'undone', 'failed')),
	CONSTRAINT "imports_mode" CHECK ("imports"."mode" in ('add', 'update'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "imports_slack_file_unique" ON "imports" USING btree ("slack_file_id");--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("created_at");