import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { lookupCard } from '../../../src/store/cards.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * A lookup keeps the card it read and uses it again while the card generation (migration 0018) holds: on PGlite
 * and on PostgreSQL, a change committed to any table a card reads is in the next lookup, a change rolled back
 * leaves the copy in use, and nobody who is handed a card can change the copy.
 */
const database = useTestDatabase();

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(database.db, query);
}

const generation = async () =>
  (await rows<{ value: string }>(sql`select value::text as value from card_generation`))[0]?.value;

/** A licensed person at extension `extension` (the settings row and sync row come with the line). */
async function person(extension: string) {
  const [dir] = await rows<{ id: number }>(sql`
    insert into directory_users (email, first_name, last_name, slack_user_id)
    values (${`p${extension}@example.com`}, 'Pat', ${`Person${extension}`}, ${`U${extension}`}) returning id`);
  const [user] = await rows<{ id: number }>(sql`
    insert into phone_users (directory_user_id, site_id, extension, short_extension, status)
    values (${dir?.id}, (select min(id) from sites), ${extension}, ${extension}, 'active')
    returning id`);
  if (!dir || !user) throw new Error('no phone user');
  return { directoryId: dir.id, phoneUserId: user.id };
}

const byExtension = (extension: string) => lookupCard(database.db, { by: 'extension', extension }, 'UADMIN');

