import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { emailKey } from '../domain/email.ts';
import type { Person } from '../domain/errors.ts';
import type { CurrentUser, DirectoryEntry } from '../domain/phone-user-fields.ts';
import type { CallerId } from '../domain/settings.ts';
import { type PhoneUserStatus, personOf } from './phone-users.ts';

/**
 * Lists go to the database as one JSON parameter rather than one parameter per value: a 100,000-row file would
 * pass PostgreSQL's limit of 65,535 parameters in a statement.
 */
const jsonList = (values: readonly (string | number)[]) =>
  sql`(select value from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

type FieldsRow = {
  phone_user_id: number;
  directory_user_id: number;
  email: string;
  first_name: string;
  last_name: string;
  slack_user_id: string | null;
  site_id: number;
  site: string;
  extension: string;
  short_extension: string;
  status: PhoneUserStatus;
  plan_codes: number[] | null;
  plan_names: string[] | null;
  numbers: string[] | null;
  caller_id: CallerId | string;
  area_code: string | null;
  language: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  macs: string[] | null;
  models: string[] | null;
};

/** A phone user's importable fields, plus the names an export writes for their site and plans. */
export type ExportedUser = CurrentUser & { site: string; planNames: string[] };

/** Every phone user's fields, in id order. */
export async function allPhoneUserFields(db: Executor): Promise<ExportedUser[]> {
  return phoneUserFields(db, sql`true`);
}

/** The fields of these phone users, in id order. */
export async function phoneUserFieldsOf(
  db: Executor,
  phoneUserIds: readonly number[],
): Promise<ExportedUser[]> {
  return phoneUserFields(db, sql`pu.id::text in ${jsonList(phoneUserIds)}`);
}

/** The fields of the phone users of these directory entries, and of those holding these extensions. */
export async function phoneUserFieldsByPersonOrExtension(
  db: Executor,
  directoryUserIds: readonly number[],
  extensions: readonly string[],
): Promise<ExportedUser[]> {
  return phoneUserFields(
    db,
    sql`pu.directory_user_id::text in ${jsonList(directoryUserIds)} or pu.extension in ${jsonList(extensions)}`,
  );
}

/** Which phone users an export writes; every field given must match. */
export type ExportSelection = { siteId?: number; status?: PhoneUserStatus; planCode?: number };

/** The next `limit` phone users an export writes, those after phone user id `after`, in id order. */
export async function exportBatch(
  db: Executor,
  selection: ExportSelection,
  after: number,
  limit: number,
): Promise<ExportedUser[]> {
  const conditions: SQL[] = [sql`pu.id > ${after}`];
  if (selection.siteId !== undefined) conditions.push(sql`pu.site_id = ${selection.siteId}`);
  if (selection.status !== undefined) conditions.push(sql`pu.status = ${selection.status}`);
  if (selection.planCode !== undefined) {
    conditions.push(
      sql`exists (select 1 from phone_user_plans p where p.phone_user_id = pu.id and p.plan_code = ${selection.planCode})`,
    );
  }
  return phoneUserFields(db, sql.join(conditions, sql` and `), limit);
}

/**
 * The fields of the phone users `where` selects, in id order: the rows an export writes and an update file is
 * compared with. Everything comes back in one statement, lists aggregated per user.
 */
async function phoneUserFields(db: Executor, where: SQL, limit?: number): Promise<ExportedUser[]> {
  const rows = await queryRows<FieldsRow>(
    db,
    sql`
      select pu.id as phone_user_id, du.id as directory_user_id, du.email, du.first_name, du.last_name,
        du.slack_user_id, s.id as site_id, s.name as site, pu.extension, pu.short_extension, pu.status,
        (select array_agg(p.plan_code order by p.plan_code) from phone_user_plans p
          where p.phone_user_id = pu.id) as plan_codes,
        (select array_agg(c.short_name order by c.code) from phone_user_plans p
          join calling_plans c on c.code = p.plan_code where p.phone_user_id = pu.id) as plan_names,
        (select array_agg(n.number order by n.number) from phone_numbers n
          where n.phone_user_id = pu.id) as numbers,
        st.caller_id, st.area_code, st.language,
        a.line1, a.line2, a.city, a.state, a.postal_code, a.country,
        (select array_agg(d.mac order by d.id) from desk_phones d where d.phone_user_id = pu.id) as macs,
        (select array_agg(d.model order by d.id) from desk_phones d where d.phone_user_id = pu.id) as models
      from phone_users pu
      join directory_users du on du.id = pu.directory_user_id
      join sites s on s.id = pu.site_id
      join phone_user_settings st on st.phone_user_id = pu.id
      left join emergency_addresses a on a.id = st.emergency_address_id and a.phone_user_id = pu.id
      where ${where}
      order by pu.id
      ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  );
  return rows.map(fromRow);
}

