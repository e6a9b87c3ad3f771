import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { PhoneSyncRow } from '../../db/schema/phone-sync.ts';
import type { PhoneUserSettingsRow } from '../../db/schema/settings.ts';
import type { DirectoryUser } from './directory.ts';
import { type PhoneUserCard, personOf } from './phone-users.ts';
import type { Address, Blocked, Delegate, DeskPhone, Membership } from './user-details.ts';

/** How a lookup names the person whose card it reads. */
export type CardKey =
  | { by: 'extension'; extension: string }
  | { by: 'slack'; slackUserId: string }
  | { by: 'email'; email: string }
  | { by: 'directory'; id: number };

/** Everything the full card of a phone user shows, besides the card itself. */
export type CardDetails = {
  settings: PhoneUserSettingsRow;
  deskPhones: DeskPhone[];
  assistants: Delegate[];
  assisting: Delegate[];
  blocked: Blocked[];
  /** The user's own emergency address, else their site's default (`addressIsSiteDefault`). */
  address: Address | undefined;
  addressIsSiteDefault: boolean;
  queues: Membership[];
  operatorFor: { name: string; extension: string }[];
};

export type CardLookup = {
  /** Whether the viewer named with the lookup is an admin, read in the same statement. */
  viewerIsAdmin: boolean;
  /** The directory entry the key names (for an extension, its holder's), if any. */
  person: DirectoryUser | undefined;
  /** The person's card with its details and sync row, when they hold a phone license. */
  phoneUser: { card: PhoneUserCard; details: CardDetails; sync: PhoneSyncRow | undefined } | undefined;
};

// JSON carries timestamps as text and the drivers agree on nothing else for them: each is parsed here, so a
// lookup reads the same on PGlite and on PostgreSQL.
const date = z.coerce.date();
const personColumns = {
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  slackUserId: z.string().nullable(),
};
const delegate = z
  .object({ phoneUserId: z.number(), extension: z.string(), ...personColumns })
  .transform(
    (row): Delegate => ({ phoneUserId: row.phoneUserId, extension: row.extension, person: personOf(row) }),
  );
const address = z.object({
  id: z.number(),
  siteId: z.number().nullable(),
  phoneUserId: z.number().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
  isSiteDefault: z.boolean(),
  createdAt: date,
});
/** The settings documents were checked by the domain rules when they were written; they are taken as they are. */
const doc = <K extends keyof PhoneUserSettingsRow>() => z.custom<PhoneUserSettingsRow[K]>(() => true);
const settings = z.object({
  phoneUserId: z.number(),
  businessHours: doc<'businessHours'>(),
  ringMode: doc<'ringMode'>(),
  routes: doc<'routes'>(),
  forwardNumbers: doc<'forwardNumbers'>(),
  unanswered: doc<'unanswered'>(),
  closedHours: doc<'closedHours'>(),
  holdMusic: doc<'holdMusic'>(),
  callerId: doc<'callerId'>(),
  areaCode: z.string().nullable(),
  language: z.string(),
  voicemailPin: z.string(),
  emergencyAddressId: z.number().nullable(),
  userManagesEmergencyAddress: z.boolean(),
  version: z.number(),
  updatedAt: date,
}) satisfies z.ZodType<PhoneUserSettingsRow>;
const sync = z.object({
  directoryUserId: z.number(),
  email: z.string(),
  state: z.enum(['pending', 'in_sync', 'failed']),
  generation: z.number(),
  runAfter: date,
  claimedUntil: date.nullable(),
  attempts: z.number(),
  reason: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  requestId: z.string().nullable(),
  markedAt: date,
  syncedAt: date.nullable(),
  updatedAt: date,
}) satisfies z.ZodType<PhoneSyncRow>;
const phoneUser = z.object({
  phoneUserId: z.number(),
  siteId: z.number(),
  site: z.string(),
  siteCode: z.string().nullable(),
  extension: z.string(),
  shortExtension: z.string(),
  status: z.enum(['active', 'inactive']),
  settingsInPhoneSystem: z.boolean(),
  plans: z.array(z.object({ code: z.number(), shortName: z.string() })),
  numbers: z.array(z.string()),
  settings,
  deskPhones: z.array(z.object({ id: z.number(), mac: z.string(), model: z.string() })),
  assistants: z.array(delegate),
  assisting: z.array(delegate),
  blocked: z.array(z.object({ kind: z.enum(['number', 'prefix']), value: z.string() })),
  ownAddress: address.nullable(),
  siteAddress: address.nullable(),
  queues: z.array(z.object({ queue: z.string(), extension: z.string(), isManager: z.boolean() })),
  operatorFor: z.array(z.object({ name: z.string(), extension: z.string() })),
  sync: sync.nullable(),
});
const found = z.object({
  id: z.number(),
  ...personColumns,
  timezone: z.string().nullable(),
  createdAt: date,
  phoneUser: phoneUser.nullable(),
});
const checkRow = z.object({
  generation: z.coerce.bigint().nullable(),
  viewerIsAdmin: z.boolean(),
  changedHere: z.boolean(),
});
const lookupRow = checkRow.extend({ found: found.nullable() });

