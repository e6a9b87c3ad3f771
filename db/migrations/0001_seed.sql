-- A fresh account: one site, the account switches, the reserved emergency and service codes, and the
-- calling-plan catalog (inventories start at zero: the admin sets what the account has bought).
INSERT INTO "account_settings" ("id", "site_codes_enabled", "licenses_total") VALUES (1, false, 0);
--> statement-breakpoint
INSERT INTO "sites" ("name") VALUES ('Main');
--> statement-breakpoint
INSERT INTO "reserved_extensions" ("extension", "note") VALUES
  ('911', 'emergency (North America)'),
  ('933', 'emergency address test'),
  ('988', 'crisis line (US)'),
  ('112', 'emergency (international)'),
  ('999', 'emergency (UK)'),
  ('411', 'directory assistance'),
  ('611', 'carrier repair service'),
  ('711', 'telecommunications relay service');
--> statement-breakpoint
INSERT INTO "calling_plans" ("code", "short_name", "long_name") VALUES
  (100, 'US/CA Metered', 'United States/Canada Metered Calling Plan'),
  (101, 'AU/NZ Metered', 'Australia/New Zealand Metered Calling Plan'),
  (102, 'UK/Ireland Metered', 'United Kingdom/Ireland Metered Calling Plan'),
  (103, 'Europe Zone A Metered', 'Europe Zone A Metered Calling Plan'),
  (104, 'Europe Zone B Metered', 'Europe Zone B Metered Calling Plan'),
  (107, 'JP Metered', 'Japan Metered Calling Plan'),
  (200, 'US/CA Unlimited', 'United States/Canada Unlimited Calling Plan'),
  (201, 'AU/NZ Unlimited', 'Australia/New Zealand Unlimited Calling Plan'),
  (202, 'UK/Ireland Unlimited', 'United Kingdom/Ireland Unlimited Calling Plan'),
  (203, 'Europe Zone A Unlimited', 'Europe Zone A Unlimited Calling Plan'),
  (204, 'Europe Zone B Unlimited', 'Europe Zone B Unlimited Calling Plan'),
  (207, 'JP Unlimited', 'Japan Unlimited Calling Plan'),
  (1000, 'Global Select', 'Global Select Calling Plan'),
  (1001, 'Global Select Metered', 'Global Select Metered Calling Plan'),
  (3000, 'Pro', 'Pro Calling Plan'),
  (4000, 'International Calling Add-On', 'International Calling Add-On'),
  (4010, 'Power Pack', 'Power Pack Add-On');
