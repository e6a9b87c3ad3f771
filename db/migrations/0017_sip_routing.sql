CREATE TABLE "sip_credentials" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone_user_id" integer NOT NULL,
	"desk_phone_id" integer,
	"username" text NOT NULL,
	"realm" text NOT NULL,
	"ha1" text NOT NULL,
	"ha1b" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sip_credentials_ha1" CHECK ("sip_credentials"."ha1" ~ '^[0-9a-f]{32}$' and "sip_credentials"."ha1b" ~ '^[0-9a-f]{32}$')
);
--> statement-breakpoint
ALTER TABLE "sip_credentials" ADD CONSTRAINT "sip_credentials_phone_user_id_phone_users_id_fk" FOREIGN KEY ("phone_user_id") REFERENCES "public"."phone_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_credentials" ADD CONSTRAINT "sip_credentials_desk_phone_id_desk_phones_id_fk" FOREIGN KEY ("desk_phone_id") REFERENCES "public"."desk_phones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sip_credentials_username_unique" ON "sip_credentials" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "sip_credentials_apps_unique" ON "sip_credentials" USING btree ("phone_user_id") WHERE "sip_credentials"."desk_phone_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sip_credentials_desk_phone_unique" ON "sip_credentials" USING btree ("desk_phone_id");--> statement-breakpoint
CREATE INDEX "sip_credentials_phone_user_idx" ON "sip_credentials" USING btree ("phone_user_id");--> statement-breakpoint
-- The SIP server's view of the account, read per request: nothing is copied into it, so a committed change
-- applies to the very next REGISTER or INVITE. Plain SQL and PL/pgSQL only, so that PGlite runs it too.
--
-- Who may sign in: a device's digest hashes with the status and current extension of the person it belongs to.
CREATE VIEW sip_subscriber AS
  SELECT c.username, c.ha1, c.ha1b, pu.status, pu.extension, pu.id AS phone_user_id
  FROM sip_credentials c JOIN phone_users pu ON pu.id = c.phone_user_id;
--> statement-breakpoint
-- A person's time zone as the app reads it: their own when it names a zone of the tz database the server knows,
-- otherwise UTC. PostgreSQL reads an abbreviation before a zone name, and a POSIX rule ('UTC+3', its sign
-- reversed) as a zone, so: an abbreviation is a zone only for the few the tz database has ('CET' with its summer
-- time, not the fixed UTC+1 abbreviation; 'CEST' or 'PST' are none), and a name with digits or a sign only when it
-- is one of the tz database's (Etc/GMT-14, EST5EDT). Neither check reads pg_timezone_names, which costs tens of
-- milliseconds, on every call.
CREATE FUNCTION sip_time_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  wanted text := btrim(coalesce(tz, ''));
BEGIN
  IF wanted = '' THEN RETURN 'UTC'; END IF;
  IF position('/' IN wanted) = 0
     AND EXISTS (SELECT 1 FROM pg_timezone_abbrevs WHERE lower(abbrev) = lower(wanted)) THEN
    -- The zones each links to since tz 2024b; those with one offset all year read the same as the abbreviation,
    -- and GMT, UTC, Zulu or any abbreviation that is no zone at all read UTC.
    RETURN CASE upper(wanted)
      WHEN 'CET' THEN 'Europe/Brussels'
      WHEN 'MET' THEN 'Europe/Brussels'
      WHEN 'EET' THEN 'Europe/Athens'
      WHEN 'WET' THEN 'Europe/Lisbon'
      WHEN 'EST' THEN 'EST'
      WHEN 'MST' THEN 'MST'
      WHEN 'HST' THEN 'HST'
      ELSE 'UTC'
    END;
  END IF;
  IF wanted ~ '[0-9+]'
     AND lower(wanted) !~ '^((etc/)?gmt([+-]?0|[+-]([1-9]|1[0-4]))|est5edt|cst6cdt|mst7mdt|pst8pdt)$' THEN
    RETURN 'UTC';
  END IF;
  PERFORM now() AT TIME ZONE wanted;
  RETURN wanted;
EXCEPTION WHEN others THEN
  RETURN 'UTC';
END
$$;
--> statement-breakpoint
-- Whether business hours are open at an instant, in the zone `tz`. A day's interval whose end is earlier than or
-- equal to its start ends the next day (Monday 22:00-06:00 keeps Tuesday 03:00 open); '24:00' ends at midnight.
CREATE FUNCTION sip_is_open(hours jsonb, tz text, at timestamptz) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
  names text[] := ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  local_time timestamp := at AT TIME ZONE sip_time_zone(tz);
  dow int := extract(isodow FROM local_time)::int;
  t time := local_time::time;
  today jsonb;
  yesterday jsonb;
  opens time;
  closes time;
