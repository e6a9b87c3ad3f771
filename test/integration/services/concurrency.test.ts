import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from '../../../db/client.ts';
import type { Result } from '../../../src/domain/result.ts';
import { addNumbers } from '../../../src/services/account.ts';
import { assignLicenses } from '../../../src/services/licenses.ts';
import { addNumber, changeExtension } from '../../../src/services/phone-user-changes.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  duplicatedExtensions,
  duplicatedNumbers,
  licensedPeople,
  refOf,
  unwrap,
} from '../../support/fixtures.ts';
import { ADMIN, makeDeps, prepareAccount, seedPeople, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

/**
 * The requests under test go through a pool of their own, so that on Postgres they really run side by side on
 * separate connections. PGlite has one connection and serialises them, which still checks the outcome.
 */
const pool: { handle?: DatabaseHandle } = {};
beforeAll(async () => {
  if (database.url) pool.handle = await openDatabase({ databaseUrl: database.url, maxConnections: 20 });
});
afterAll(async () => {
  await pool.handle?.close();
});

const CONTENDERS = 50;

/** Deps whose requests run through the pool; setup goes through the test database's own handle. */
function racingDeps(profilesFrom?: ReturnType<typeof makeDeps>) {
  return makeDeps(pool.handle?.db ?? database.db, profilesFrom ? { profiles: profilesFrom.profiles } : {});
}

function tally(results: Result<unknown>[]) {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key = result.ok ? 'ok' : result.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function phoneUserCount() {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from phone_users`);
  return row?.n;
}

describe(`${CONTENDERS} requests at once`, () => {
  it('give 50 people licenses at once, each a different extension', async () => {
    await prepareAccount(database.db, { licenses: 200 });
    const deps = racingDeps();
    const people = seedPeople(deps.profiles, CONTENDERS);
    const results = await Promise.all(
      people.map((person) => assignLicenses(deps, ADMIN, { users: [slackRef(person.slackUserId)] })),
    );
    expect(tally(results)).toEqual({ ok: CONTENDERS });
    const extensions = results.map((result) => unwrap(result).assigned[0]?.extension);
    expect(new Set(extensions).size).toBe(CONTENDERS);
    expect([...extensions].sort()).toEqual(Array.from({ length: CONTENDERS }, (_, i) => String(1000 + i)));
    expect(await duplicatedExtensions(database.db)).toEqual([]);
    expect(await phoneUserCount()).toBe(CONTENDERS);
  });

  it('give one person asked for 50 times exactly one license', async () => {
    await prepareAccount(database.db, { licenses: 200 });
    const deps = racingDeps();
    const [ada] = seedPeople(deps.profiles, 1);
    const results = await Promise.all(
      Array.from({ length: CONTENDERS }, () =>
        assignLicenses(deps, ADMIN, { users: [slackRef(ada!.slackUserId)] }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, ALREADY_PHONE_USER: CONTENDERS - 1 });
    expect(await phoneUserCount()).toBe(1);
  });

  it('give extension 4000 to exactly one of 50 users who ask for it, and tell the others who has it', async () => {
    await prepareAccount(database.db, { licenses: 200 });
    const setup = makeDeps(database.db);
    const cards = await licensedPeople(setup, CONTENDERS);
    const deps = racingDeps(setup);
    const results = await Promise.all(cards.map((card) => changeExtension(deps, ADMIN, refOf(card), '4000')));
    expect(tally(results)).toEqual({ ok: 1, EXTENSION_TAKEN: CONTENDERS - 1 });
    const winner = results.find((result) => result.ok);
    const holder = winner?.ok ? winner.value.after : undefined;
    for (const result of results) {
      if (result.ok) continue;
      expect(result.error).toMatchObject({
        code: 'EXTENSION_TAKEN',
        extension: '4000',
        holder: { email: holder?.email, slackUserId: holder?.slackUserId },
        suggestions: ['3999', '4001', '3998'],
      });
    }
    const holders = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from phone_users where extension = '4000'`,
    );
    expect(holders).toEqual([{ n: 1 }]);
    expect(await duplicatedExtensions(database.db)).toEqual([]);
  });

  it('give one free number to exactly one of 50 users who ask for it', async () => {
    await prepareAccount(database.db, { licenses: 200, planInventory: 200 });
    const setup = makeDeps(database.db);
    const cards = await licensedPeople(setup, CONTENDERS, { plan: 'Pro' });
    unwrap(await addNumbers(setup, ADMIN, { from: '+14155550100' }));
    const deps = racingDeps(setup);
    const results = await Promise.all(
      cards.map((card) => addNumber(deps, ADMIN, refOf(card), '+1 415 555 0100')),
    );
    const counts = tally(results);
    expect(counts.ok).toBe(1);
    expect((counts.NUMBER_TAKEN ?? 0) + (counts.CONCURRENT_CHANGE ?? 0)).toBe(CONTENDERS - 1);
    const winner = results.find((result) => result.ok);
    const rows = await queryRows<{ phone_user_id: number }>(
      database.db,
      sql`select phone_user_id from phone_numbers where number = '+14155550100'`,
    );
    expect(rows).toEqual([{ phone_user_id: winner?.ok ? winner.value.after.phoneUserId : -1 }]);
    expect(await duplicatedNumbers(database.db)).toEqual([]);
  });

  it('hand out 30 free numbers to 30 of 50 users asking for the next free one, each a different number', async () => {
    await prepareAccount(database.db, { licenses: 200, planInventory: 200 });
    const setup = makeDeps(database.db);
    const cards = await licensedPeople(setup, CONTENDERS, { plan: 'Pro' });
    unwrap(await addNumbers(setup, ADMIN, { from: '+14155550100', to: '+14155550129' }));
    const deps = racingDeps(setup);
    const results = await Promise.all(cards.map((card) => addNumber(deps, ADMIN, refOf(card), undefined)));
    expect(tally(results)).toEqual({ ok: 30, NO_FREE_NUMBER: CONTENDERS - 30 });
    const given = results.flatMap((result) => (result.ok ? [result.value.number] : []));
    expect(new Set(given).size).toBe(30);
    const held = await queryRows<{ n: number; holders: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct phone_user_id)::int as holders from phone_numbers where phone_user_id is not null`,
    );
    expect(held).toEqual([{ n: 30, holders: 30 }]);
  });

  it('give exactly 30 of 50 people a license when 30 are left, and tell the others none is left', async () => {
    await prepareAccount(database.db, { licenses: 30 });
    const deps = racingDeps();
    const people = seedPeople(deps.profiles, CONTENDERS);
    const results = await Promise.all(
      people.map((person) => assignLicenses(deps, ADMIN, { users: [slackRef(person.slackUserId)] })),
    );
    expect(tally(results)).toEqual({ ok: 30, NO_LICENSE_LEFT: CONTENDERS - 30 });
    for (const result of results) {
      if (!result.ok)
        expect(result.error).toEqual({ code: 'NO_LICENSE_LEFT', used: 30, total: 30, requested: 1 });
    }
    expect(await phoneUserCount()).toBe(30);
    expect(await duplicatedExtensions(database.db)).toEqual([]);
  });
});
