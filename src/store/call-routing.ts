import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, queryRows } from '../../db/client.ts';
import type { CallerLine, RoutingCallee } from '../domain/call-routing.ts';
import type {
  BusinessHours,
  ClosedHoursAction,
  ForwardNumber,
  Route,
  UnansweredAction,
} from '../domain/settings.ts';
import { isAdminSql } from './cards.ts';

/** Whom a call is placed to: a person, or the extension or direct number dialled. */
export type CalleeKey =
  | { by: 'extension'; extension: string }
  | { by: 'number'; number: string }
  | { by: 'slack'; slackUserId: string }
  | { by: 'email'; email: string }
  | { by: 'directory'; id: number };

/** Who places it: nobody in particular, or an extension or E.164 number that may be a phone user's. */
export type CallerKey =
  | { by: 'anyone' }
  | { by: 'extension'; extension: string }
  | { by: 'number'; number: string };

/** A directory entry as the routing names them. */
export type RoutingPerson = {
  directoryUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  slackUserId: string | null;
};

/** The callee with what names them in an explanation, and the site a number typed without + is read in. */
export type RoutingCalleeRead = RoutingCallee & {
  phoneUserId: number;
  person: RoutingPerson;
  siteId: number;
  siteCountry: string | null;
  settingsInPhoneSystem: boolean;
};

export type RoutingRead = {
  viewerIsAdmin: boolean;
  /** The directory entry the key names (a person without a line has one and no callee). */
  person: RoutingPerson | undefined;
  callee: RoutingCalleeRead | undefined;
  caller: (CallerLine & { phoneUserId: number; slackUserId: string | null }) | undefined;
};

const nameOf = (d: string) =>
  `coalesce(nullif(trim(${d}.first_name || ' ' || ${d}.last_name), ''), ${d}.email)`;

const list = (object: string, from: string, order: string) =>
  `coalesce((select json_agg(${object} order by ${order}) ${from}), '[]'::json)`;

const CALLEE_JSON = `json_build_object(
  'directoryUserId', d.id, 'email', d.email, 'firstName', d.first_name, 'lastName', d.last_name,
  'slackUserId', d.slack_user_id, 'timezone', d.timezone,
  'line', case when p.id is null then null else json_build_object(
    'phoneUserId', p.id, 'extension', p.extension, 'active', p.status = 'active', 'siteId', p.site_id,
    'siteCountry', s.country, 'settingsInPhoneSystem', p.settings_in_phone_system,
    'businessHours', st.business_hours, 'closedHours', st.closed_hours, 'ringMode', st.ring_mode,
    'routes', st.routes, 'forwardNumbers', st.forward_numbers, 'unanswered', st.unanswered,
    'deskPhones', ${list(
      `json_build_object('mac', dp.mac, 'model', dp.model)`,
      'from desk_phones dp where dp.phone_user_id = p.id',
      'dp.id',
    )},
    'assistants', ${list(
      `json_build_object('extension', ap.extension, 'active', ap.status = 'active', 'name', ${nameOf('ad')})`,
      `from delegations dl join phone_users ap on ap.id = dl.assistant_id
        join directory_users ad on ad.id = ap.directory_user_id where dl.owner_id = p.id`,
      'ap.extension',
    )},
    'blocked', ${list(
      `json_build_object('kind', b.kind, 'value', b.value)`,
      'from blocked_numbers b where b.phone_user_id = p.id',
      'b.value',
    )}) end)`;

function calleeMatch(key: CalleeKey): SQL {
  switch (key.by) {
    case 'extension':
      return sql`p.extension = ${key.extension}`;
    case 'number':
      return sql`p.id = (select n.phone_user_id from phone_numbers n where n.number = ${key.number})`;
    case 'slack':
      return sql`d.slack_user_id = ${key.slackUserId}`;
    case 'email':
      return sql`lower(d.email) = lower(${key.email})`;
    case 'directory':
      return sql`d.id = ${key.id}`;
  }
}