BEGIN
  IF hours->>'kind' IS DISTINCT FROM 'weekly' THEN RETURN true; END IF;
  today := hours->'days'->names[dow];
  yesterday := hours->'days'->names[CASE WHEN dow = 1 THEN 7 ELSE dow - 1 END];
  IF today->>'type' = '24h' THEN RETURN true; END IF;
  IF today->>'type' = 'interval' THEN
    opens := (today->>'from')::time;
    closes := (today->>'to')::time;
    IF closes > opens THEN
      IF t >= opens AND t < closes THEN RETURN true; END IF;
    ELSIF t >= opens THEN
      RETURN true;
    END IF;
  END IF;
  IF yesterday->>'type' = 'interval' THEN
    opens := (yesterday->>'from')::time;
    closes := (yesterday->>'to')::time;
    IF closes <= opens AND t < closes THEN RETURN true; END IF;
  END IF;
  RETURN false;
END
$$;
--> statement-breakpoint
-- The phone user a dialled extension or direct number reaches.
CREATE FUNCTION sip_phone_user(dialled text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT id FROM phone_users WHERE extension = dialled),
    (SELECT phone_user_id FROM phone_numbers WHERE number = dialled AND phone_user_id IS NOT NULL)
  )
$$;
--> statement-breakpoint
-- Whether a caller (an extension or an E.164 number) is one of the account's phone users, and their status:
-- 'active', 'inactive', or 'external'.
CREATE FUNCTION sip_caller_status(caller text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT status FROM phone_users WHERE id = sip_phone_user(caller)), 'external')
$$;
--> statement-breakpoint
-- What happens to a call to `callee` (an extension or a direct number) from `caller` at `at`: one row, the first
-- rule that applies. `action` is one of
--   unknown | caller_inactive | inactive | blocked (detail: 'number:<value>' or 'prefix:<value>') |
--   closed_voicemail (target: the extension; greeting_id) | closed_message (target: the audio id, or null for
--   the default message) | closed_forward (target: the number) | closed_disconnect | ring,
-- and `unanswered` what follows the last ring step: 'voicemail' (greeting_id) or 'disconnect'.
CREATE FUNCTION sip_call_plan(callee text, caller text, at timestamptz DEFAULT now())
RETURNS TABLE (
  action text,
  target text,
  detail text,
  unanswered text,
  greeting_id integer,
  phone_user_id integer,
  extension text
) LANGUAGE plpgsql STABLE AS $$
DECLARE
  u record;
  block record;
  caller_digits text := ltrim(coalesce(caller, ''), '+');
BEGIN
  SELECT pu.id, pu.status, pu.extension, s.business_hours, s.closed_hours, s.unanswered AS when_unanswered,
         s.forward_numbers, du.timezone
    INTO u
    FROM phone_users pu
    JOIN phone_user_settings s ON s.phone_user_id = pu.id
    JOIN directory_users du ON du.id = pu.directory_user_id
   WHERE pu.id = sip_phone_user(callee);
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::text, NULL::text, NULL::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;
  phone_user_id := u.id;
  extension := u.extension;
  unanswered := CASE WHEN u.when_unanswered->>'action' = 'disconnect' THEN 'disconnect' ELSE 'voicemail' END;
  greeting_id := (u.when_unanswered->>'greetingId')::integer;
  IF sip_caller_status(caller) = 'inactive' THEN
    action := 'caller_inactive';
    RETURN NEXT;
    RETURN;
  END IF;
  IF u.status <> 'active' THEN
    action := 'inactive';
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT b.kind, b.value INTO block
    FROM blocked_numbers b
   WHERE b.phone_user_id = u.id
     -- A blocked list holds numbers: a colleague calling from an extension is never matched by a prefix.
     AND starts_with(coalesce(caller, ''), '+')
     AND ((b.kind = 'number' AND b.value = caller)
       OR (b.kind = 'prefix' AND caller_digits <> '' AND starts_with(caller_digits, ltrim(b.value, '+'))))
   -- The exact number first, else the longest prefix counted in digits ('+1900' is no longer than '19005').
   ORDER BY b.kind, length(ltrim(b.value, '+')) DESC, b.value
   LIMIT 1;
  IF FOUND THEN
    action := 'blocked';
    detail := block.kind || ':' || block.value;
    RETURN NEXT;
    RETURN;
  END IF;
  IF sip_is_open(u.business_hours, u.timezone, at) THEN
    action := 'ring';
    RETURN NEXT;
    RETURN;
  END IF;
  CASE u.closed_hours->>'action'
    WHEN 'voicemail' THEN
      action := 'closed_voicemail';
      target := u.extension;
      greeting_id := (u.closed_hours->>'greetingId')::integer;
    WHEN 'message' THEN
      action := 'closed_message';
      target := u.closed_hours->>'audioId';
      greeting_id := NULL;
    WHEN 'forward' THEN
      action := 'closed_forward';
      target := u.forward_numbers->0->>'number';
      greeting_id := NULL;
    ELSE
      action := 'closed_disconnect';
  END CASE;
  RETURN NEXT;
