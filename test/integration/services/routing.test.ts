import { beforeEach, describe, expect, it } from 'vitest';
import { callQueues } from '../../../db/schema/index.ts';
import { editSite, reserveExtension, setSiteCodes } from '../../../src/services/account.ts';
import { changeExtension } from '../../../src/services/phone-user-changes.ts';
import {
  addQueue,
  addQueueMember,
  addReceptionist,
  queuesOverview,
  receptionistsOverview,
  removeQueueMember,
  setOperator,
} from '../../../src/services/routing.ts';
import { userDetails } from '../../../src/services/settings/details.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  morePeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { placesAndDevicesState } from '../../support/places-and-devices.ts';
import { ADMIN, extRef, makeDeps, notAdmin, prepareAccount, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
let bob: PhoneUserCard;
let carol: PhoneUserCard;
const asUser = (card: PhoneUserCard) => ({ slackUserId: card.slackUserId ?? '' });
const state = async () => ({
  ...(await snapshotWithoutAudit(database.db)),
  area: await placesAndDevicesState(database.db),
});
const queueHolder = (name: string) => ({ name: `call queue ${name}`, email: '', slackUserId: null });

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db);
  // Licensed from 1000 up: bob 1000, carol 1001.
  [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
});

describe('adding a call queue', () => {
  it('creates a queue in a site with its extension, audited and in the dial plan', async () => {
    const created = unwrap(await addQueue(deps, ADMIN, { name: ' Sales  Team ', extension: '2000' }));
    expect(created.queue).toMatchObject({ name: 'Sales Team', extension: '2000' });
    expect(created.site).toBe('Main');
    const [audit] = (await auditRows(database.db)).filter((row) => row.action === 'call_queue.created');
    expect(audit).toMatchObject({
      targetType: 'call_queue',
      targetLabel: 'Sales Team',
      before: null,
      after: { name: 'Sales Team', extension: '2000', site: 'Main' },
    });
    expect((await placesAndDevicesState(database.db)).dial).toContainEqual({
      extension: '2000',
      ownerKind: 'queue',
      ownerId: created.queue.id,
    });
    expect((await outbox(database.db)).map((c) => c.kind)).toContain('call_queue.created');
  });

  it('refuses an extension a user has, naming them and suggesting free ones, and changes nothing', async () => {
    const before = await state();
    expect(refusal(await addQueue(deps, ADMIN, { name: 'Sales', extension: '1000' }))).toEqual({
      code: 'EXTENSION_TAKEN',
      extension: '1000',
      holder: { name: 'Person 1', email: bob.email, slackUserId: bob.slackUserId },
      suggestions: ['1002', '1003', '1004'],
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a reserved extension and one that is not digits', async () => {
    expect(refusal(await addQueue(deps, ADMIN, { name: 'Sales', extension: '911' }))).toMatchObject({
      code: 'EXTENSION_RESERVED',
      extension: '911',
    });
    expect(refusal(await addQueue(deps, ADMIN, { name: 'Sales', extension: '12a' }))).toMatchObject({
      code: 'EXTENSION_INVALID',
      input: '12a',
    });
  });

  it('refuses a name another queue has in any case, and an empty name', async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
    expect(refusal(await addQueue(deps, ADMIN, { name: 'SALES', extension: '2001' }))).toEqual({
      code: 'QUEUE_EXISTS',
      name: 'Sales',
    });
    expect(refusal(await addQueue(deps, ADMIN, { name: '  ', extension: '2001' }))).toEqual({
      code: 'QUEUE_NAME_INVALID',
      input: '  ',
    });
  });

  it("refuses a user's later change to the queue's extension, naming the queue", async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
    expect(refusal(await changeExtension(deps, ADMIN, refOf(bob), '2000'))).toEqual({
      code: 'EXTENSION_TAKEN',
      extension: '2000',
      holder: queueHolder('Sales'),
      suggestions: ['1999', '2001', '1998'],
    });
  });

  it("skips a queue's extension when handing out extensions to new phone users", async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '1002' }));
    const [dave] = await licensedPeople(deps, 1, { prefix: 'UD' });
    expect(dave?.extension).toBe('1003');
  });

  it('refuses a receptionist on a queue extension and a queue on a receptionist extension', async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
    unwrap(await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100' }));
    expect(refusal(await addReceptionist(deps, ADMIN, { name: 'Other', extension: '2000' }))).toMatchObject({
      code: 'EXTENSION_TAKEN',
      holder: queueHolder('Sales'),
    });
    expect(refusal(await addQueue(deps, ADMIN, { name: 'Support', extension: '2100' }))).toMatchObject({
      code: 'EXTENSION_TAKEN',
      holder: { name: 'auto receptionist Main line' },
    });
  });

  it('has the database refuse a queue on a user extension even without the check', async () => {
    const [main] = (await placesAndDevicesState(database.db)).dial;
    expect(main).toMatchObject({ extension: '1000', ownerKind: 'user' });
    await expect(
      database.db.insert(callQueues).values({ name: 'Sneaky', extension: '1000', siteId: bob.siteId }),
    ).rejects.toThrow();
  });

  it('uses the site code of the site with site codes on', async () => {
    unwrap(await editSite(deps, ADMIN, { name: 'Main', code: '1' }));
    // Site codes need short extensions of 2 to 5 digits, which 1000 and 1001 are.
    unwrap(await setSiteCodes(deps, ADMIN, true));
    const created = unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '200', site: 'main' }));
    expect(created.queue.extension).toBe('1200');
  });

  it('refuses a phone user who is not an admin, and audits the attempt', async () => {
    const before = await state();
    expect(refusal(await addQueue(deps, asUser(bob), { name: 'Sales', extension: '2000' }))).toEqual(
      notAdmin('queue add'),
    );
    expect(await state()).toEqual(before);
    expect((await auditRows(database.db)).filter((row) => row.action === 'denied')).toHaveLength(1);
  });
});

