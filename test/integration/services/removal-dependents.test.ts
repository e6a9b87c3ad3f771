import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  autoReceptionists,
  callQueueMembers,
  delegations,
  phoneUserSettings,
} from '../../../db/schema/index.ts';
import { uploadAudio } from '../../../src/services/audio.ts';
import { previewRemoval, removeLicenses } from '../../../src/services/licenses.ts';
import { addPlan } from '../../../src/services/phone-user-changes.ts';
import { addQueue, addQueueMember, addReceptionist, setOperator } from '../../../src/services/routing.ts';
import { setUserAddress } from '../../../src/services/settings/address.ts';
import { addBlocked } from '../../../src/services/settings/blocked.ts';
import { addForwardNumber } from '../../../src/services/settings/call-handling.ts';
import { copySettings } from '../../../src/services/settings/copy.ts';
import { addAssistant } from '../../../src/services/settings/delegation.ts';
import { addDeskPhone } from '../../../src/services/settings/desk-phones.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { id3Mp3 } from '../../support/audio.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { sampleAddress } from '../../support/places-and-devices.ts';
import { ADMIN, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
let ada: PhoneUserCard;
let bob: PhoneUserCard;
let carol: PhoneUserCard;
let dan: PhoneUserCard;

const person = (card: PhoneUserCard) => ({
  name: `${card.firstName} ${card.lastName}`,
  email: card.email,
  slackUserId: card.slackUserId,
});

/**
 * Ada (1000) manages the Sales queue and is in Support, is the operator of Main Line, has Bob as her assistant and
 * answers Carol's calls. Dan (1003) has nothing to do with anyone.
 */
async function adaIsNeeded() {
  unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
  unwrap(await addQueue(deps, ADMIN, { name: 'Support', extension: '2001' }));
  unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(ada), true));
  unwrap(await addQueueMember(deps, ADMIN, 'Support', refOf(ada), false));
  unwrap(await addQueueMember(deps, ADMIN, 'Support', refOf(bob), false));
  unwrap(await addReceptionist(deps, ADMIN, { name: 'Main Line', extension: '2100', operator: refOf(ada) }));
  unwrap(await addAssistant(deps, ADMIN, refOf(ada), refOf(bob)));
  unwrap(await addAssistant(deps, ADMIN, refOf(carol), refOf(ada)));
}

const links = async () => ({
  members: await database.db.select().from(callQueueMembers).orderBy(asc(callQueueMembers.queueId)),
  operators: await database.db
    .select({ name: autoReceptionists.name, operatorId: autoReceptionists.operatorId })
    .from(autoReceptionists),
  delegations: await database.db.select().from(delegations),
});

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db);
  [ada, bob, carol, dan] = (await licensedPeople(deps, 4)) as [
    PhoneUserCard,
    PhoneUserCard,
    PhoneUserCard,
    PhoneUserCard,
  ];
});

describe('what a removal would end, before it is confirmed', () => {
  it('names each queue membership, operator role and delegation of each person, and changes nothing', async () => {
    await adaIsNeeded();
    const before = await snapshotWithoutAudit(database.db);
    const [forAda, forDan] = unwrap(await previewRemoval(deps, ADMIN, [refOf(ada), refOf(dan)]));
    expect(forAda?.dependents).toEqual([
      { kind: 'queue_member', queueId: expect.any(Number), queue: 'Sales', manager: true },
      { kind: 'queue_member', queueId: expect.any(Number), queue: 'Support', manager: false },
      { kind: 'operator', receptionistId: expect.any(Number), receptionist: 'Main Line' },
      {
        kind: 'assistant',
        phoneUserId: bob.phoneUserId,
        directoryUserId: bob.directoryUserId,
        person: person(bob),
      },
      {
        kind: 'assisting',
        phoneUserId: carol.phoneUserId,
        directoryUserId: carol.directoryUserId,
        person: person(carol),
      },
    ]);
    expect(forAda?.digest).toMatch(/^[0-9a-f]{8}$/);
    expect(forDan).toMatchObject({ dependents: [], sharedAudio: [], digest: undefined });
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
  });

  it('names audio files other people play, which stay for the account', async () => {
    unwrap(
      await uploadAudio(deps, ADMIN, {
        owner: refOf(ada),
        filename: 'Welcome.mp3',
        content: id3Mp3(),
        purpose: 'greeting',
      }),
    );
    unwrap(await copySettings(deps, ADMIN, refOf(ada), [refOf(bob)]));
    const [forAda] = unwrap(await previewRemoval(deps, ADMIN, [refOf(ada)]));
    expect(forAda).toMatchObject({
      dependents: [],
      sharedAudio: [{ name: 'Welcome', players: [person(bob)] }],
      digest: undefined,
    });
  });
});

