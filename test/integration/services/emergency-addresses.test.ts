import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { emergencyAddresses } from '../../../db/schema/index.ts';
import { addSite } from '../../../src/services/account.ts';
import {
  allowSelfManagedAddress,
  setSiteDefaultAddress,
  setUserAddress,
  useSiteDefaultAddress,
} from '../../../src/services/settings/address.ts';
import { userDetails } from '../../../src/services/settings/details.ts';
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
import { otherAddress, placesAndDevicesState, sampleAddress } from '../../support/places-and-devices.ts';
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
const addressOf = async (card: PhoneUserCard) => {
  const details = await userDetails(database.db, card);
  return { address: details.address?.line1, siteDefault: details.addressIsSiteDefault };
};

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db);
  [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
});

describe("a site's default emergency address", () => {
  it('sets the default address of a site, which its users without an address of their own use', async () => {
    const result = unwrap(await setSiteDefaultAddress(deps, ADMIN, 'main', sampleAddress));
    expect(result).toEqual({ site: 'Main', before: null, after: { ...sampleAddress, line2: null } });
    expect(await addressOf(bob)).toEqual({ address: '1 Main St', siteDefault: true });
  });

  it('replaces the default in place and audits the address before and after', async () => {
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', otherAddress));
    const rows = await database.db.select().from(emergencyAddresses);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line1: '500 Howard St',
      line2: 'Floor 3',
      country: 'US',
      isSiteDefault: true,
    });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'site.emergency_address_set');
    expect(audit.map((row) => [row.targetLabel, row.before, row.after])).toEqual([
      ['Main', null, { address: '1 Main St, San Francisco, CA 94105, US' }],
      [
        'Main',
        { address: '1 Main St, San Francisco, CA 94105, US' },
        { address: '500 Howard St, Floor 3, San Francisco, CA 94105, US' },
      ],
    ]);
    const changes = (await outbox(database.db)).filter((c) => c.kind === 'site.emergency_address_changed');
    expect(changes.at(-1)?.payload).toMatchObject({ site: 'Main', address: { line1: '500 Howard St' } });
  });

  it('keeps one default per site', async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'Boston' }));
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Boston', otherAddress));
    const rows = await database.db
      .select()
      .from(emergencyAddresses)
      .where(eq(emergencyAddresses.isSiteDefault, true));
    expect(rows.map((row) => row.line1).sort()).toEqual(['1 Main St', '500 Howard St']);
  });

  it('names every missing part at once and changes nothing', async () => {
    const before = await state();
    expect(
      refusal(
        await setSiteDefaultAddress(deps, ADMIN, 'Main', { ...sampleAddress, city: '', postalCode: ' ' }),
      ),
    ).toEqual({ code: 'ADDRESS_INCOMPLETE', missing: ['city', 'postal code'] });
    expect(await state()).toEqual(before);
  });

  it('refuses an unknown country and an unknown site', async () => {
    expect(
      refusal(await setSiteDefaultAddress(deps, ADMIN, 'Main', { ...sampleAddress, country: 'XX' })),
    ).toEqual({
      code: 'ADDRESS_COUNTRY_INVALID',
      input: 'XX',
      suggestion: null,
    });
    expect(refusal(await setSiteDefaultAddress(deps, ADMIN, 'Atlantis', sampleAddress))).toMatchObject({
      code: 'SITE_NOT_FOUND',
      known: ['Main'],
    });
  });

  it('refuses a phone user who is not an admin, and audits the attempt', async () => {
    const before = await state();
    expect(refusal(await setSiteDefaultAddress(deps, asUser(bob), 'Main', sampleAddress))).toEqual(
      notAdmin('site address'),
    );
    expect(await state()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied.map((row) => [row.actor, row.targetId])).toEqual([[bob.slackUserId, 'site address']]);
  });
});

