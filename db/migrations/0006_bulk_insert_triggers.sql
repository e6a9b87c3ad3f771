-- New phone users get their dial plan row and their settings row from one statement-level trigger per INSERT
-- statement, reading the inserted rows as a set: an import of thousands of users runs two set-based inserts
-- instead of two single-row inserts per user. Deletes and extension changes keep their row-level trigger.
CREATE FUNCTION phone_users_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dial_plan (extension, owner_kind, owner_id) SELECT extension, 'user', id FROM created;
  INSERT INTO phone_user_settings (phone_user_id) SELECT id FROM created;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER phone_users_settings ON phone_users;
--> statement-breakpoint
DROP TRIGGER phone_users_dial_plan ON phone_users;
--> statement-breakpoint
CREATE TRIGGER phone_users_dial_plan AFTER DELETE OR UPDATE OF extension ON phone_users
  FOR EACH ROW EXECUTE FUNCTION dial_plan_sync('user');
--> statement-breakpoint
CREATE TRIGGER phone_users_created AFTER INSERT ON phone_users
  REFERENCING NEW TABLE AS created
  FOR EACH STATEMENT EXECUTE FUNCTION phone_users_created();
--> statement-breakpoint
DROP FUNCTION phone_user_settings_create();
