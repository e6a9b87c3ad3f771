-- Every extension in the account, of a phone user, a call queue or an auto receptionist, is one row of
-- dial_plan, whose primary key makes the database refuse two owners for one number. Triggers keep it in step
-- with the three tables, so no code path can forget it.
CREATE FUNCTION dial_plan_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM dial_plan WHERE owner_kind = kind AND owner_id = OLD.id;
    RETURN OLD;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO dial_plan (extension, owner_kind, owner_id) VALUES (NEW.extension, kind, NEW.id);
    RETURN NEW;
  END IF;
  IF NEW.extension IS DISTINCT FROM OLD.extension THEN
    UPDATE dial_plan SET extension = NEW.extension WHERE owner_kind = kind AND owner_id = NEW.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
INSERT INTO dial_plan (extension, owner_kind, owner_id) SELECT extension, 'user', id FROM phone_users;
--> statement-breakpoint
CREATE TRIGGER phone_users_dial_plan AFTER INSERT OR DELETE OR UPDATE OF extension ON phone_users
  FOR EACH ROW EXECUTE FUNCTION dial_plan_sync('user');
--> statement-breakpoint
CREATE TRIGGER call_queues_dial_plan AFTER INSERT OR DELETE OR UPDATE OF extension ON call_queues
  FOR EACH ROW EXECUTE FUNCTION dial_plan_sync('queue');
--> statement-breakpoint
CREATE TRIGGER auto_receptionists_dial_plan AFTER INSERT OR DELETE OR UPDATE OF extension ON auto_receptionists
  FOR EACH ROW EXECUTE FUNCTION dial_plan_sync('receptionist');
--> statement-breakpoint
-- A phone user always has a settings row, with the defaults of a new line.
CREATE FUNCTION phone_user_settings_create() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO phone_user_settings (phone_user_id) VALUES (NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
INSERT INTO phone_user_settings (phone_user_id) SELECT id FROM phone_users;
--> statement-breakpoint
CREATE TRIGGER phone_users_settings AFTER INSERT ON phone_users
  FOR EACH ROW EXECUTE FUNCTION phone_user_settings_create();
