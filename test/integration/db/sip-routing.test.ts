import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * The SQL functions the SIP server calls per request (migration 0017), on PGlite and on PostgreSQL, against the
 * routing rules: the first decision that applies wins, business hours in the callee's zone, ring steps in order.
 */
const database = useTestDatabase();

const WEEK_CLOSED = {
  mon: { type: 'closed' },
  tue: { type: 'closed' },
  wed: { type: 'closed' },
  thu: { type: 'closed' },
  fri: { type: 'closed' },
  sat: { type: 'closed' },
  sun: { type: 'closed' },
};
const weekly = (days: Record<string, unknown>) => ({ kind: 'weekly', days: { ...WEEK_CLOSED, ...days } });

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(database.db, query);
}

async function isOpen(hours: unknown, tz: string | null, at: string): Promise<boolean> {
  const [row] = await rows<{ open: boolean }>(
    sql`select sip_is_open(${JSON.stringify(hours)}::jsonb, ${tz}, ${at}::timestamptz) as open`,
  );
  return row?.open ?? false;
}

/** A phone user with the defaults of a new line (the settings row comes from the trigger). */
async function person(extension: string, options: { tz?: string | null; status?: string } = {}) {
  const [dir] = await rows<{ id: number }>(sql`
    insert into directory_users (email, first_name, last_name, timezone)
    values (${`p${extension}@example.com`}, 'P', ${extension}, ${options.tz ?? null}) returning id`);
  const [user] = await rows<{ id: number }>(sql`
    insert into phone_users (directory_user_id, site_id, extension, short_extension, status)
    values (${dir?.id}, (select min(id) from sites), ${extension}, ${extension}, ${options.status ?? 'active'})
    returning id`);
  if (!user) throw new Error('no phone user');
  return user.id;
}

async function settings(id: number, values: Record<string, unknown>) {
  for (const [column, value] of Object.entries(values)) {
    await database.db.execute(
      sql`update phone_user_settings set ${sql.identifier(column)} = ${JSON.stringify(value)}::jsonb where phone_user_id = ${id}`,
    );
  }
}

async function plan(callee: string, caller: string, at = '2026-12-07T12:00:00Z') {
  const [row] = await rows<{
    action: string;
    target: string | null;
    detail: string | null;
    unanswered: string;
  }>(
    sql`select action, target, detail, unanswered from sip_call_plan(${callee}, ${caller}, ${at}::timestamptz)`,
  );
  return row;
}

async function steps(id: number) {
  return rows<{ step: number; ring_seconds: number; kind: string; target: string; is_local: boolean }>(
    sql`select * from sip_ring_steps(${id})`,
  );
}

describe('business hours in the callee time zone', () => {
  // 2026-12-07 is a Monday.
  it.each([
    ['always', { kind: 'always' }, 'UTC', '2026-12-09T03:00:00Z', true],
    [
      'Mon 22:00-06:00, Mon 21:59',
      weekly({ mon: { type: 'interval', from: '22:00', to: '06:00' } }),
      'UTC',
      '2026-12-07T21:59:00Z',
      false,
    ],
    [
      'Mon 22:00-06:00, Mon 22:00',
      weekly({ mon: { type: 'interval', from: '22:00', to: '06:00' } }),
      'UTC',
      '2026-12-07T22:00:00Z',
      true,
    ],
    [
      'Mon 22:00-06:00, Tue 03:00 (Monday night shift)',
      weekly({ mon: { type: 'interval', from: '22:00', to: '06:00' } }),
      'UTC',
      '2026-12-08T03:00:00Z',
      true,
    ],
    [
      'Mon 22:00-06:00, Tue 06:00',
      weekly({ mon: { type: 'interval', from: '22:00', to: '06:00' } }),
      'UTC',
      '2026-12-08T06:00:00Z',
      false,
    ],
    [
      'Sun 22:00-06:00, Mon 05:59 (across the week)',
      weekly({ sun: { type: 'interval', from: '22:00', to: '06:00' } }),
      'UTC',
      '2026-12-07T05:59:00Z',
      true,
    ],
    [
      'Mon 18:00-24:00, Mon 23:59',
      weekly({ mon: { type: 'interval', from: '18:00', to: '24:00' } }),
      'UTC',
      '2026-12-07T23:59:00Z',
      true,
    ],
    [
      'Mon 18:00-24:00, Tue 00:00',
      weekly({ mon: { type: 'interval', from: '18:00', to: '24:00' } }),
      'UTC',
      '2026-12-08T00:00:00Z',
      false,
    ],
    [
      'Mon 09:00-09:00 ends Tue 09:00, Tue 08:59',
      weekly({ mon: { type: 'interval', from: '09:00', to: '09:00' } }),
      'UTC',
      '2026-12-08T08:59:00Z',
      true,
    ],
    [
      'Mon 09:00-09:00 ends Tue 09:00, Tue 09:00',
      weekly({ mon: { type: 'interval', from: '09:00', to: '09:00' } }),
      'UTC',
      '2026-12-08T09:00:00Z',
      false,
    ],
    ['Sat 24h, Sat 23:59', weekly({ sat: { type: '24h' } }), 'UTC', '2026-12-12T23:59:00Z', true],
    [
      'Mon 09:00-17:00 in New York, 09:00 there',
      weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      'America/New_York',
      '2026-12-07T14:00:00Z',
      true,
    ],
    [
      'Mon 09:00-17:00 in New York, 08:59 there',
      weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      'America/New_York',
      '2026-12-07T13:59:00Z',
      false,
    ],
    [
      'no time zone reads UTC',
      weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      null,
      '2026-12-07T09:00:00Z',
      true,
    ],
    [
      'an unknown time zone reads UTC',
      weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      'Mars/Olympus',
      '2026-12-07T16:59:00Z',
      true,
    ],
  ])('%s', async (_name, hours, tz, at, open) => {
    expect(await isOpen(hours, tz, at)).toBe(open);
  });
});