/** A JSON list of `rows`, in `order`, `[]` when there are none. */
const list = (object: string, from: string, order: string) =>
  `coalesce((select json_agg(${object} order by ${order}) ${from}), '[]'::json)`;

const personJson = (d: string) =>
  `'email', ${d}.email, 'firstName', ${d}.first_name, 'lastName', ${d}.last_name, 'slackUserId', ${d}.slack_user_id`;

const addressJson = (a: string) => `json_build_object('id', ${a}.id, 'siteId', ${a}.site_id,
  'phoneUserId', ${a}.phone_user_id, 'line1', ${a}.line1, 'line2', ${a}.line2, 'city', ${a}.city, 'state', ${a}.state,
  'postalCode', ${a}.postal_code, 'country', ${a}.country, 'isSiteDefault', ${a}.is_site_default,
  'createdAt', ${a}.created_at)`;

/** A phone user's card, details and sync row as one JSON object, from `p` (phone_users), `s` (sites), `d`. */
const PHONE_USER_JSON = `json_build_object(
  'phoneUserId', p.id, 'siteId', s.id, 'site', s.name, 'siteCode', s.site_code, 'extension', p.extension,
  'shortExtension', p.short_extension, 'status', p.status, 'settingsInPhoneSystem', p.settings_in_phone_system,
  'plans', ${list(
    `json_build_object('code', cp.code, 'shortName', cp.short_name)`,
    'from phone_user_plans pp join calling_plans cp on cp.code = pp.plan_code where pp.phone_user_id = p.id',
    'cp.code',
  )},
  'numbers', ${list('n.number', 'from phone_numbers n where n.phone_user_id = p.id', 'n.number')},
  'settings', json_build_object('phoneUserId', st.phone_user_id, 'businessHours', st.business_hours,
    'ringMode', st.ring_mode, 'routes', st.routes, 'forwardNumbers', st.forward_numbers,
    'unanswered', st.unanswered, 'closedHours', st.closed_hours, 'holdMusic', st.hold_music,
    'callerId', st.caller_id, 'areaCode', st.area_code, 'language', st.language, 'voicemailPin', st.voicemail_pin,
    'emergencyAddressId', st.emergency_address_id,
    'userManagesEmergencyAddress', st.user_manages_emergency_address, 'version', st.version,
    'updatedAt', st.updated_at),
  'deskPhones', ${list(
    `json_build_object('id', dp.id, 'mac', dp.mac, 'model', dp.model)`,
    'from desk_phones dp where dp.phone_user_id = p.id',
    'dp.id',
  )},
  'assistants', ${list(
    `json_build_object('phoneUserId', ap.id, 'extension', ap.extension, ${personJson('ad')})`,
    `from delegations dl join phone_users ap on ap.id = dl.assistant_id
      join directory_users ad on ad.id = ap.directory_user_id where dl.owner_id = p.id`,
    'ap.extension',
  )},
  'assisting', ${list(
    `json_build_object('phoneUserId', op.id, 'extension', op.extension, ${personJson('od')})`,
    `from delegations dl join phone_users op on op.id = dl.owner_id
      join directory_users od on od.id = op.directory_user_id where dl.assistant_id = p.id`,
    'op.extension',
  )},
  'blocked', ${list(
    `json_build_object('kind', b.kind, 'value', b.value)`,
    'from blocked_numbers b where b.phone_user_id = p.id',
    'b.value',
  )},
  'ownAddress', (select ${addressJson('ea')} from emergency_addresses ea where ea.id = st.emergency_address_id),
  'siteAddress', (select ${addressJson('sa')} from emergency_addresses sa
    where sa.site_id = s.id and sa.is_site_default),
  'queues', ${list(
    `json_build_object('queue', q.name, 'extension', q.extension, 'isManager', qm.is_manager)`,
    'from call_queue_members qm join call_queues q on q.id = qm.queue_id where qm.phone_user_id = p.id',
    'q.name',
  )},
  'operatorFor', ${list(
    `json_build_object('name', ar.name, 'extension', ar.extension)`,
    'from auto_receptionists ar where ar.operator_id = p.id',
    'ar.name',
  )},
  'sync', (select json_build_object('directoryUserId', ps.directory_user_id, 'email', ps.email,
    'state', ps.state, 'generation', ps.generation, 'runAfter', ps.run_after, 'claimedUntil', ps.claimed_until,
    'attempts', ps.attempts, 'reason', ps.reason, 'failureCode', ps.failure_code,
    'failureMessage', ps.failure_message, 'requestId', ps.request_id, 'markedAt', ps.marked_at,
    'syncedAt', ps.synced_at, 'updatedAt', ps.updated_at)
    from phone_sync ps where ps.directory_user_id = d.id))`;