describe('removing a license someone else depends on', () => {
  it('ends each link with its own audit row and change record, before the license goes, in one request', async () => {
    await adaIsNeeded();
    const from = (await auditRows(database.db)).length;
    const changesFrom = (await outbox(database.db)).length;
    const [removed] = unwrap(await removeLicenses(deps, ADMIN, [refOf(ada)])).removed;
    expect(removed?.ended.map((d) => d.kind)).toEqual([
      'queue_member',
      'queue_member',
      'operator',
      'assistant',
      'assisting',
    ]);

    const audit = (await auditRows(database.db)).slice(from);
    expect(new Set(audit.map((row) => row.requestId)).size).toBe(1);
    const reason = `license of ${ada.email} removed`;
    expect(
      audit.map(({ action, targetType, targetLabel, before, after }) => ({
        action,
        targetType,
        targetLabel,
        before,
        after,
      })),
    ).toEqual([
      {
        action: 'call_queue.membership',
        targetType: 'user',
        targetLabel: ada.email,
        before: { queue: 'Sales', member: true, manager: true },
        after: { queue: 'Sales', member: false, manager: false, reason },
      },
      {
        action: 'call_queue.membership',
        targetType: 'user',
        targetLabel: ada.email,
        before: { queue: 'Support', member: true, manager: false },
        after: { queue: 'Support', member: false, manager: false, reason },
      },
      {
        action: 'auto_receptionist.operator_changed',
        targetType: 'auto_receptionist',
        targetLabel: 'Main Line',
        before: { operator: ada.email },
        after: { operator: null, reason },
      },
      {
        action: 'delegation.removed',
        targetType: 'user',
        targetLabel: bob.email,
        before: { assisting: [ada.email] },
        after: { assisting: [], reason },
      },
      {
        action: 'delegation.removed',
        targetType: 'user',
        targetLabel: carol.email,
        before: { assistants: [ada.email] },
        after: { assistants: [], reason },
      },
      expect.objectContaining({ action: 'license.removed', targetLabel: ada.email, after: null }),
    ]);

    const adaRef = { directoryUserId: ada.directoryUserId, email: ada.email };
    const ref = (card: PhoneUserCard) => ({ directoryUserId: card.directoryUserId, email: card.email });
    expect((await outbox(database.db)).slice(changesFrom).map((row) => row.payload)).toEqual([
      { kind: 'call_queue.member_changed', queue: 'Sales', user: adaRef, member: false, manager: false },
      { kind: 'call_queue.member_changed', queue: 'Support', user: adaRef, member: false, manager: false },
      { kind: 'auto_receptionist.operator_changed', receptionist: 'Main Line', operator: null },
      { kind: 'phone_user.assistant_removed', user: adaRef, assistant: ref(bob) },
      { kind: 'phone_user.assistant_removed', user: ref(carol), assistant: adaRef },
      { kind: 'phone_user.removed', user: adaRef, extension: '1000', releasedNumbers: [] },
    ]);

    expect(await links()).toEqual({
      members: [expect.objectContaining({ phoneUserId: bob.phoneUserId })],
      operators: [{ name: 'Main Line', operatorId: null }],
      delegations: [],
    });
  });

  it('moves a form open on a colleague who lost a delegation on to a new version', async () => {
    await adaIsNeeded();
    const version = async (card: PhoneUserCard) =>
      (await database.db.select().from(phoneUserSettings)).find((row) => row.phoneUserId === card.phoneUserId)
        ?.version;
    const [bobBefore, carolBefore] = [await version(bob), await version(carol)];
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada)]));
    expect(await version(bob)).toBe((bobBefore ?? 0) + 1);
    expect(await version(carol)).toBe((carolBefore ?? 0) + 1);
  });

  it('ends a delegation between two people removed together once', async () => {
    unwrap(await addAssistant(deps, ADMIN, refOf(ada), refOf(bob)));
    const from = (await auditRows(database.db)).length;
    const { removed } = unwrap(await removeLicenses(deps, ADMIN, [refOf(ada), refOf(bob)]));
    expect(removed.map((r) => r.ended.map((d) => d.kind))).toEqual([['assistant'], []]);
    const audit = (await auditRows(database.db)).slice(from).map((row) => row.action);
    expect(audit).toEqual(['delegation.removed', 'license.removed', 'license.removed']);
  });

  it("records what was the person's own with the license: desk phones, forward and blocked numbers, address, audio", async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(ada), '00:1A:2B:3C:4D:5E', 'Poly VVX 450'));
    await prepareAccount(database.db, { planInventory: 10 });
    unwrap(await addPlan(deps, ADMIN, refOf(ada), 'US/CA Unlimited'));
    unwrap(await addForwardNumber(deps, ADMIN, refOf(ada), '+14155550199', 'mobile'));
    unwrap(await addBlocked(deps, ADMIN, refOf(ada), '+1900'));
    unwrap(await setUserAddress(deps, ADMIN, refOf(ada), sampleAddress));
    unwrap(
      await uploadAudio(deps, ADMIN, {
        owner: refOf(ada),
        filename: 'Hi.mp3',
        content: id3Mp3(),
        purpose: 'greeting',
      }),
    );
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada)]));
    const [row] = (await auditRows(database.db)).filter((r) => r.action === 'license.removed');
    expect(row?.before).toEqual({
      site: 'Main',
      extension: '1000',
      status: 'active',
      plans: ['US/CA Unlimited'],
      numbers: [],
      deskPhones: [{ mac: '001A2B3C4D5E', model: 'Poly VVX 450' }],
      forwardNumbers: ['+14155550199'],
      blocked: ['+1900'],
      personalAddress: true,
      audio: ['Hi'],
    });
  });

  it('records audio others play as now the account’s, for the phone system too', async () => {
    const file = unwrap(
      await uploadAudio(deps, ADMIN, {
        owner: refOf(ada),
        filename: 'Welcome.mp3',
        content: id3Mp3(),
        purpose: 'greeting',
      }),
    );
    unwrap(await copySettings(deps, ADMIN, refOf(ada), [refOf(bob)]));
    const [removed] = unwrap(await removeLicenses(deps, ADMIN, [refOf(ada)])).removed;
    expect(removed?.keptAudio).toEqual([{ id: file.audio.id, name: 'Welcome' }]);
    expect((await outbox(database.db)).map((row) => row.payload)).toContainEqual({
      kind: 'audio.moved_to_account',
      user: { directoryUserId: ada.directoryUserId, email: ada.email },
      audioId: file.audio.id,
      name: 'Welcome',
    });
  });
});

