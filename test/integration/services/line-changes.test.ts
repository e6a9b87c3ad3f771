import { beforeEach, describe, expect, it } from 'vitest';
import { addNumbers } from '../../../src/services/account.ts';
import { changeLine, type LineInput } from '../../../src/services/line-changes.ts';
import { addNumber, changeExtension } from '../../../src/services/phone-user-changes.ts';
import { whileCurrent } from '../../../src/services/settings/core.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  licensedPeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { ADMIN, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 1 });
});

/** The line as the form shows it for `card`, with `changes` on top. */
const asShown = (card: PhoneUserCard, changes: Partial<LineInput> = {}): LineInput => ({
  site: card.site,
  extension: card.shortExtension,
  plans: card.plans.map((p) => p.shortName),
  numbers: card.numbers,
  status: card.status,
  ...changes,
});

describe('changing a line from the settings form', () => {
  it('takes every plan and number off and deactivates in one change, recorded step by step', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'US/CA Unlimited' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    const held = unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined)).after;
    const changed = unwrap(
      await changeLine(
        deps,
        ADMIN,
        refOf(held),
        asShown(held, { plans: [], numbers: [], status: 'inactive' }),
      ),
    );
    expect(changed.changed).toEqual(['numbers', 'plans', 'status']);
    expect(changed.after).toMatchObject({ plans: [], numbers: [], status: 'inactive' });
    const kinds = (await outbox(database.db)).map((c) => c.kind);
    expect(kinds.slice(-3)).toEqual([
      'phone_user.number_released',
      'phone_user.plan_removed',
      'phone_user.status_changed',
    ]);
  });

  it('changes nothing when the form is saved as it was', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'US/CA Unlimited' });
    const before = await snapshotWithoutAudit(database.db);
    expect(unwrap(await changeLine(deps, ADMIN, refOf(ada!), asShown(ada!))).changed).toEqual([]);
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('refuses numbers kept without a calling plan, and saves nothing', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'US/CA Unlimited' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    const held = unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined)).after;
    const before = await snapshotWithoutAudit(database.db);
    const result = await changeLine(
      deps,
      ADMIN,
      refOf(held),
      asShown(held, { extension: '4321', plans: [] }),
    );
    expect(refusal(result).code).toBe('NUMBER_NEEDS_PLAN');
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('rolls back a new extension when a plan added after it has none left', async () => {
    const [ada, bob] = await licensedPeople(deps, 2);
    unwrap(await changeLine(deps, ADMIN, refOf(bob!), asShown(bob!, { plans: ['US/CA Unlimited'] })));
    const before = await snapshotWithoutAudit(database.db);
    const result = await changeLine(
      deps,
      ADMIN,
      refOf(ada!),
      asShown(ada!, { extension: '4321', plans: ['US/CA Unlimited'] }),
    );
    expect(refusal(result).code).toBe('PLAN_NONE_LEFT');
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('refuses a form opened before someone else changed the line, and keeps their change', async () => {
    const [ada] = await licensedPeople(deps, 1);
    unwrap(await changeExtension(deps, ADMIN, refOf(ada!), '4555'));
    const before = await snapshotWithoutAudit(database.db);
    const result = await whileCurrent({ version: 1, openedAt: new Date(0) }, () =>
      changeLine(deps, ADMIN, refOf(ada!), asShown(ada!, { status: 'inactive' })),
    );
    expect(refusal(result)).toMatchObject({ code: 'SETTINGS_STALE' });
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('is for admins only', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const result = await changeLine(
      deps,
      { slackUserId: ada!.slackUserId ?? '' },
      refOf(ada!),
      asShown(ada!),
    );
    expect(refusal(result)).toMatchObject({ code: 'NOT_ADMIN' });
  });
});
