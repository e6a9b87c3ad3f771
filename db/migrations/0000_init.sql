CREATE TABLE "account_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"site_codes_enabled" boolean DEFAULT false NOT NULL,
	"licenses_total" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_settings_singleton" CHECK ("account_settings"."id" = 1),
	CONSTRAINT "account_settings_licenses_nonnegative" CHECK ("account_settings"."licenses_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "admins" (
	"slack_user_id" text PRIMARY KEY NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserved_extensions" (
	"extension" text PRIMARY KEY NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reserved_extensions_digits" CHECK ("reserved_extensions"."extension" ~ '^[0-9]{2,6}$')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"target_label" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "change_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"timezone" text,
	"slack_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_numbers" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"site_id" integer,
	"phone_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_user_plans" (
	"phone_user_id" integer NOT NULL,
	"plan_code" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_user_plans_phone_user_id_plan_code_pk" PRIMARY KEY("phone_user_id","plan_code")
);
--> statement-breakpoint
CREATE TABLE "phone_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"directory_user_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"extension" text NOT NULL,
	"short_extension" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_users_extension_digits" CHECK ("phone_users"."extension" ~ '^[0-9]{2,7}$'),
	CONSTRAINT "phone_users_status" CHECK ("phone_users"."status" in ('active', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "calling_plans" (
	"code" integer PRIMARY KEY NOT NULL,
	"short_name" text NOT NULL,
	"long_name" text NOT NULL,
	"inventory" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "calling_plans_inventory_nonnegative" CHECK ("calling_plans"."inventory" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_code" text,
	"first_extension" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_site_code_digits" CHECK ("sites"."site_code" ~ '^[1-9][0-9]?$'),
	CONSTRAINT "sites_first_extension_digits" CHECK ("sites"."first_extension" ~ '^[0-9]{2,6}$')
);
--> statement-breakpoint
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_user_plans" ADD CONSTRAINT "phone_user_plans_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_user_plans" ADD CONSTRAINT "phone_user_plans_plan_code_calling_plans_code_fk" FOREIGN KEY ("plan_code") REFERENCES "public"."calling_plans"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_users" ADD CONSTRAINT "phone_users_directory_user_id_directory_users_id_fk" FOREIGN KEY ("directory_user_id") REFERENCES "public"."directory_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_users" ADD CONSTRAINT "phone_users_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_request_idx" ON "audit_log" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "change_outbox_pending_idx" ON "change_outbox" USING btree ("id") WHERE "change_outbox"."applied_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_email_unique" ON "directory_users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_slack_user_id_unique" ON "directory_users" USING btree ("slack_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_numbers_number_unique" ON "phone_numbers" USING btree ("number");--> statement-breakpoint
CREATE INDEX "phone_numbers_phone_user_idx" ON "phone_numbers" USING btree ("phone_user_id");--> statement-breakpoint
CREATE INDEX "phone_numbers_site_idx" ON "phone_numbers" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "phone_user_plans_plan_idx" ON "phone_user_plans" USING btree ("plan_code");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_users_directory_user_unique" ON "phone_users" USING btree ("directory_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_users_extension_unique" ON "phone_users" USING btree ("extension");--> statement-breakpoint
CREATE INDEX "phone_users_site_idx" ON "phone_users" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calling_plans_short_name_unique" ON "calling_plans" USING btree (lower("short_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "calling_plans_long_name_unique" ON "calling_plans" USING btree (lower("long_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_name_unique" ON "sites" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_site_code_unique" ON "sites" USING btree ("site_code");