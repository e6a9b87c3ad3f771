CREATE TABLE "sync_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"people" jsonb NOT NULL,
	"channel_id" text NOT NULL,
	"message_ts" text NOT NULL,
	"message" jsonb NOT NULL,
	"shown" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone_sync" ADD COLUMN "request_id" uuid;--> statement-breakpoint
CREATE INDEX "sync_replies_open_idx" ON "sync_replies" USING btree ("id") WHERE "sync_replies"."open";--> statement-breakpoint
CREATE INDEX "phone_sync_request_idx" ON "phone_sync" USING btree ("request_id");