describe('cards read again', () => {
  it('moves the generation once per committed change, at commit, and not for a read or a rollback', async () => {
    const before = await generation();
    await person('2001');
    const afterOne = await generation();
    expect(afterOne).not.toBe(before);
    await byExtension('2001');
    expect(await generation()).toBe(afterOne);
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update sites set name = 'Never' where id = (select min(id) from sites)`);
        throw new Error('rolled back');
      })
      .catch(() => {});
    expect(await generation()).toBe(afterOne);
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`update directory_users set first_name = 'Patricia' where email = 'p2001@example.com'`,
      );
      await tx.execute(sql`update phone_users set short_extension = '01' where extension = '2001'`);
    });
    const afterTwo = await generation();
    expect(BigInt(afterTwo ?? 0)).toBeGreaterThan(BigInt(afterOne ?? 0));
  });

  it('uses the copy while nothing was committed since: a change the generation did not see stays unseen', async () => {
    const { directoryId } = await person('2002');
    const first = await byExtension('2002');
    expect(first.person?.firstName).toBe('Pat');
    // A change the triggers do not see (they are switched off for it) is not read: the copy is in use.
    await database.db.execute(
      sql`alter table directory_users disable trigger directory_users_card_generation`,
    );
    try {
      await database.db.execute(
        sql`update directory_users set first_name = 'Unseen' where id = ${directoryId}`,
      );
    } finally {
      await database.db.execute(
        sql`alter table directory_users enable trigger directory_users_card_generation`,
      );
    }
    expect((await byExtension('2002')).person?.firstName).toBe('Pat');
    // Any committed change to a card's table, even someone else's, makes the next lookup read the card again.
    await person('2003');
    expect((await byExtension('2002')).person?.firstName).toBe('Unseen');
  });

  it("reads every part of the card again after a change to that part's table", async () => {
    const { phoneUserId, directoryId } = await person('2004');
    const other = await person('2005');
    const changes: { table: string; change: ReturnType<typeof sql>; seen: (card: Card) => unknown }[] = [
      {
        table: 'sites',
        change: sql`update sites set name = 'Harbour' where id = (select min(id) from sites)`,
        seen: (c) => c.phoneUser?.card.site,
      },
      {
        table: 'phone_numbers',
        change: sql`insert into phone_numbers (number, phone_user_id) values ('+14155550170', ${phoneUserId})`,
        seen: (c) => c.phoneUser?.card.numbers,
      },
      {
        table: 'desk_phones',
        change: sql`insert into desk_phones (phone_user_id, mac, model) values (${phoneUserId}, 'AABBCCDDEE01', 'Yealink T54W')`,
        seen: (c) => c.phoneUser?.details.deskPhones.map((d) => d.mac),
      },
      {
        table: 'delegations',
        change: sql`insert into delegations (owner_id, assistant_id) values (${phoneUserId}, ${other.phoneUserId})`,
        seen: (c) => c.phoneUser?.details.assistants.map((a) => a.extension),
      },
      {
        table: 'phone_users (a colleague on the card)',
        change: sql`update phone_users set extension = '2095' where id = ${other.phoneUserId}`,
        seen: (c) => c.phoneUser?.details.assistants.map((a) => a.extension),
      },
      {
        table: 'blocked_numbers',
        change: sql`insert into blocked_numbers (phone_user_id, kind, value) values (${phoneUserId}, 'prefix', '+1900')`,
        seen: (c) => c.phoneUser?.details.blocked,
      },
      {
        table: 'phone_user_settings',
        change: sql`update phone_user_settings set language = 'fr-FR' where phone_user_id = ${phoneUserId}`,
        seen: (c) => c.phoneUser?.details.settings.language,
      },
      {
        table: 'phone_sync',
        change: sql`insert into phone_sync (directory_user_id, email, state, run_after, marked_at, updated_at) values (${directoryId}, 'p2004@example.com', 'failed', now(), now(), now())`,
        seen: (c) => c.phoneUser?.sync?.state,
      },
      {
        table: 'directory_users',
        change: sql`update directory_users set last_name = 'Renamed' where id = ${directoryId}`,
        seen: (c) => c.person?.lastName,
      },
    ];
    for (const { table, change, seen } of changes) {
      const before = seen(await byExtension('2004'));
      await database.db.execute(change);
      const after = seen(await byExtension('2004'));
      expect(after, table).not.toEqual(before);
      expect(seen(await byExtension('2004')), table).toEqual(after);
    }
  });

  it('lets many writers commit at once, with readers alongside, and every change is in the next lookups', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => person(String(2100 + i))));
    await Promise.all(people.map((_, i) => byExtension(String(2100 + i))));
    const writers = people.map(({ phoneUserId, directoryId }, i) =>
      database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update phone_user_settings set language = 'de-DE' where phone_user_id = ${phoneUserId}`,
        );
        await tx.execute(
          sql`update directory_users set last_name = ${`Written${i}`} where id = ${directoryId}`,
        );
      }),
    );
    const readers = people.map((_, i) => byExtension(String(2100 + i)));
    await Promise.all([...writers, ...readers]);
    for (const [i] of people.entries()) {
      const card = await byExtension(String(2100 + i));
      expect(card.person?.lastName).toBe(`Written${i}`);
      expect(card.phoneUser?.details.settings.language).toBe('de-DE');
    }
  });

  it('hands each caller a card of their own: changing one changes no later lookup', async () => {
    await person('2006');
    const first = await byExtension('2006');
    first.phoneUser?.card.numbers.push('+14155550199');
    if (first.person) first.person.firstName = 'Changed';
    const second = await byExtension('2006');
    expect(second.phoneUser?.card.numbers).toEqual([]);
    expect(second.person?.firstName).toBe('Pat');
  });

  it('reads the viewer’s rights every time, and nobody found is read again once they exist', async () => {
    expect((await byExtension('2007')).person).toBeUndefined();
    await person('2007');
    expect((await byExtension('2007')).person?.lastName).toBe('Person2007');
    expect(
      (await lookupCard(database.db, { by: 'extension', extension: '2007' }, 'UNOBODY')).viewerIsAdmin,
    ).toBe(false);
    await database.db.execute(sql`insert into admins (slack_user_id, added_by) values ('UNOBODY', 'test')`);
    expect(
      (await lookupCard(database.db, { by: 'extension', extension: '2007' }, 'UNOBODY')).viewerIsAdmin,
    ).toBe(true);
  });
});

type Card = Awaited<ReturnType<typeof lookupCard>>;