describe('the call plan: the first rule that applies', () => {
  it('refuses an unknown callee first, then a deactivated caller, then a deactivated callee', async () => {
    await person('2001', { status: 'inactive' });
    const active = await person('2002');
    await person('2003', { status: 'inactive' });
    await database.db.execute(
      sql`insert into blocked_numbers (phone_user_id, kind, value) values (${active}, 'number', '+14155550166')`,
    );
    expect((await plan('9999', '2001'))?.action).toBe('unknown');
    expect((await plan('2002', '2001'))?.action).toBe('caller_inactive');
    expect((await plan('2003', '2002'))?.action).toBe('inactive');
    expect((await plan('2003', '+14155550166'))?.action).toBe('inactive');
  });

  it('blocks an exact number and a prefix with or without +, before business hours, naming the entry', async () => {
    const id = await person('2010');
    await database.db.execute(sql`insert into blocked_numbers (phone_user_id, kind, value)
      values (${id}, 'number', '+14155550166'), (${id}, 'prefix', '1900'), (${id}, 'prefix', '+4420')`);
    await settings(id, { business_hours: weekly({}) });
    expect(await plan('2010', '+14155550166')).toMatchObject({
      action: 'blocked',
      detail: 'number:+14155550166',
    });
    expect(await plan('2010', '+19005550100')).toMatchObject({ action: 'blocked', detail: 'prefix:1900' });
    expect(await plan('2010', '+442071234567')).toMatchObject({ action: 'blocked', detail: 'prefix:+4420' });
    expect((await plan('2010', '+14155550167'))?.action).toBe('closed_voicemail');
    // A colleague dialling from extension 1900 is no number of the blocked list.
    expect((await plan('2010', '1900'))?.action).toBe('closed_voicemail');
  });

  it('applies the closed-hours action, and rings when open; a direct number reaches its holder', async () => {
    const id = await person('2020', { tz: 'Europe/Paris' });
    await database.db.execute(
      sql`insert into phone_numbers (number, phone_user_id) values ('+33100000001', ${id})`,
    );
    await settings(id, {
      business_hours: weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      forward_numbers: [{ number: '+14155550123', description: 'Mobile' }],
    });
    const closed = '2026-12-07T17:30:00Z';
    const open = '2026-12-07T12:00:00Z';
    expect(await plan('2020', '+1', closed)).toMatchObject({ action: 'closed_voicemail', target: '2020' });
    await settings(id, { closed_hours: { action: 'forward' } });
    expect(await plan('+33100000001', '+1', closed)).toMatchObject({
      action: 'closed_forward',
      target: '+14155550123',
    });
    await settings(id, { closed_hours: { action: 'message', audioId: 7 } });
    expect(await plan('2020', '+1', closed)).toMatchObject({ action: 'closed_message', target: '7' });
    await settings(id, { closed_hours: { action: 'disconnect' }, unanswered: { action: 'disconnect' } });
    expect((await plan('2020', '+1', closed))?.action).toBe('closed_disconnect');
    expect(await plan('+33100000001', '+1', open)).toMatchObject({
      action: 'ring',
      unanswered: 'disconnect',
    });
  });
});