END
$$;
--> statement-breakpoint
-- The SIP address a device without credentials of its own would have (its extension, or a desk phone's MAC), unless
-- that username belongs to someone else's credentials: a device registers only as its own username, so after an
-- extension changes hands the old holder's phone may still be registered as it, and must not ring for the new one.
CREATE FUNCTION sip_unheld_username(wanted text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM sip_credentials c WHERE lower(c.username) = lower(wanted)) THEN NULL
              ELSE wanted END
$$;
--> statement-breakpoint
-- The ring steps of a phone user during open hours, in order: one row per thing to ring.
--   simultaneous: one step with every enabled route, for the longest ring time among them;
--   sequential: one step per enabled route, in the user's order, each for its own ring time.
-- `kind` is apps | desk_phone | forward | assistant; `target` the SIP username to look up for a device (the apps'
-- or the desk phone's credentials; the extension or MAC when none are set, which nothing has registered with),
-- or the number for a forward. The callee's active assistants ring (their apps) with the first step. A step
-- with nothing registered is still listed: the SIP server skips it.
CREATE FUNCTION sip_ring_steps(callee_id integer)
RETURNS TABLE (step integer, ring_seconds integer, kind text, target text, is_local boolean)
LANGUAGE sql STABLE AS $$
  WITH u AS (
    SELECT pu.id, pu.extension, s.ring_mode, s.routes
      FROM phone_users pu JOIN phone_user_settings s ON s.phone_user_id = pu.id
     WHERE pu.id = callee_id AND pu.status = 'active'
  ), enabled AS (
    SELECT u.ring_mode, x.route, x.ord
      FROM u, jsonb_array_elements(u.routes) WITH ORDINALITY AS x(route, ord)
     WHERE (x.route->>'enabled')::boolean
  ), steps AS (
    SELECT CASE WHEN e.ring_mode = 'sequential' THEN (row_number() OVER (ORDER BY e.ord))::integer ELSE 1 END AS step,
           e.ord,
           (e.route->>'ringSeconds')::integer AS seconds,
           e.route->>'kind' AS kind,
           CASE e.route->>'kind'
             WHEN 'apps' THEN coalesce(
               (SELECT c.username FROM sip_credentials c WHERE c.phone_user_id = u.id AND c.desk_phone_id IS NULL),
               sip_unheld_username(u.extension))
             WHEN 'desk_phone' THEN coalesce(
               (SELECT c.username FROM sip_credentials c JOIN desk_phones d ON d.id = c.desk_phone_id
                 WHERE d.mac = e.route->>'mac' AND d.phone_user_id = u.id),
               sip_unheld_username(e.route->>'mac'))
             ELSE e.route->>'number'
           END AS target,
           e.route->>'kind' <> 'forward' AS is_local
      FROM enabled e, u
  ), assistants AS (
    SELECT 1 AS step, 1000000 + row_number() OVER (ORDER BY a.extension) AS ord, NULL::integer AS seconds,
           'assistant' AS kind,
           coalesce((SELECT c.username FROM sip_credentials c WHERE c.phone_user_id = a.id AND c.desk_phone_id IS NULL),
                    sip_unheld_username(a.extension)) AS target,
           true AS is_local
      FROM u JOIN delegations dl ON dl.owner_id = u.id JOIN phone_users a ON a.id = dl.assistant_id
     WHERE a.status = 'active' AND EXISTS (SELECT 1 FROM steps)
  ), everything AS (
    SELECT step, ord, seconds, kind, target, is_local FROM steps
    UNION ALL
    SELECT step, ord, seconds, kind, target, is_local FROM assistants
  )
  SELECT step, (max(seconds) OVER (PARTITION BY step))::integer, kind, target, is_local
    FROM everything
   ORDER BY step, ord
$$;
