CREATE TABLE "notice_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"directory_user_id" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notice_jobs_request_person_unique" ON "notice_jobs" USING btree ("request_id","directory_user_id");--> statement-breakpoint
CREATE INDEX "notice_jobs_due_idx" ON "notice_jobs" USING btree ("run_after","id") WHERE "notice_jobs"."state" = 'pending';