/** A value a statement is given: a placeholder of a prepared statement, or SQL. */
type Param = SQL | Placeholder;
const VIEWER = sql.placeholder('viewer');
const KEY = sql.placeholder('key');

/** Which directory entry a lookup by each kind of key names (`p` is their phone user, when they have one). */
const MATCH: Record<CardKey['by'], (key: Param) => SQL> = {
  extension: (key) => sql`p.extension = ${key}::text`,
  slack: (key) => sql`d.slack_user_id = ${key}::text`,
  email: (key) => sql`lower(d.email) = lower(${key}::text)`,
  directory: (key) => sql`d.id = ${key}::integer`,
};

/**
 * The directory entry `by` names (with `key` as its placeholder) as a JSON object, their phone user inside it
 * when they hold a license: a scalar subquery, so that other statements (the Home tab's) can carry a card too.
 */
export const foundJson = (by: CardKey['by'], key: Param = KEY): SQL => sql`(
  select json_build_object('id', d.id, ${sql.raw(personJson('d'))}, 'timezone', d.timezone,
    'createdAt', d.created_at,
    'phoneUser', case when p.id is null then null else ${sql.raw(PHONE_USER_JSON)} end)
  from directory_users d
  left join phone_users p on p.directory_user_id = d.id
  left join sites s on s.id = p.site_id
  left join phone_user_settings st on st.phone_user_id = p.id
  where ${MATCH[by](key)})`;

/** Whether the Slack user `viewer` is an admin, as a boolean expression. */
export const isAdminSql = (viewer: Param = VIEWER): SQL =>
  sql`exists (select 1 from admins a where a.slack_user_id = ${viewer}::text)`;

/** The card generation (migration 0018), and whether this transaction has changed a card's table itself. */
const GENERATION_SQL = sql`select g.value::text as "generation",
  coalesce(current_setting('switchboard.card_change', true) = txid_current_if_assigned()::text, false)
    as "changedHere"
  from (select 1) one left join card_generation g on true`;

/**
 * The viewer's rights, the card generation and the card, read under one snapshot: a copy kept is stamped with
 * the generation it was read under.
 */
const lookupStatement = (by: CardKey['by']): SQL =>
  sql`select ${isAdminSql()} as "viewerIsAdmin", ${foundJson(by)} as "found", generation.*
    from (${GENERATION_SQL}) generation`;

/**
 * Each statement is prepared once per database: on PostgreSQL the server plans it once per connection
 * (postgres.js prepares a statement drizzle names); PGlite has no named statements, so there only drizzle's own
 * building of the SQL is saved.
 */
type Prepared = { execute: (values: Record<string, string | number>) => Promise<unknown> };
type Statements = { check: Prepared; lookups: Map<CardKey['by'], Prepared> };
const prepared = new WeakMap<Database, Statements>();

function statementsOf(db: Database): Statements {
  let statements = prepared.get(db);
  if (!statements) {
    const check = db
      .select({
        generation: sql<unknown>`"generation"`,
        viewerIsAdmin: sql<unknown>`${isAdminSql()}`,
        changedHere: sql<unknown>`"changedHere"`,
      })
      .from(sql`(${GENERATION_SQL}) as generation`)
      .prepare('card_generation_check');
    statements = { check, lookups: new Map() };
    prepared.set(db, statements);
  }
  return statements;
}

function preparedLookup(db: Database, by: CardKey['by']): Prepared {
  const { lookups } = statementsOf(db);
  let statement = lookups.get(by);
  if (!statement) {
    statement = db
      .select({
        generation: sql<unknown>`"generation"`,
        viewerIsAdmin: sql<unknown>`"viewerIsAdmin"`,
        changedHere: sql<unknown>`"changedHere"`,
        found: sql<unknown>`"found"`,
      })
      .from(sql`(${lookupStatement(by)}) as lookup`)
      .prepare(`card_by_${by}`);
    lookups.set(by, statement);
  }
  return statement;
}