function fromRow(row: FieldsRow): ExportedUser {
  const macs = row.macs ?? [];
  const models = row.models ?? [];
  return {
    phoneUserId: Number(row.phone_user_id),
    directoryUserId: Number(row.directory_user_id),
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    slackUserId: row.slack_user_id,
    siteId: Number(row.site_id),
    site: row.site,
    extension: row.extension,
    shortExtension: row.short_extension,
    status: row.status,
    planCodes: (row.plan_codes ?? []).map(Number),
    planNames: row.plan_names ?? [],
    numbers: row.numbers ?? [],
    callerId: typeof row.caller_id === 'string' ? (JSON.parse(row.caller_id) as CallerId) : row.caller_id,
    areaCode: row.area_code,
    language: row.language,
    address:
      row.line1 === null
        ? null
        : {
            line1: row.line1,
            line2: row.line2,
            city: row.city ?? '',
            state: row.state ?? '',
            postalCode: row.postal_code ?? '',
            country: row.country ?? '',
          },
    deskPhones: macs.map((mac, index) => ({ mac, model: models[index] ?? '' })),
  };
}

/** The directory entries with these emails (any case), by lower-case email. */
export async function directoryByEmails(db: Executor, emails: readonly string[]) {
  const rows = await queryRows<{
    id: number;
    email: string;
    first_name: string;
    last_name: string;
    slack_user_id: string | null;
  }>(
    db,
    sql`select id, email, first_name, last_name, slack_user_id from directory_users
        where lower(email) in ${jsonList(emails.map(emailKey))}`,
  );
  return new Map<string, DirectoryEntry>(
    rows.map((row) => [
      emailKey(row.email),
      {
        id: Number(row.id),
        email: row.email,
        firstName: row.first_name,
        lastName: row.last_name,
        slackUserId: row.slack_user_id,
      },
    ]),
  );
}

/** Inventory rows of these numbers, with who holds each. */
export async function numbersByValue(db: Executor, numbers: readonly string[]) {
  const rows = await queryRows<{
    number: string;
    phone_user_id: number | null;
    is_main: boolean;
    site_id: number | null;
    site: string | null;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    slack_user_id: string | null;
  }>(
    db,
    sql`select n.number, n.phone_user_id, n.is_main, n.site_id, s.name as site, du.email, du.first_name,
               du.last_name, du.slack_user_id
        from phone_numbers n
        left join sites s on s.id = n.site_id
        left join phone_users pu on pu.id = n.phone_user_id
        left join directory_users du on du.id = pu.directory_user_id
        where n.number in ${jsonList(numbers)}`,
  );
  return new Map(
    rows.map((row) => [
      row.number,
      {
        phoneUserId: row.phone_user_id === null ? null : Number(row.phone_user_id),
        isMain: row.is_main,
        siteId: row.site_id === null ? null : Number(row.site_id),
        site: row.site,
        holder: holderOf(row),
      },
    ]),
  );
}

/** Desk phones with these MACs, with who holds each. */
export async function deskPhonesByMac(db: Executor, macs: readonly string[]) {
  const rows = await queryRows<{
    mac: string;
    phone_user_id: number;
    email: string;
    first_name: string;
    last_name: string;
    slack_user_id: string | null;
  }>(
    db,
    sql`select d.mac, d.phone_user_id, du.email, du.first_name, du.last_name, du.slack_user_id
        from desk_phones d
        join phone_users pu on pu.id = d.phone_user_id
        join directory_users du on du.id = pu.directory_user_id
        where d.mac in ${jsonList(macs)}`,
  );
  return new Map(
    rows.map((row) => [row.mac, { phoneUserId: Number(row.phone_user_id), holder: holderOf(row) as Person }]),
  );
}

function holderOf(row: {
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  slack_user_id: string | null;
}): Person | null {
  if (row.email === null) return null;
  return personOf({
    email: row.email,
    firstName: row.first_name ?? '',
    lastName: row.last_name ?? '',
    slackUserId: row.slack_user_id,
  });
}

/**
 * Which of these directory users something audited changed after the request `requestId` wrote its rows. Audit
 * ids grow in commit order (writers hold the account lock), so a later id is a later change.
 */
export async function usersChangedSince(
  db: Executor,
  directoryUserIds: readonly number[],
  requestId: string,
): Promise<Set<number>> {
  const rows = await queryRows<{ target_id: string }>(
    db,
    sql`select distinct target_id from audit_log
        where target_type = 'user' and target_id in ${jsonList(directoryUserIds.map(String))}
          and id > (select max(id) from audit_log where request_id = ${requestId})`,
  );
  return new Set(rows.map((row) => Number(row.target_id)));
}

/**
 * Deletes phone users, their numbers released first; what is theirs alone (settings, plans, desk phones, blocked
 * numbers, a personal address, audio) goes with them through the schema's cascades. Callers end or rule out links
 * to other things first.
 */
export async function deletePhoneUsers(tx: Executor, phoneUserIds: readonly number[]) {
  if (phoneUserIds.length === 0) return;
  await tx.execute(
    sql`update phone_numbers set phone_user_id = null where phone_user_id::text in ${jsonList(phoneUserIds)}`,
  );
  await tx.execute(sql`delete from phone_users where id::text in ${jsonList(phoneUserIds)}`);
}

/** Deletes these directory entries, except any that holds a phone license. */
export async function deleteUnlicensedDirectoryUsers(tx: Executor, directoryUserIds: readonly number[]) {
  if (directoryUserIds.length === 0) return;
  await tx.execute(
    sql`delete from directory_users d where d.id::text in ${jsonList(directoryUserIds)}
        and not exists (select 1 from phone_users p where p.directory_user_id = d.id)`,
  );
}
