ALTER TABLE "sites" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_country_code" CHECK ("sites"."country" ~ '^[A-Z]{2}$');