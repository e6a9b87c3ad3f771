import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import type { EmergencyAddress } from '../domain/address.ts';
import type { DesiredLine, Line } from '../domain/desired-line.ts';
import type {
  BusinessHours,
  CallerId,
  ClosedHoursAction,
  ForwardNumber,
  HoldMusic,
  RingMode,
  Route,
  UnansweredAction,
} from '../domain/settings.ts';

type LineRow = {
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone_user_id: number | null;
  status: 'active' | 'inactive';
  extension: string;
  short_extension: string;
  site_name: string;
  site_code: string | null;
  business_hours: Json<BusinessHours>;
  ring_mode: RingMode;
  routes: Json<Route[]>;
  forward_numbers: Json<ForwardNumber[]>;
  unanswered: Json<UnansweredAction>;
  closed_hours: Json<ClosedHoursAction>;
  hold_music: Json<HoldMusic>;
  caller_id: Json<CallerId>;
  area_code: string | null;
  language: string;
  voicemail_pin: string;
  settings_in_phone_system: boolean;
  address: Json<EmergencyAddress | null>;
  plans: Json<{ code: number; name: string }[]>;
  numbers: Json<string[]>;
  desk_phones: Json<{ mac: string; model: string }[]>;
  assistants: Json<string[]>;
  blocked: Json<{ kind: 'number' | 'prefix'; value: string }[]>;
};

/** A jsonb value as a raw statement returns it: parsed by PGlite, text from some postgres.js setups. */
type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * What the phone system should hold for one person, read in one statement so that it is one committed state of
 * the database. A person without a phone license has no line; a person deleted from the directory has none
 * either, and is found in the phone system by the email their sync row kept.
 */
export async function desiredLine(
  db: Executor,
  directoryUserId: number,
  keptEmail: string,
): Promise<DesiredLine> {
  const [row] = await queryRows<LineRow>(
    db,
    sql`
      select d.email, d.first_name, d.last_name,
             pu.id as phone_user_id, pu.status, pu.extension, pu.short_extension, pu.settings_in_phone_system,
             s.name as site_name, s.site_code,
             st.business_hours, st.ring_mode, st.routes, st.forward_numbers, st.unanswered, st.closed_hours,
             st.hold_music, st.caller_id, st.area_code, st.language, st.voicemail_pin,
             case when a.id is null then null else jsonb_build_object(
               'line1', a.line1, 'line2', a.line2, 'city', a.city, 'state', a.state,
               'postalCode', a.postal_code, 'country', a.country) end as address,
             coalesce((select jsonb_agg(jsonb_build_object('code', p.code, 'name', p.long_name) order by p.code)
                         from phone_user_plans up join calling_plans p on p.code = up.plan_code
                        where up.phone_user_id = pu.id), '[]'::jsonb) as plans,
             coalesce((select jsonb_agg(n.number order by n.number)
                         from phone_numbers n where n.phone_user_id = pu.id), '[]'::jsonb) as numbers,
             coalesce((select jsonb_agg(jsonb_build_object('mac', k.mac, 'model', k.model) order by k.mac)
                         from desk_phones k where k.phone_user_id = pu.id), '[]'::jsonb) as desk_phones,
             coalesce((select jsonb_agg(ad.email order by lower(ad.email))
                         from delegations g
                         join phone_users ap on ap.id = g.assistant_id
                         join directory_users ad on ad.id = ap.directory_user_id
                        where g.owner_id = pu.id), '[]'::jsonb) as assistants,
             coalesce((select jsonb_agg(jsonb_build_object('kind', b.kind, 'value', b.value) order by b.value)
                         from blocked_numbers b where b.phone_user_id = pu.id), '[]'::jsonb) as blocked
        from (select ${directoryUserId}::integer as id) wanted
        left join directory_users d on d.id = wanted.id
        left join phone_users pu on pu.directory_user_id = d.id
        left join sites s on s.id = pu.site_id
        left join phone_user_settings st on st.phone_user_id = pu.id
        left join emergency_addresses a on a.id = st.emergency_address_id`,
  );
  if (!row?.email) return { email: keptEmail, firstName: '', lastName: '', line: null };
  const person = { email: row.email, firstName: row.first_name ?? '', lastName: row.last_name ?? '' };
  if (row.phone_user_id === null) return { ...person, line: null };
  const line: Line = {
    status: row.status,
    site: { name: row.site_name, code: row.site_code },
    extension: row.extension,
    shortExtension: row.short_extension,
    plans: parsed(row.plans),
    numbers: parsed(row.numbers),
    settings: {
      businessHours: parsed(row.business_hours),
      ringMode: row.ring_mode,
      routes: parsed(row.routes),
      forwardNumbers: parsed(row.forward_numbers),
      unanswered: parsed(row.unanswered),
      closedHours: parsed(row.closed_hours),
      holdMusic: parsed(row.hold_music),
      callerId: parsed(row.caller_id),
      areaCode: row.area_code,
      language: row.language,
      voicemailPin: row.voicemail_pin,
    },
    emergencyAddress: parsed(row.address),
    deskPhones: parsed(row.desk_phones),
    assistants: parsed(row.assistants),
    blocked: parsed(row.blocked),
    ...(row.settings_in_phone_system ? { settingsInPhoneSystem: true as const } : {}),
  };
  return { ...person, line };
}
