import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deskPhones, phoneUserSettings } from '../../../db/schema/index.ts';
import type { BusinessHours, Route } from '../../../src/domain/settings.ts';
import { addNumbers } from '../../../src/services/account.ts';
import { addNumber, addPlan } from '../../../src/services/phone-user-changes.ts';
import {
  addForwardNumber,
  removeForwardNumber,
  setRouting,
} from '../../../src/services/settings/call-handling.ts';
import { setBusinessHours } from '../../../src/services/settings/hours.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
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
import { ADMIN, makeDeps, prepareAccount, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

const closed = { type: 'closed' } as const;
const nineToFive = { type: 'interval', from: '09:00', to: '17:00' } as const;
const officeHours: BusinessHours = {
  kind: 'weekly',
  days: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: closed,
    sun: closed,
  },
};
const apps: Route = { kind: 'apps', enabled: true, ringSeconds: 20 };
const MOBILE = '+14155550123';
const HOME = '+14155550124';

describe('business hours and call handling', () => {
  let deps: ReturnType<typeof makeDeps>;
  let bob: PhoneUserCard;
  let carol: PhoneUserCard;
  const asBob = () => ({ slackUserId: bob.slackUserId ?? '' });

  beforeEach(async () => {
    deps = makeDeps(database.db);
    await prepareAccount(database.db, { planInventory: 10 });
    [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
    // Forwarding outside the account is an outbound call: both can, with a calling plan.
    for (const card of [bob, carol]) unwrap(await addPlan(deps, ADMIN, refOf(card), 'US/CA Unlimited'));
  });

  /** Everything a refused change could have touched: every table, and every phone user's settings row. */
  const everything = async () => ({
    tables: await snapshotWithoutAudit(database.db),
    settings: await database.db.select().from(phoneUserSettings).orderBy(phoneUserSettings.phoneUserId),
  });

  describe('setBusinessHours', () => {
    it('sets weekly hours, bumps the version and audits the hours before and after', async () => {
      const result = unwrap(await setBusinessHours(deps, ADMIN, refOf(bob), officeHours));
      expect(result).toMatchObject({ changed: true, before: { kind: 'always' } });
      const stored = await readSettings(database.db, bob.phoneUserId);
      expect(stored.businessHours).toEqual(officeHours);
      expect(stored.version).toBe(2);

      const audit = (await auditRows(database.db)).filter((row) => row.action === 'business_hours.changed');
      expect(audit).toEqual([
        expect.objectContaining({
          actor: ADMIN.slackUserId,
          targetType: 'user',
          targetId: String(bob.directoryUserId),
          before: { businessHours: { kind: 'always' } },
          after: { businessHours: officeHours },
        }),
      ]);
      const changes = (await outbox(database.db)).filter((c) => c.kind === 'phone_user.settings_changed');
      expect(changes.map((c) => c.payload)).toEqual([
        expect.objectContaining({ settings: { businessHours: officeHours } }),
      ]);
    });

    it('lets a phone user set their own business hours', async () => {
      const result = await setBusinessHours(deps, asBob(), refOf(bob), officeHours);
      expect(unwrap(result).changed).toBe(true);
      expect((await readSettings(database.db, bob.phoneUserId)).businessHours).toEqual(officeHours);
      const [row] = (await auditRows(database.db)).filter((r) => r.action === 'business_hours.changed');
      expect(row?.actor).toBe(bob.slackUserId);
    });

    it("refuses a phone user changing someone else's hours, audits the attempt and changes nothing", async () => {
      const before = await everything();
      const result = await setBusinessHours(deps, asBob(), refOf(carol), officeHours);
      expect(refusal(result)).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'hours' });
      expect(await everything()).toEqual(before);
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toEqual([expect.objectContaining({ actor: bob.slackUserId, targetId: 'hours' })]);
    });

    it('refuses someone without a phone license, whoever asks', async () => {
      deps.profiles.add({ slackUserId: 'UNOLICENSE', realName: 'No License' });
      const result = await setBusinessHours(deps, ADMIN, slackRef('UNOLICENSE'), officeHours);
      expect(refusal(result).code).toBe('NOT_A_PHONE_USER');
    });

    it('checks a submitted document whole and changes nothing when a day is wrong', async () => {
      const before = await everything();
      const broken = {
        kind: 'weekly',
        days: { ...officeHours.days, wed: { type: 'interval', from: '09:00', to: '09:00' } },
      } as BusinessHours;
      expect(refusal(await setBusinessHours(deps, ADMIN, refOf(bob), broken))).toEqual({
        code: 'HOURS_INVALID',
        problem: 'zero_length',
        part: '09:00-09:00',
        day: 'wed',
      });
      const late = {
        kind: 'weekly',
        days: { ...officeHours.days, mon: { type: 'interval', from: '25:00', to: '17:00' } },
      };
      expect(refusal(await setBusinessHours(deps, ADMIN, refOf(bob), late as BusinessHours))).toMatchObject({
        problem: 'hour',
        day: 'mon',
      });
      expect(await everything()).toEqual(before);
    });

    it('writes and audits nothing when the user already has these hours', async () => {
      unwrap(await setBusinessHours(deps, ADMIN, refOf(bob), officeHours));
      const before = await everything();
      const auditBefore = (await auditRows(database.db)).length;
      const again = unwrap(await setBusinessHours(deps, ADMIN, refOf(bob), officeHours));
      expect(again.changed).toBe(false);
      expect(await everything()).toEqual(before);
      expect(await auditRows(database.db)).toHaveLength(auditBefore);
    });
  });

  describe('addForwardNumber', () => {
    it('adds the number in E.164 and an enabled 20 s route after the others, audited before and after', async () => {
      const result = unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), '+1 415 555 0123', 'Mobile'));
      expect(result.forward).toEqual({ number: MOBILE, description: 'Mobile' });
      const stored = await readSettings(database.db, bob.phoneUserId);
      expect(stored.forwardNumbers).toEqual([{ number: MOBILE, description: 'Mobile' }]);
      expect(stored.routes).toEqual([
        apps,
        { kind: 'forward', number: MOBILE, enabled: true, ringSeconds: 20 },
      ]);

      const [row] = (await auditRows(database.db)).filter((r) => r.action === 'forward_number.added');
      expect(row).toMatchObject({
        targetId: String(bob.directoryUserId),
        before: { forwardNumbers: [], routes: [apps] },
        after: { forwardNumbers: stored.forwardNumbers, routes: stored.routes },
      });
    });

    it('lets a phone user add their own and refuses them for someone else, audited', async () => {
      unwrap(await addForwardNumber(deps, asBob(), refOf(bob), MOBILE, ''));
      const before = await everything();
      expect(refusal(await addForwardNumber(deps, asBob(), refOf(carol), MOBILE, ''))).toEqual({
        code: 'NOT_OWN_SETTINGS',
        command: 'forward add',
      });
      expect(await everything()).toEqual(before);
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toEqual([expect.objectContaining({ actor: bob.slackUserId, targetId: 'forward add' })]);
    });

    it('refuses a national number of another country, a duplicate, an eleventh number and a long description, changing nothing', async () => {
      for (let i = 0; i < 10; i++) {
        unwrap(
          await addForwardNumber(deps, ADMIN, refOf(bob), `+1415555${String(200 + i).padStart(4, '0')}`, ''),
        );
      }
      const before = await everything();
      expect(refusal(await addForwardNumber(deps, ADMIN, refOf(bob), '020 7946 0958', ''))).toEqual({
        code: 'NUMBER_INVALID',
        input: '020 7946 0958',
        reason: 'not_national',
        country: 'US',
      });
      expect(refusal(await addForwardNumber(deps, ADMIN, refOf(bob), '+14155550200', 'again'))).toEqual({
        code: 'FORWARD_NUMBER_EXISTS',
        number: '+14155550200',
      });
      expect(refusal(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, ''))).toEqual({
        code: 'FORWARD_NUMBER_LIMIT',
        max: 10,
      });
      expect(
        refusal(await addForwardNumber(deps, ADMIN, refOf(carol), MOBILE, 'x'.repeat(65))),
      ).toMatchObject({
        code: 'FORWARD_DESCRIPTION_INVALID',
      });
      expect(await everything()).toEqual(before);
    });

    it("refuses one of the user's own direct numbers: it would ring the same line again", async () => {
      unwrap(await addNumbers(deps, ADMIN, { from: MOBILE }));
      unwrap(await addNumber(deps, ADMIN, refOf(bob), MOBILE));
      expect(refusal(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, 'Desk'))).toEqual({
        code: 'FORWARD_NUMBER_OWN',
        number: MOBILE,
      });
      expect((await readSettings(database.db, bob.phoneUserId)).forwardNumbers).toEqual([]);
    });
  });

  describe('removeForwardNumber', () => {
    beforeEach(async () => {
      unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, 'Mobile'));
      unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), HOME, 'Home'));
    });

    it('removes the number and its route, audited before and after', async () => {
      const result = unwrap(await removeForwardNumber(deps, asBob(), refOf(bob), '+1 415 555 0123'));
      expect(result.forward).toEqual({ number: MOBILE, description: 'Mobile' });
      const stored = await readSettings(database.db, bob.phoneUserId);
      expect(stored.forwardNumbers).toEqual([{ number: HOME, description: 'Home' }]);
      expect(stored.routes).toEqual([
        apps,
        { kind: 'forward', number: HOME, enabled: true, ringSeconds: 20 },
      ]);
      const [row] = (await auditRows(database.db)).filter((r) => r.action === 'forward_number.removed');
      expect(row).toMatchObject({
        actor: bob.slackUserId,
        before: {
          forwardNumbers: [
            { number: MOBILE, description: 'Mobile' },
            { number: HOME, description: 'Home' },
          ],
        },
        after: { forwardNumbers: [{ number: HOME, description: 'Home' }] },
      });
    });

    it('refuses a number that is not a forward number, listing the ones there are', async () => {
      expect(refusal(await removeForwardNumber(deps, ADMIN, refOf(bob), '+14155550199'))).toEqual({
        code: 'FORWARD_NUMBER_NOT_FOUND',
        number: '+14155550199',
        numbers: [MOBILE, HOME],
      });
    });

    it('refuses removing the last forward number while closed hours forward, and changes nothing', async () => {
      unwrap(await removeForwardNumber(deps, ADMIN, refOf(bob), HOME));
      await database.db
        .update(phoneUserSettings)
        .set({ closedHours: { action: 'forward' } })
        .where(eq(phoneUserSettings.phoneUserId, bob.phoneUserId));
      const before = await everything();
      expect(refusal(await removeForwardNumber(deps, ADMIN, refOf(bob), MOBILE))).toEqual({
        code: 'FORWARD_NUMBER_NEEDED',
        number: MOBILE,
      });
      expect(await everything()).toEqual(before);
    });

    it("refuses a phone user removing someone else's forward number, audited", async () => {
      const before = await everything();
      const asCarol = { slackUserId: carol.slackUserId ?? '' };
      expect(refusal(await removeForwardNumber(deps, asCarol, refOf(bob), MOBILE)).code).toBe(
        'NOT_OWN_SETTINGS',
      );
      expect(await everything()).toEqual(before);
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toEqual([
        expect.objectContaining({ actor: carol.slackUserId, targetId: 'forward remove' }),
      ]);
    });
  });

  describe('setRouting', () => {
    const MAC = '001A2B3C4D5E';

    beforeEach(async () => {
      unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, 'Mobile'));
      await database.db
        .insert(deskPhones)
        .values({ phoneUserId: bob.phoneUserId, mac: MAC, model: 'Desk 100' });
    });

    it('sets ring mode and the order of the routes together, audited before and after', async () => {
      const routes: Route[] = [
        { kind: 'desk_phone', mac: MAC, enabled: true, ringSeconds: 15 },
        apps,
        { kind: 'forward', number: MOBILE, enabled: false, ringSeconds: 30 },
      ];
      const result = unwrap(await setRouting(deps, asBob(), refOf(bob), { ringMode: 'sequential', routes }));
      expect(result.changed).toBe(true);
      const stored = await readSettings(database.db, bob.phoneUserId);
      expect(stored).toMatchObject({ ringMode: 'sequential', routes });
      const [row] = (await auditRows(database.db)).filter((r) => r.action === 'routing.changed');
      expect(row).toMatchObject({
        before: { ringMode: 'simultaneous', routes: [apps, { kind: 'forward', number: MOBILE }] },
        after: { ringMode: 'sequential', routes },
      });
    });

    it("refuses a desk phone that is someone else's and a bad ring time, changing nothing", async () => {
      const before = await everything();
      const foreign: Route = { kind: 'desk_phone', mac: 'AABBCCDDEEFF', enabled: true, ringSeconds: 20 };
      expect(
        refusal(
          await setRouting(deps, ADMIN, refOf(bob), { ringMode: 'sequential', routes: [apps, foreign] }),
        ),
      ).toEqual({
        code: 'ROUTES_INVALID',
        problem: 'desk_phone',
        route: 'desk phone AABBCCDDEEFF',
        value: 'AABBCCDDEEFF',
      });
      const slow = [{ ...apps, ringSeconds: 62 }];
      expect(
        refusal(await setRouting(deps, ADMIN, refOf(bob), { ringMode: 'simultaneous', routes: slow })),
      ).toMatchObject({
        problem: 'ring_seconds',
        value: '62',
      });
      expect(await everything()).toEqual(before);
    });

    it('refuses someone else, audited', async () => {
      const asCarol = { slackUserId: carol.slackUserId ?? '' };
      const result = await setRouting(deps, asCarol, refOf(bob), { ringMode: 'sequential', routes: [apps] });
      expect(refusal(result)).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'settings' });
    });
  });
});