describe('call queue members', () => {
  beforeEach(async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
  });

  it('adds a member, marks and unmarks a manager, and removes them, each audited on the user', async () => {
    unwrap(await addQueueMember(deps, ADMIN, 'sales', refOf(bob), false));
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(bob), true));
    expect((await userDetails(database.db, bob)).queues).toEqual([
      { queue: 'Sales', extension: '2000', isManager: true },
    ]);
    unwrap(await removeQueueMember(deps, ADMIN, 'Sales', refOf(bob), true));
    expect((await userDetails(database.db, bob)).queues).toEqual([
      { queue: 'Sales', extension: '2000', isManager: false },
    ]);
    unwrap(await removeQueueMember(deps, ADMIN, 'Sales', refOf(bob), false));
    expect((await userDetails(database.db, bob)).queues).toEqual([]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'call_queue.membership');
    expect(audit.map((row) => [row.targetLabel, row.before, row.after])).toEqual([
      [
        bob.email,
        { queue: 'Sales', member: false, manager: false },
        { queue: 'Sales', member: true, manager: false },
      ],
      [
        bob.email,
        { queue: 'Sales', member: true, manager: false },
        { queue: 'Sales', member: true, manager: true },
      ],
      [
        bob.email,
        { queue: 'Sales', member: true, manager: true },
        { queue: 'Sales', member: true, manager: false },
      ],
      [
        bob.email,
        { queue: 'Sales', member: true, manager: false },
        { queue: 'Sales', member: false, manager: false },
      ],
    ]);
  });

  it('adds a new member straight in as a manager', async () => {
    const change = unwrap(await addQueueMember(deps, ADMIN, 'Sales', extRef(carol.extension), true));
    expect(change.after).toEqual({ member: true, manager: true });
  });

  it('refuses adding a member twice, removing a non-member and unmarking a non-manager, changing nothing', async () => {
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(bob), false));
    const before = await state();
    expect(refusal(await addQueueMember(deps, ADMIN, 'Sales', refOf(bob), false))).toMatchObject({
      code: 'QUEUE_MEMBER_EXISTS',
      queue: 'Sales',
      isManager: false,
    });
    expect(refusal(await removeQueueMember(deps, ADMIN, 'Sales', refOf(carol), false))).toMatchObject({
      code: 'QUEUE_NOT_MEMBER',
      user: { email: carol.email },
    });
    expect(refusal(await removeQueueMember(deps, ADMIN, 'Sales', refOf(bob), true))).toMatchObject({
      code: 'QUEUE_NOT_MANAGER',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses an unknown queue listing the known ones, and someone without a phone license', async () => {
    expect(refusal(await addQueueMember(deps, ADMIN, 'Support', refOf(bob), false))).toEqual({
      code: 'QUEUE_NOT_FOUND',
      input: 'Support',
      known: ['Sales'],
    });
    const [stranger] = morePeople(deps, 1, 'UZ');
    expect(
      refusal(await addQueueMember(deps, ADMIN, 'Sales', slackRef(stranger?.slackUserId ?? ''), false)),
    ).toMatchObject({
      code: 'NOT_A_PHONE_USER',
    });
  });

  it('lists the queues with their site and members, managers first', async () => {
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(bob), false));
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(carol), true));
    unwrap(await addQueue(deps, ADMIN, { name: 'Billing', extension: '2001' }));
    const list = unwrap(await queuesOverview(deps, ADMIN));
    expect(
      list.map((queue) => [queue.name, queue.site, queue.members.map((m) => [m.extension, m.isManager])]),
    ).toEqual([
      ['Billing', 'Main', []],
      [
        'Sales',
        'Main',
        [
          ['1001', true],
          ['1000', false],
        ],
      ],
    ]);
    expect(refusal(await queuesOverview(deps, asUser(bob)))).toEqual(notAdmin('queues'));
  });
});

