-- The card generation: a number that changes with every committed change to a table a phone card reads, so that
-- an app may keep the cards it has read and serve one again for as long as the number it was read under holds.
-- A lookup reads the number and, only when it differs from the one its copy was read under, the card itself, in
-- one statement: a copy is never older than the last committed change.
--
-- The number moves at commit, not at the change: a deferred trigger takes the one row's lock as the last thing a
-- writing transaction does, so two transactions never wait on each other for it while holding other locks, and
-- no reader sees a new number before the change it stands for. Values come from a sequence, never reused, so a
-- copy can never match a number taken after a reset of the data (tests truncate the tables).
-- Plain SQL and PL/pgSQL, so that PGlite runs it too.
CREATE SEQUENCE card_generation_seq;
--> statement-breakpoint
CREATE TABLE card_generation (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	value bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO card_generation (value) VALUES (nextval('card_generation_seq'));
--> statement-breakpoint
-- One row per writing transaction until its commit: its insert queues the deferred trigger, once.
CREATE TABLE card_generation_pending (xid text PRIMARY KEY);
--> statement-breakpoint
CREATE FUNCTION card_generation_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE card_generation SET value = nextval('card_generation_seq');
  DELETE FROM card_generation_pending WHERE xid = NEW.xid;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER card_generation_at_commit AFTER INSERT ON card_generation_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION card_generation_advance();
--> statement-breakpoint
-- After any statement that writes a card's table: the first in a transaction queues the advance at commit. The
-- setting is local to the transaction (and undone with a savepoint rolled back, as the pending row is).
CREATE FUNCTION card_tables_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  xid text := txid_current()::text;
BEGIN
  IF current_setting('switchboard.card_change', true) IS DISTINCT FROM xid THEN
    PERFORM set_config('switchboard.card_change', xid, true);
    INSERT INTO card_generation_pending (xid) VALUES (xid) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['directory_users', 'phone_users', 'sites', 'phone_user_settings', 'phone_user_plans',
    'calling_plans', 'phone_numbers', 'desk_phones', 'delegations', 'blocked_numbers', 'emergency_addresses',
    'call_queue_members', 'call_queues', 'auto_receptionists', 'phone_sync']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION card_tables_changed()', t || '_card_generation', t);
  END LOOP;
END
$$;
