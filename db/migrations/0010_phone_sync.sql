CREATE TABLE "phone_sync" (
	"directory_user_id" integer PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"run_after" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"failure_code" text,
	"failure_message" text,
	"marked_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "phone_sync_state" CHECK ("phone_sync"."state" in ('pending', 'in_sync', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "phone_sync_due_idx" ON "phone_sync" USING btree ("run_after","directory_user_id") WHERE "phone_sync"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "phone_sync_state_idx" ON "phone_sync" USING btree ("state","updated_at");