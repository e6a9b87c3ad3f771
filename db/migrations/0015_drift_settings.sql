ALTER TABLE "drift_checks" ADD COLUMN "settings_compared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD COLUMN "phone_settings" jsonb;