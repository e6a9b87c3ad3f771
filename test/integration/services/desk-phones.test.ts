import { beforeEach, describe, expect, it } from 'vitest';
import { deskPhones } from '../../../db/schema/index.ts';
import { addDeskPhone, removeDeskPhone } from '../../../src/services/settings/desk-phones.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
import { deskPhonesOf } from '../../../src/store/user-details.ts';
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
import { placesAndDevicesState } from '../../support/places-and-devices.ts';
import { ADMIN, makeDeps, notAdmin, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
let bob: PhoneUserCard;
let carol: PhoneUserCard;
const asUser = (card: PhoneUserCard) => ({ slackUserId: card.slackUserId ?? '' });
const state = async () => ({
  ...(await snapshotWithoutAudit(database.db)),
  area: await placesAndDevicesState(database.db),
});
const APPS = { kind: 'apps', enabled: true, ringSeconds: 20 };

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db);
  [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
});

describe('adding a desk phone', () => {
  it('stores the MAC normalised with the model, and adds an enabled call route for it', async () => {
    const change = unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '00-1a-2b-3c-4d-5e', '  Model   A20 '));
    expect(change.phone).toMatchObject({ mac: '001A2B3C4D5E', model: 'Model A20' });
    expect(await deskPhonesOf(database.db, bob.phoneUserId)).toMatchObject([
      { mac: '001A2B3C4D5E', model: 'Model A20' },
    ]);
    expect((await readSettings(database.db, bob.phoneUserId)).routes).toEqual([
      APPS,
      { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 20 },
    ]);
  });

  it('audits the phones and routes before and after, and tells the adapter', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'Model A20'));
    const [audit] = (await auditRows(database.db)).filter((row) => row.action === 'desk_phone.added');
    expect(audit).toMatchObject({
      actor: ADMIN.slackUserId,
      targetLabel: bob.email,
      before: { deskPhones: [], routes: [APPS] },
      after: {
        deskPhones: [{ mac: '001A2B3C4D5E', model: 'Model A20' }],
        routes: [APPS, { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 20 }],
      },
    });
    const kinds = (await outbox(database.db)).map((change) => change.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['phone_user.desk_phone_added', 'phone_user.settings_changed']),
    );
  });

  it('refuses a 4th desk phone and changes nothing', async () => {
    for (const mac of ['001A2B3C4D51', '001A2B3C4D52', '001A2B3C4D53']) {
      unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), mac, 'Model A20'));
    }
    const before = await state();
    expect(refusal(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D54', 'Model A20'))).toEqual({
      code: 'DESK_PHONE_LIMIT',
      user: { name: 'Person 1', email: bob.email, slackUserId: bob.slackUserId },
      max: 3,
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a MAC another user has, in any spelling, naming who has it', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '00:1A:2B:3C:4D:5E', 'Model A20'));
    const before = await state();
    expect(refusal(await addDeskPhone(deps, ADMIN, refOf(carol), '001a.2b3c.4d5e', 'Model B10'))).toEqual({
      code: 'DESK_PHONE_TAKEN',
      mac: '001A2B3C4D5E',
      holder: { name: 'Person 1', email: bob.email, slackUserId: bob.slackUserId },
      sameUser: false,
    });
    expect(await state()).toEqual(before);
  });

  it('says so when the user already has that phone', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'Model A20'));
    expect(refusal(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'Model A20'))).toMatchObject({
      code: 'DESK_PHONE_TAKEN',
      sameUser: true,
    });
  });

  it('has the database refuse a duplicate MAC whatever the code does', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'Model A20'));
    await expect(
      database.db
        .insert(deskPhones)
        .values({ phoneUserId: carol.phoneUserId, mac: '001A2B3C4D5E', model: 'X' }),
    ).rejects.toThrow();
  });

  it('refuses a bad MAC and a missing or too long model, naming each', async () => {
    const before = await state();
    expect(refusal(await addDeskPhone(deps, ADMIN, refOf(bob), '00:1A:2B:3C:4D', 'Model A20'))).toEqual({
      code: 'MAC_INVALID',
      input: '00:1A:2B:3C:4D',
      reason: 'format',
    });
    expect(refusal(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', '  '))).toEqual({
      code: 'DESK_PHONE_MODEL_INVALID',
      input: '  ',
      max: 64,
    });
    expect(
      refusal(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'x'.repeat(65))),
    ).toMatchObject({
      code: 'DESK_PHONE_MODEL_INVALID',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a phone user adding one for themselves, since desk phones are for admins, and audits it', async () => {
    const before = await state();
    expect(refusal(await addDeskPhone(deps, asUser(bob), refOf(bob), '001A2B3C4D5E', 'Model A20'))).toEqual({
      code: 'SELF_SERVICE_DENIED',
      setting: 'desk phones',
      reason: 'admin_only',
    });
    expect(refusal(await addDeskPhone(deps, asUser(bob), refOf(carol), '001A2B3C4D5E', 'Model A20'))).toEqual(
      notAdmin('phone add'),
    );
    expect(await state()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied.map((row) => [row.actor, row.targetId])).toEqual([
      [bob.slackUserId, 'phone add'],
      [bob.slackUserId, 'phone add'],
    ]);
  });
});

describe('removing a desk phone', () => {
  it('removes the phone and its call route, keeping the other routes in order', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D51', 'Model A20'));
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D52', 'Model B10'));
    const change = unwrap(await removeDeskPhone(deps, ADMIN, refOf(bob), '00:1a:2b:3c:4d:51'));
    expect(change.phone).toMatchObject({ mac: '001A2B3C4D51', model: 'Model A20' });
    expect((await deskPhonesOf(database.db, bob.phoneUserId)).map((phone) => phone.mac)).toEqual([
      '001A2B3C4D52',
    ]);
    expect((await readSettings(database.db, bob.phoneUserId)).routes).toEqual([
      APPS,
      { kind: 'desk_phone', mac: '001A2B3C4D52', enabled: true, ringSeconds: 20 },
    ]);
    const [audit] = (await auditRows(database.db)).filter((row) => row.action === 'desk_phone.removed');
    expect(audit?.before).toMatchObject({ deskPhones: [{ mac: '001A2B3C4D51' }, { mac: '001A2B3C4D52' }] });
    expect(audit?.after).toMatchObject({ deskPhones: [{ mac: '001A2B3C4D52' }] });
  });

  it('frees the MAC for someone else', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E', 'Model A20'));
    unwrap(await removeDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E'));
    unwrap(await addDeskPhone(deps, ADMIN, refOf(carol), '001A2B3C4D5E', 'Model A20'));
    expect(await deskPhonesOf(database.db, carol.phoneUserId)).toHaveLength(1);
  });

  it('refuses a phone the user does not have, naming whose it is, and changes nothing', async () => {
    unwrap(await addDeskPhone(deps, ADMIN, refOf(carol), '001A2B3C4D5E', 'Model A20'));
    const before = await state();
    expect(refusal(await removeDeskPhone(deps, ADMIN, refOf(bob), '001A2B3C4D5E'))).toEqual({
      code: 'DESK_PHONE_NOT_FOUND',
      user: { name: 'Person 1', email: bob.email, slackUserId: bob.slackUserId },
      mac: '001A2B3C4D5E',
      holder: { name: 'Person 2', email: carol.email, slackUserId: carol.slackUserId },
    });
    expect(refusal(await removeDeskPhone(deps, ADMIN, refOf(bob), '0A0B0C0D0E0F'))).toMatchObject({
      code: 'DESK_PHONE_NOT_FOUND',
      holder: null,
    });
    expect(await state()).toEqual(before);
  });
});