describe('auto receptionists', () => {
  it("creates a receptionist with an operator, shown on the operator's card", async () => {
    const created = unwrap(
      await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100', operator: refOf(bob) }),
    );
    expect(created.operator?.email).toBe(bob.email);
    expect((await userDetails(database.db, bob)).operatorFor).toEqual([
      { name: 'Main line', extension: '2100' },
    ]);
    const [audit] = (await auditRows(database.db)).filter(
      (row) => row.action === 'auto_receptionist.created',
    );
    expect(audit?.after).toEqual({ name: 'Main line', extension: '2100', site: 'Main', operator: bob.email });
  });

  it('changes the operator, and removes it, audited before and after', async () => {
    unwrap(
      await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100', operator: refOf(bob) }),
    );
    const change = unwrap(await setOperator(deps, ADMIN, 'MAIN LINE', refOf(carol)));
    expect([change.before?.email, change.after?.email]).toEqual([bob.email, carol.email]);
    unwrap(await setOperator(deps, ADMIN, 'Main line', null));
    const list = unwrap(await receptionistsOverview(deps, ADMIN));
    expect(list).toEqual([{ id: 1, name: 'Main line', extension: '2100', site: 'Main', operator: null }]);
    const audit = (await auditRows(database.db)).filter(
      (row) => row.action === 'auto_receptionist.operator_changed',
    );
    expect(audit.map((row) => [row.before, row.after])).toEqual([
      [{ operator: bob.email }, { operator: carol.email }],
      [{ operator: carol.email }, { operator: null }],
    ]);
  });

  it('refuses the operator it already has, an unknown receptionist and a taken name, changing nothing', async () => {
    unwrap(
      await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100', operator: refOf(bob) }),
    );
    const before = await state();
    expect(refusal(await setOperator(deps, ADMIN, 'Main line', refOf(bob)))).toMatchObject({
      code: 'RECEPTIONIST_OPERATOR_UNCHANGED',
      operator: { email: bob.email },
    });
    expect(refusal(await setOperator(deps, ADMIN, 'Front desk', refOf(bob)))).toEqual({
      code: 'RECEPTIONIST_NOT_FOUND',
      input: 'Front desk',
      known: ['Main line'],
    });
    expect(refusal(await addReceptionist(deps, ADMIN, { name: 'main LINE', extension: '2101' }))).toEqual({
      code: 'RECEPTIONIST_EXISTS',
      name: 'Main line',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a reserved extension, suggesting free ones', async () => {
    unwrap(await reserveExtension(deps, ADMIN, '2100'));
    expect(refusal(await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100' }))).toEqual({
      code: 'EXTENSION_RESERVED',
      extension: '2100',
      suggestions: ['2099', '2101', '2098'],
    });
  });

  it('lets no one but an admin change an operator, and audits the attempt', async () => {
    unwrap(await addReceptionist(deps, ADMIN, { name: 'Main line', extension: '2100' }));
    expect(refusal(await setOperator(deps, asUser(bob), 'Main line', refOf(bob)))).toEqual(
      notAdmin('receptionist operator'),
    );
    expect((await auditRows(database.db)).filter((row) => row.action === 'denied')).toHaveLength(1);
  });
});
