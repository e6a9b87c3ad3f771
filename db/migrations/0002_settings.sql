CREATE TABLE "auto_receptionists" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"extension" text NOT NULL,
	"site_id" integer NOT NULL,
	"operator_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_receptionists_extension_digits" CHECK ("auto_receptionists"."extension" ~ '^[0-9]{2,7}$')
);
--> statement-breakpoint
CREATE TABLE "call_queue_members" (
	"queue_id" integer NOT NULL,
	"phone_user_id" integer NOT NULL,
	"is_manager" boolean DEFAULT false NOT NULL,
	CONSTRAINT "call_queue_members_queue_id_phone_user_id_pk" PRIMARY KEY("queue_id","phone_user_id")
);
--> statement-breakpoint
CREATE TABLE "call_queues" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"extension" text NOT NULL,
	"site_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_queues_extension_digits" CHECK ("call_queues"."extension" ~ '^[0-9]{2,7}$')
);
--> statement-breakpoint
CREATE TABLE "dial_plan" (
	"extension" text PRIMARY KEY NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audio_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone_user_id" integer,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audio_files_format" CHECK ("audio_files"."format" in ('wav', 'mp3')),
	CONSTRAINT "audio_files_size" CHECK ("audio_files"."bytes" > 0 and "audio_files"."bytes" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "blocked_numbers" (
	"phone_user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocked_numbers_phone_user_id_value_pk" PRIMARY KEY("phone_user_id","value"),
	CONSTRAINT "blocked_numbers_value" CHECK ("blocked_numbers"."value" ~ '^\+?[0-9]{1,15}$')
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"owner_id" integer NOT NULL,
	"assistant_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegations_owner_id_assistant_id_pk" PRIMARY KEY("owner_id","assistant_id"),
	CONSTRAINT "delegations_not_self" CHECK ("delegations"."owner_id" <> "delegations"."assistant_id")
);
--> statement-breakpoint
CREATE TABLE "desk_phones" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone_user_id" integer NOT NULL,
	"mac" text NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_phones_mac" CHECK ("desk_phones"."mac" ~ '^[0-9A-F]{12}$')
);
--> statement-breakpoint
CREATE TABLE "emergency_addresses" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer,
	"phone_user_id" integer,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"is_site_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_addresses_country" CHECK ("emergency_addresses"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "phone_user_settings" (
	"phone_user_id" integer PRIMARY KEY NOT NULL,
	"business_hours" jsonb DEFAULT '{"kind":"always"}'::jsonb NOT NULL,
	"ring_mode" text DEFAULT 'simultaneous' NOT NULL,
	"routes" jsonb DEFAULT '[{"kind":"apps","enabled":true,"ringSeconds":20}]'::jsonb NOT NULL,
	"forward_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unanswered" jsonb DEFAULT '{"action":"voicemail","greetingId":null}'::jsonb NOT NULL,
	"closed_hours" jsonb DEFAULT '{"action":"voicemail","greetingId":null}'::jsonb NOT NULL,
	"hold_music" jsonb DEFAULT '{"kind":"default"}'::jsonb NOT NULL,
	"caller_id" jsonb DEFAULT '{"kind":"hidden"}'::jsonb NOT NULL,
	"area_code" text,
	"language" text DEFAULT 'en-US' NOT NULL,
	"voicemail_pin" text DEFAULT '000000' NOT NULL,
	"emergency_address_id" integer,
	"user_manages_emergency_address" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_user_settings_pin" CHECK ("phone_user_settings"."voicemail_pin" ~ '^[0-9]{1,6}$'),
	CONSTRAINT "phone_user_settings_ring_mode" CHECK ("phone_user_settings"."ring_mode" in ('simultaneous', 'sequential')),
	CONSTRAINT "phone_user_settings_area_code" CHECK ("phone_user_settings"."area_code" ~ '^[0-9]{1,5}$')
);
--> statement-breakpoint
ALTER TABLE "auto_receptionists" ADD CONSTRAINT "auto_receptionists_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_receptionists" ADD CONSTRAINT "auto_receptionists_operator_id_phone_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."phone_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_queue_members" ADD CONSTRAINT "call_queue_members_queue_id_call_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."call_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_queue_members" ADD CONSTRAINT "call_queue_members_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_queues" ADD CONSTRAINT "call_queues_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audio_files" ADD CONSTRAINT "audio_files_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocked_numbers" ADD CONSTRAINT "blocked_numbers_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_owner_id_phone_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_assistant_id_phone_users_id_fk" FOREIGN KEY ("assistant_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_phones" ADD CONSTRAINT "desk_phones_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_addresses" ADD CONSTRAINT "emergency_addresses_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_addresses" ADD CONSTRAINT "emergency_addresses_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_user_settings" ADD CONSTRAINT "phone_user_settings_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_user_settings" ADD CONSTRAINT "phone_user_settings_emergency_address_id_emergency_addresses_id_fk" FOREIGN KEY ("emergency_address_id") REFERENCES "public"."emergency_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auto_receptionists_name_unique" ON "auto_receptionists" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "auto_receptionists_extension_unique" ON "auto_receptionists" USING btree ("extension");--> statement-breakpoint
CREATE INDEX "auto_receptionists_operator_idx" ON "auto_receptionists" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "call_queue_members_user_idx" ON "call_queue_members" USING btree ("phone_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_queues_name_unique" ON "call_queues" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "call_queues_extension_unique" ON "call_queues" USING btree ("extension");--> statement-breakpoint
CREATE UNIQUE INDEX "dial_plan_owner_unique" ON "dial_plan" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "audio_files_owner_idx" ON "audio_files" USING btree ("phone_user_id");--> statement-breakpoint
CREATE INDEX "delegations_assistant_idx" ON "delegations" USING btree ("assistant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_phones_mac_unique" ON "desk_phones" USING btree ("mac");--> statement-breakpoint
CREATE INDEX "desk_phones_user_idx" ON "desk_phones" USING btree ("phone_user_id");--> statement-breakpoint
CREATE INDEX "emergency_addresses_site_idx" ON "emergency_addresses" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "emergency_addresses_user_idx" ON "emergency_addresses" USING btree ("phone_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_addresses_one_default_per_site" ON "emergency_addresses" USING btree ("site_id") WHERE "emergency_addresses"."is_site_default";