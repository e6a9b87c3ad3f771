import { beforeEach, describe, expect, it } from 'vitest';
import { whileCurrent } from '../../../src/services/settings/core.ts';
import { setBusinessHours } from '../../../src/services/settings/hours.ts';
import { readSettings } from '../../../src/store/settings.ts';
import { useTestDatabase } from '../../support/database.ts';
import { auditRows, licensedPeople, refOf, refusal, unwrap } from '../../support/fixtures.ts';
import { ADMIN, emailRef, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();
let deps: ReturnType<typeof makeDeps>;

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db);
});

describe('who may change whose settings', () => {
  it('tells a phone user nothing about someone without a license: refused as not theirs, and audited', async () => {
    const [bob] = await licensedPeople(deps, 1);
    const asBob = { slackUserId: bob!.slackUserId ?? '' };
    const result = await setBusinessHours(deps, asBob, emailRef('nobody@example.com'), { kind: 'always' });
    expect(refusal(result)).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'hours' });
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied).toMatchObject([{ actor: asBob.slackUserId, targetId: 'hours' }]);
  });

  it('refuses a form saved after someone else changed the user, naming the change, and keeps that change', async () => {
    const [bob] = await licensedPeople(deps, 1);
    const opened = await readSettings(database.db, bob!.phoneUserId);
    const openedAt = deps.clock.now();
    deps.clock.advance(60_000);
    unwrap(await setBusinessHours(deps, ADMIN, refOf(bob!), { kind: 'always' }));
    unwrap(
      await setBusinessHours(deps, ADMIN, refOf(bob!), {
        kind: 'weekly',
        days: {
          mon: { type: '24h' },
          tue: { type: 'closed' },
          wed: { type: 'closed' },
          thu: { type: 'closed' },
          fri: { type: 'closed' },
          sat: { type: 'closed' },
          sun: { type: 'closed' },
        },
      }),
    );
    const stale = await whileCurrent({ version: opened.version, openedAt }, () =>
      setBusinessHours(deps, ADMIN, refOf(bob!), { kind: 'always' }),
    );
    expect(refusal(stale)).toMatchObject({
      code: 'SETTINGS_STALE',
      changes: [{ action: 'business_hours.changed', actor: ADMIN.slackUserId }],
    });
    expect((await readSettings(database.db, bob!.phoneUserId)).businessHours).toMatchObject({
      kind: 'weekly',
    });
  });
});
