import { and, asc, count, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { directoryUsers, phoneNumbers, phoneUsers, sites } from '../../db/schema/index.ts';
import { hideReleasedCallerId } from './main-numbers.ts';

export type NumberRow = {
  id: number;
  number: string;
  siteId: number | null;
  site: string | null;
  phoneUserId: number | null;
  holder: string | null;
  /** A main number of the account: shown as caller ID, never assigned to a user. */
  isMain: boolean;
};

const numberColumns = {
  id: phoneNumbers.id,
  number: phoneNumbers.number,
  siteId: phoneNumbers.siteId,
  site: sites.name,
  phoneUserId: phoneNumbers.phoneUserId,
  holder: directoryUsers.email,
  isMain: phoneNumbers.isMain,
};

function numbersQuery(db: Executor, where: SQL | undefined) {
  return db
    .select(numberColumns)
    .from(phoneNumbers)
    .leftJoin(sites, eq(sites.id, phoneNumbers.siteId))
    .leftJoin(phoneUsers, eq(phoneUsers.id, phoneNumbers.phoneUserId))
    .leftJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(where);
}

export async function findNumbers(db: Executor, numbers: string[]): Promise<NumberRow[]> {
  if (numbers.length === 0) return [];
  return numbersQuery(db, inArray(phoneNumbers.number, numbers));
}

export type NumbersFilter = { freeOnly: boolean; siteId?: number };

function numbersWhere(filter: NumbersFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.freeOnly) conditions.push(isNull(phoneNumbers.phoneUserId), eq(phoneNumbers.isMain, false));
  if (filter.siteId !== undefined) conditions.push(eq(phoneNumbers.siteId, filter.siteId));
  return and(...conditions);
}

/** Up to `limit` numbers of the filter in number order, after the number `after`. */
export async function listNumbers(
  db: Executor,
  filter: NumbersFilter,
  limit: number,
  after?: string,
): Promise<NumberRow[]> {
  const where = numbersWhere(filter);
  const page = after === undefined ? where : and(where, gt(phoneNumbers.number, after));
  return numbersQuery(db, page).orderBy(asc(phoneNumbers.number)).limit(limit);
}

export async function countNumbers(db: Executor, filter: NumbersFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(phoneNumbers).where(numbersWhere(filter));
  return row?.n ?? 0;
}

/** Every number of the account with the email of its holder, for comparing with the phone system's. */
export async function allNumbers(db: Executor): Promise<{ number: string; holder: string | null }[]> {
  return numbersQuery(db, undefined).orderBy(asc(phoneNumbers.number));
}

/** The lowest free number of the site; numbers tied to no site serve every site, after the site's own. */
export async function nextFreeNumber(db: Executor, siteId: number): Promise<string | undefined> {
  const [own] = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(
      and(isNull(phoneNumbers.phoneUserId), eq(phoneNumbers.isMain, false), eq(phoneNumbers.siteId, siteId)),
    )
    .orderBy(asc(phoneNumbers.number))
    .limit(1);
  if (own) return own.number;
  const [shared] = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(and(isNull(phoneNumbers.phoneUserId), eq(phoneNumbers.isMain, false), isNull(phoneNumbers.siteId)))
    .orderBy(asc(phoneNumbers.number))
    .limit(1);
  return shared?.number;
}

export async function numbersOfUser(db: Executor, phoneUserId: number): Promise<string[]> {
  const rows = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.phoneUserId, phoneUserId))
    .orderBy(asc(phoneNumbers.number));
  return rows.map((row) => row.number);
}

export async function insertNumbers(tx: Executor, numbers: string[], siteId: number | null, at: Date) {
  if (numbers.length === 0) return;
  await tx.insert(phoneNumbers).values(numbers.map((number) => ({ number, siteId, createdAt: at })));
}

/**
 * Assigns a number only if it is still free and not a main number: the condition in the UPDATE is what makes a
 * race harmless.
 */
export async function assignNumber(tx: Executor, number: string, phoneUserId: number): Promise<boolean> {
  const updated = await tx
    .update(phoneNumbers)
    .set({ phoneUserId })
    .where(
      and(eq(phoneNumbers.number, number), isNull(phoneNumbers.phoneUserId), eq(phoneNumbers.isMain, false)),
    )
    .returning({ id: phoneNumbers.id });
  return updated.length === 1;
}

export async function releaseNumbers(
  tx: Executor,
  phoneUserId: number,
  numbers?: string[],
): Promise<string[]> {
  const condition =
    numbers === undefined
      ? eq(phoneNumbers.phoneUserId, phoneUserId)
      : and(eq(phoneNumbers.phoneUserId, phoneUserId), inArray(phoneNumbers.number, numbers));
  const released = await tx
    .update(phoneNumbers)
    .set({ phoneUserId: null })
    .where(condition)
    .returning({ number: phoneNumbers.number });
  const releasedNumbers = released.map((row) => row.number).sort();
  await hideReleasedCallerId(tx, phoneUserId, releasedNumbers);
  return releasedNumbers;
}

export async function deleteFreeNumber(tx: Executor, number: string): Promise<boolean> {
  const deleted = await tx
    .delete(phoneNumbers)
    .where(and(eq(phoneNumbers.number, number), isNull(phoneNumbers.phoneUserId)))
    .returning({ id: phoneNumbers.id });
  return deleted.length === 1;
}

/** Which of `numbers` are the account's own (a direct number, free or held, or a main number). */
export async function accountNumbersAmong(db: Executor, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(inArray(phoneNumbers.number, [...numbers]));
  return new Set(rows.map((row) => row.number));
}

/**
 * The forward numbers outside the account of each of the phone users: forwarding there is an outbound call, which
 * needs a calling plan. Users without any are left out.
 */
export async function externalForwardsOf(
  db: Executor,
  phoneUserIds: readonly number[],
): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (phoneUserIds.length === 0) return result;
  const rows = await queryRows<{ phone_user_id: number; number: string }>(
    db,
    sql`select s.phone_user_id, f.value->>'number' as number
        from phone_user_settings s, jsonb_array_elements(s.forward_numbers) with ordinality f(value, n)
        where s.phone_user_id in (select value::int from jsonb_array_elements_text(${JSON.stringify(phoneUserIds)}::jsonb))
          and not exists (select 1 from phone_numbers pn where pn.number = f.value->>'number')
        order by s.phone_user_id, f.n`,
  );
  for (const row of rows) {
    const id = Number(row.phone_user_id);
    result.set(id, [...(result.get(id) ?? []), row.number]);
  }
  return result;
}
