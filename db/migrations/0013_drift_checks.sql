CREATE TABLE "drift_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"requested_by" text,
	"system" text NOT NULL,
	"differences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "drift_checks_state" CHECK ("drift_checks"."state" in ('running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "drift_checks_started_idx" ON "drift_checks" USING btree ("started_at");