CREATE TABLE "adoptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"system" text NOT NULL,
	"account" jsonb,
	"counts" jsonb NOT NULL,
	"request_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "adoptions_status" CHECK ("adoptions"."status" in ('previewed', 'applied', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "phone_users" ADD COLUMN "settings_in_phone_system" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "adoptions_requested_by_idx" ON "adoptions" USING btree ("requested_by","status");