describe("a phone user's own emergency address", () => {
  it('gives a user an address of their own and audits it against the site default it replaces', async () => {
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    const change = unwrap(await setUserAddress(deps, ADMIN, refOf(bob), otherAddress));
    expect(change.before).toEqual({ address: { ...sampleAddress, line2: null }, siteDefault: true });
    expect(change.after).toEqual({ address: { ...otherAddress, country: 'US' }, siteDefault: false });
    expect(await addressOf(bob)).toEqual({ address: '500 Howard St', siteDefault: false });
    expect(await addressOf(carol)).toEqual({ address: '1 Main St', siteDefault: true });
    const [audit] = (await auditRows(database.db)).filter((row) => row.action === 'emergency_address.set');
    expect(audit).toMatchObject({
      targetType: 'user',
      targetLabel: bob.email,
      before: { address: '1 Main St, San Francisco, CA 94105, US', siteDefault: true },
      after: { address: '500 Howard St, Floor 3, San Francisco, CA 94105, US', siteDefault: false },
    });
    const [change2] = (await outbox(database.db)).filter(
      (c) => c.kind === 'phone_user.emergency_address_changed',
    );
    expect(change2?.payload).toMatchObject({
      user: { email: bob.email },
      address: { line1: '500 Howard St' },
    });
  });

  it('replaces the previous personal address rather than keeping both', async () => {
    unwrap(await setUserAddress(deps, ADMIN, refOf(bob), sampleAddress));
    unwrap(await setUserAddress(deps, ADMIN, refOf(bob), otherAddress));
    const rows = await database.db.select().from(emergencyAddresses);
    expect(rows.map((row) => [row.line1, row.phoneUserId])).toEqual([['500 Howard St', bob.phoneUserId]]);
  });

  it('bumps the settings version, so a form opened earlier sees the change', async () => {
    const before = await readSettings(database.db, bob.phoneUserId);
    unwrap(await setUserAddress(deps, ADMIN, refOf(bob), sampleAddress));
    expect((await readSettings(database.db, bob.phoneUserId)).version).toBe(before.version + 1);
  });

  it('refuses a missing city and changes nothing', async () => {
    const before = await state();
    expect(refusal(await setUserAddress(deps, ADMIN, refOf(bob), { ...sampleAddress, city: '' }))).toEqual({
      code: 'ADDRESS_INCOMPLETE',
      missing: ['city'],
    });
    expect(await state()).toEqual(before);
  });

  it('puts a user back on the site default, dropping their own address', async () => {
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    unwrap(await setUserAddress(deps, ADMIN, refOf(bob), otherAddress));
    const change = unwrap(await useSiteDefaultAddress(deps, ADMIN, refOf(bob)));
    expect(change.after).toEqual({ address: { ...sampleAddress, line2: null }, siteDefault: true });
    expect(await addressOf(bob)).toEqual({ address: '1 Main St', siteDefault: true });
    const rows = await database.db.select().from(emergencyAddresses);
    expect(rows.map((row) => row.line1)).toEqual(['1 Main St']);
    const changes = (await outbox(database.db)).filter(
      (c) => c.kind === 'phone_user.emergency_address_changed',
    );
    expect(changes.at(-1)?.payload).toMatchObject({ address: null });
  });

  it('refuses the site default when the site has none, or the user already uses it', async () => {
    unwrap(await setUserAddress(deps, ADMIN, refOf(bob), otherAddress));
    const before = await state();
    expect(refusal(await useSiteDefaultAddress(deps, ADMIN, refOf(bob)))).toEqual({
      code: 'SITE_NO_DEFAULT_ADDRESS',
      site: 'Main',
    });
    expect(await state()).toEqual(before);
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    expect(refusal(await useSiteDefaultAddress(deps, ADMIN, refOf(carol)))).toMatchObject({
      code: 'ADDRESS_ALREADY_SITE_DEFAULT',
      user: { email: carol.email },
      site: 'Main',
    });
  });
});

describe('a phone user managing their own emergency address', () => {
  it('refuses them until an admin allows it, and audits the refusal', async () => {
    const before = await state();
    expect(refusal(await setUserAddress(deps, asUser(bob), refOf(bob), sampleAddress))).toEqual({
      code: 'SELF_SERVICE_DENIED',
      setting: 'emergency address',
      reason: 'not_allowed_by_admin',
    });
    expect(await state()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied.map((row) => [row.actor, row.targetId])).toEqual([[bob.slackUserId, 'address']]);
  });

  it('lets them change it once allowed, and go back to the site default', async () => {
    unwrap(await setSiteDefaultAddress(deps, ADMIN, 'Main', sampleAddress));
    unwrap(await allowSelfManagedAddress(deps, ADMIN, refOf(bob), true));
    unwrap(await setUserAddress(deps, asUser(bob), refOf(bob), otherAddress));
    expect(await addressOf(bob)).toEqual({ address: '500 Howard St', siteDefault: false });
    unwrap(await useSiteDefaultAddress(deps, asUser(bob), refOf(bob)));
    expect(await addressOf(bob)).toEqual({ address: '1 Main St', siteDefault: true });
  });

  it("never lets them change someone else's address", async () => {
    unwrap(await allowSelfManagedAddress(deps, ADMIN, refOf(bob), true));
    expect(refusal(await setUserAddress(deps, asUser(bob), refOf(carol), sampleAddress))).toEqual({
      code: 'NOT_OWN_SETTINGS',
      command: 'address',
    });
  });

  it('keeps the switch itself for admins', async () => {
    unwrap(await allowSelfManagedAddress(deps, ADMIN, refOf(bob), true));
    expect(refusal(await allowSelfManagedAddress(deps, asUser(bob), refOf(bob), false))).toEqual(
      notAdmin('address allow-self'),
    );
    expect((await readSettings(database.db, bob.phoneUserId)).userManagesEmergencyAddress).toBe(true);
  });

  it('audits the switch before and after, and refuses setting it to what it already is', async () => {
    unwrap(await allowSelfManagedAddress(deps, ADMIN, refOf(bob), true));
    const [audit] = (await auditRows(database.db)).filter(
      (row) => row.action === 'emergency_address.self_service',
    );
    expect(audit).toMatchObject({
      targetLabel: bob.email,
      before: { userManagesEmergencyAddress: false },
      after: { userManagesEmergencyAddress: true },
    });
    expect(refusal(await allowSelfManagedAddress(deps, ADMIN, refOf(bob), true))).toMatchObject({
      code: 'ADDRESS_SELF_SERVICE_UNCHANGED',
      allowed: true,
    });
  });
});