describe('a removal confirmed after what it ends changed', () => {
  const shownBy = (previews: { card: PhoneUserCard; digest: string | undefined }[]) =>
    new Map(previews.map((p) => [p.card.directoryUserId, p.digest]));

  it('goes ahead when the links are those the admin was shown', async () => {
    await adaIsNeeded();
    const shown = shownBy(unwrap(await previewRemoval(deps, ADMIN, [refOf(ada), refOf(dan)])));
    const { removed } = unwrap(await removeLicenses(deps, ADMIN, [refOf(ada), refOf(dan)], shown));
    expect(removed.map((r) => r.ended.length)).toEqual([5, 0]);
  });

  it('removes nothing and names the person when something new depends on them', async () => {
    await adaIsNeeded();
    const shown = shownBy(unwrap(await previewRemoval(deps, ADMIN, [refOf(ada), refOf(dan)])));
    unwrap(await addReceptionist(deps, ADMIN, { name: 'After Hours', extension: '2101' }));
    unwrap(await setOperator(deps, ADMIN, 'After Hours', refOf(dan)));
    const before = await snapshotWithoutAudit(database.db);
    const linksBefore = await links();

    expect(refusal(await removeLicenses(deps, ADMIN, [refOf(ada), refOf(dan)], shown))).toEqual({
      code: 'REMOVAL_CHANGED',
      users: [person(dan)],
    });
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
    expect(await links()).toEqual(linksBefore);

    const again = shownBy(unwrap(await previewRemoval(deps, ADMIN, [refOf(ada), refOf(dan)])));
    const { removed } = unwrap(await removeLicenses(deps, ADMIN, [refOf(ada), refOf(dan)], again));
    expect(removed[1]?.ended).toEqual([
      { kind: 'operator', receptionistId: expect.any(Number), receptionist: 'After Hours' },
    ]);
  });

  it('asks again when a manager role was added, not only a membership', async () => {
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '2000' }));
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(ada), false));
    const shown = shownBy(unwrap(await previewRemoval(deps, ADMIN, [refOf(ada)])));
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', refOf(ada), true));
    expect(refusal(await removeLicenses(deps, ADMIN, [refOf(ada)], shown)).code).toBe('REMOVAL_CHANGED');
  });
});