describe('ring steps', () => {
  it('rings every enabled route in one step for the longest time when simultaneous, with active assistants', async () => {
    const id = await person('2030');
    const assistant = await person('2031');
    const away = await person('2032', { status: 'inactive' });
    await database.db.execute(
      sql`insert into desk_phones (phone_user_id, mac, model) values (${id}, '001A2B3C4D5E', 'Desk')`,
    );
    await database.db.execute(
      sql`insert into delegations (owner_id, assistant_id) values (${id}, ${assistant}), (${id}, ${away})`,
    );
    await settings(id, {
      routes: [
        { kind: 'apps', enabled: true, ringSeconds: 20 },
        { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 30 },
        { kind: 'forward', number: '+14155550123', enabled: false, ringSeconds: 60 },
      ],
    });
    expect(await steps(id)).toEqual([
      { step: 1, ring_seconds: 30, kind: 'apps', target: '2030', is_local: true },
      { step: 1, ring_seconds: 30, kind: 'desk_phone', target: '001A2B3C4D5E', is_local: true },
      { step: 1, ring_seconds: 30, kind: 'assistant', target: '2031', is_local: true },
    ]);
  });

  it('rings one route per step in the user order when sequential, assistants with the first', async () => {
    const id = await person('2040');
    const assistant = await person('2041');
    await database.db.execute(
      sql`insert into delegations (owner_id, assistant_id) values (${id}, ${assistant})`,
    );
    await database.db.execute(
      sql`update phone_user_settings set ring_mode = 'sequential' where phone_user_id = ${id}`,
    );
    await settings(id, {
      routes: [
        { kind: 'forward', number: '+14155550123', enabled: true, ringSeconds: 15 },
        { kind: 'apps', enabled: true, ringSeconds: 25 },
      ],
    });
    expect(await steps(id)).toEqual([
      { step: 1, ring_seconds: 15, kind: 'forward', target: '+14155550123', is_local: false },
      { step: 1, ring_seconds: 15, kind: 'assistant', target: '2041', is_local: true },
      { step: 2, ring_seconds: 25, kind: 'apps', target: '2040', is_local: true },
    ]);
  });
});

describe('SIP credentials', () => {
  it('go with the person and with the desk phone, and sign in with the person status', async () => {
    const id = await person('2050');
    const [desk] = await rows<{ id: number }>(
      sql`insert into desk_phones (phone_user_id, mac, model) values (${id}, '00AABBCCDDEE', 'Desk') returning id`,
    );
    const hash = 'a'.repeat(32);
    await database.db.execute(sql`insert into sip_credentials (phone_user_id, desk_phone_id, username, realm, ha1, ha1b)
      values (${id}, null, '2050', 'switchboard', ${hash}, ${hash}), (${id}, ${desk?.id}, '00AABBCCDDEE', 'switchboard', ${hash}, ${hash})`);
    expect(await rows(sql`select username, status, extension from sip_subscriber order by username`)).toEqual(
      [
        { username: '00AABBCCDDEE', status: 'active', extension: '2050' },
        { username: '2050', status: 'active', extension: '2050' },
      ],
    );
    await database.db.execute(sql`delete from desk_phones where id = ${desk?.id}`);
    expect(await rows(sql`select username from sip_credentials`)).toEqual([{ username: '2050' }]);
    await database.db.execute(sql`delete from phone_users where id = ${id}`);
    expect(await rows(sql`select username from sip_credentials`)).toEqual([]);
  });

  it('never ring, for a new holder of an extension, the phone of the person who signed in with it before', async () => {
    const first = await person('2070');
    const hash = 'a'.repeat(32);
    await database.db.execute(sql`insert into sip_credentials (phone_user_id, username, realm, ha1, ha1b)
      values (${first}, '2070', 'switchboard', ${hash}, ${hash})`);
    await database.db.execute(sql`update phone_users set extension = '2071', short_extension = '2071'
      where id = ${first}`);
    await database.db.execute(sql`update directory_users set email = 'moved@example.com'
      where id = (select directory_user_id from phone_users where id = ${first})`);
    const second = await person('2070');
    // The first person's phone still signs in as 2070 and rings for them; the new 2070 has no device yet.
    expect((await steps(first)).map((s) => s.target)).toEqual(['2070']);
    expect((await steps(second)).map((s) => s.target)).toEqual([null]);
  });

  it('refuse a password stored in the clear: only 32-digit hex digests fit', async () => {
    const id = await person('2060');
    await expect(
      database.db.execute(sql`insert into sip_credentials (phone_user_id, username, realm, ha1, ha1b)
        values (${id}, '2060', 'switchboard', 'secret', 'secret')`),
    ).rejects.toThrow();
  });
});