const keyValue = (key: CardKey): string | number => {
  switch (key.by) {
    case 'extension':
      return key.extension;
    case 'slack':
      return key.slackUserId;
    case 'email':
      return key.email;
    case 'directory':
      return key.id;
  }
};

/** A card as read under a generation: who the key named then (`null`: nobody). */
type Copy = { generation: bigint; found: Found | null };
type Found = z.infer<typeof found>;

/**
 * Per database: the cards read last by key, oldest first (at most `COPIES`), and the newest generation any
 * statement here has read. Generations only grow, so a copy older than that one is known stale without asking.
 */
type Kept = { copies: Map<string, Copy>; newest: bigint };
const kept = new WeakMap<Database, Kept>();
const COPIES = 2_000;

function keptFor(db: Database): Kept {
  let cards = kept.get(db);
  if (!cards) {
    cards = { copies: new Map(), newest: 0n };
    kept.set(db, cards);
  }
  return cards;
}

/** Drops the cards kept for `db`, for a database whose data was put back under the app (a test's reset). */
export function forgetCards(db: Database): void {
  kept.delete(db);
}

/**
 * A card: whether `viewer` is an admin, the directory entry `key` names, and when they hold a license their card,
 * every detail the full card shows and their sync row, aggregated as JSON in one statement. A lookup is what
 * people do most, and every round trip of it waits inside Slack's acknowledgement. The card last read for a key
 * is kept, stamped with the card generation it was read under; while no change to a card's table has been
 * committed since, the next lookup is one small statement (the viewer's rights and the generation) and the
 * copy. The caller always gets a card of its own to change as it likes.
 */
export async function lookupCard(db: Database, key: CardKey, viewer: string): Promise<CardLookup> {
  const cards = keptFor(db);
  const id = `${key.by}:${keyValue(key)}`;
  const copy = cards.copies.get(id);
  if (copy && copy.generation >= cards.newest) {
    // A plan as large as the card's costs PostgreSQL more to set up than to run: the check is a statement apart.
    const checked = checkRow.parse(((await statementsOf(db).check.execute({ viewer })) as unknown[])[0]);
    if (checked.generation !== null && checked.generation > cards.newest) cards.newest = checked.generation;
    if (checked.generation === copy.generation && !checked.changedHere)
      return lookupOf(checked.viewerIsAdmin, structuredClone(copy.found));
  }
  cards.copies.delete(id);
  const rows = (await preparedLookup(db, key.by).execute({ viewer, key: keyValue(key) })) as unknown[];
  const row = lookupRow.parse(rows[0]);
  if (row.generation !== null && !row.changedHere) {
    if (row.generation > cards.newest) cards.newest = row.generation;
    cards.copies.set(id, { generation: row.generation, found: structuredClone(row.found) });
    if (cards.copies.size > COPIES) cards.copies.delete(cards.copies.keys().next().value as string);
  }
  return lookupOf(row.viewerIsAdmin, row.found);
}

/** A lookup from the JSON of `foundJson` (parsed here) and the viewer's rights. */
export function parseLookup(viewerIsAdmin: boolean, json: unknown): CardLookup {
  return lookupOf(viewerIsAdmin, found.nullable().parse(json));
}

function lookupOf(viewerIsAdmin: boolean, person: z.infer<typeof found> | null): CardLookup {
  if (!person) return { viewerIsAdmin, person: undefined, phoneUser: undefined };
  const { phoneUser: p, ...directoryUser } = person;
  if (!p) return { viewerIsAdmin, person: directoryUser, phoneUser: undefined };
  const card: PhoneUserCard = {
    phoneUserId: p.phoneUserId,
    directoryUserId: person.id,
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    slackUserId: person.slackUserId,
    timezone: person.timezone,
    siteId: p.siteId,
    site: p.site,
    siteCode: p.siteCode,
    extension: p.extension,
    shortExtension: p.shortExtension,
    status: p.status,
    settingsInPhoneSystem: p.settingsInPhoneSystem,
    plans: p.plans,
    numbers: p.numbers,
  };
  const own = p.ownAddress ?? undefined;
  const siteDefault = p.siteAddress ?? undefined;
  const details: CardDetails = {
    settings: p.settings,
    deskPhones: p.deskPhones,
    assistants: p.assistants,
    assisting: p.assisting,
    blocked: p.blocked,
    address: own ?? siteDefault,
    addressIsSiteDefault: own === undefined && siteDefault !== undefined,
    queues: p.queues,
    operatorFor: p.operatorFor,
  };
  return { viewerIsAdmin, person: directoryUser, phoneUser: { card, details, sync: p.sync ?? undefined } };
}