function callerMatch(key: CallerKey): SQL {
  switch (key.by) {
    case 'anyone':
      return sql`false`;
    case 'extension':
      return sql`p.extension = ${key.extension}`;
    case 'number':
      return sql`p.id = (select n.phone_user_id from phone_numbers n where n.number = ${key.number})`;
  }
}

const person = z.object({
  directoryUserId: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  slackUserId: z.string().nullable(),
});
// The settings documents were checked by the domain's rules before every write.
const line = z.object({
  phoneUserId: z.number(),
  extension: z.string(),
  active: z.boolean(),
  siteId: z.number(),
  siteCountry: z.string().nullable(),
  settingsInPhoneSystem: z.boolean(),
  businessHours: z.custom<BusinessHours>((value) => typeof value === 'object' && value !== null),
  closedHours: z.custom<ClosedHoursAction>((value) => typeof value === 'object' && value !== null),
  ringMode: z.enum(['simultaneous', 'sequential']),
  routes: z.array(z.custom<Route>((value) => typeof value === 'object' && value !== null)),
  forwardNumbers: z.array(z.object({ number: z.string(), description: z.string() })) as z.ZodType<
    ForwardNumber[]
  >,
  unanswered: z.custom<UnansweredAction>((value) => typeof value === 'object' && value !== null),
  deskPhones: z.array(z.object({ mac: z.string(), model: z.string() })),
  assistants: z.array(z.object({ extension: z.string(), active: z.boolean(), name: z.string() })),
  blocked: z.array(z.object({ kind: z.enum(['number', 'prefix']), value: z.string() })),
});
const callee = person.extend({ timezone: z.string().nullable(), line: line.nullable() });
const caller = z.object({
  phoneUserId: z.number(),
  extension: z.string(),
  active: z.boolean(),
  name: z.string(),
  slackUserId: z.string().nullable(),
});
const row = z.object({
  viewerIsAdmin: z.boolean(),
  callee: callee.nullable(),
  caller: caller.nullable(),
});

/**
 * What routing a call needs, in one statement: whether `viewer` is an admin, the callee with every setting that
 * decides the call (hours, actions, routes, desk phones, assistants and whether each is active, blocked list),
 * and whether the caller is a phone user of the account and active.
 */
export async function readCallRouting(
  db: Executor,
  calleeKey: CalleeKey,
  callerKey: CallerKey,
  viewer: string,
): Promise<RoutingRead> {
  const [first] = await queryRows<unknown>(
    db,
    sql`select ${isAdminSql(sql`${viewer}`)} as "viewerIsAdmin",
      (select ${sql.raw(CALLEE_JSON)}
        from directory_users d
        left join phone_users p on p.directory_user_id = d.id
        left join sites s on s.id = p.site_id
        left join phone_user_settings st on st.phone_user_id = p.id
        where ${calleeMatch(calleeKey)}) as "callee",
      (select json_build_object('phoneUserId', p.id, 'extension', p.extension, 'active', p.status = 'active',
          'name', ${sql.raw(nameOf('d'))}, 'slackUserId', d.slack_user_id)
        from phone_users p join directory_users d on d.id = p.directory_user_id
        where ${callerMatch(callerKey)}) as "caller"`,
  );
  const read = row.parse(first);
  const found = read.callee;
  const personRead = found
    ? {
        directoryUserId: found.directoryUserId,
        email: found.email,
        firstName: found.firstName,
        lastName: found.lastName,
        slackUserId: found.slackUserId,
      }
    : undefined;
  const calleeRead: RoutingCalleeRead | undefined =
    found?.line && personRead
      ? {
          ...found.line,
          timeZone: found.timezone,
          person: personRead,
        }
      : undefined;
  return {
    viewerIsAdmin: read.viewerIsAdmin,
    person: personRead,
    callee: calleeRead,
    caller: read.caller ?? undefined,
  };
}
