import { beforeEach, describe, expect, it } from 'vitest';
import { addSite } from '../../../src/services/account.ts';
import { removeLicenses } from '../../../src/services/licenses.ts';
import { addDirectoryUser } from '../../../src/services/people.ts';
import { addPlan, changeExtension, setStatus } from '../../../src/services/phone-user-changes.ts';
import { history, LIST_PAGE_SIZE, listPhoneUsers, myCard, showUser } from '../../../src/services/queries.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, refOf, refusal, unwrap } from '../../support/fixtures.ts';
import {
  ADMIN,
  emailRef,
  extRef,
  makeDeps,
  notAdmin,
  prepareAccount,
  STRANGER,
  seedPeople,
  slackRef,
} from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 50 });
});

describe('showing a user', () => {
  it("shows a phone user's card by mention, by extension and by email in any case", async () => {
    const [, bob] = await licensedPeople(deps, 2, { plan: 'Pro' });
    for (const ref of [slackRef('UP0002'), extRef('1001'), emailRef('PERSON2@Example.com')]) {
      const shown = unwrap(await showUser(deps, ADMIN, ref));
      expect(shown, ref.raw).toMatchObject({ kind: 'phone_user', card: bob });
    }
    expect(bob).toMatchObject({
      email: 'person2@example.com',
      firstName: 'Person',
      lastName: '2',
      site: 'Main',
      extension: '1001',
      status: 'active',
      plans: [{ code: 3000, shortName: 'Pro' }],
      numbers: [],
    });
  });

  it('says a known person holds no license instead of failing', async () => {
    const [ada] = await licensedPeople(deps, 1);
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada!)]));
    expect(unwrap(await showUser(deps, ADMIN, refOf(ada!)))).toEqual({
      kind: 'not_phone_user',
      person: { name: 'Person 1', email: 'person1@example.com', slackUserId: 'UP0001' },
    });
    unwrap(
      await addDirectoryUser(deps, ADMIN, { email: 'dora@example.com', firstName: 'Dora', lastName: 'Dial' }),
    );
    expect(unwrap(await showUser(deps, ADMIN, emailRef('dora@example.com')))).toEqual({
      kind: 'not_phone_user',
      person: { name: 'Dora Dial', email: 'dora@example.com', slackUserId: null },
    });
  });

  it('refuses an extension nobody holds, and a non-admin', async () => {
    expect(refusal(await showUser(deps, ADMIN, extRef('4321')))).toEqual({
      code: 'USER_NOT_FOUND',
      input: '4321',
    });
    expect(refusal(await showUser(deps, STRANGER, extRef('4321')))).toEqual(notAdmin('show'));
  });
});

describe('my card', () => {
  it('shows anyone their own card, admin or not', async () => {
    const [ada] = await licensedPeople(deps, 1);
    expect(unwrap(await myCard(deps, { slackUserId: 'UP0001' }))).toMatchObject({
      kind: 'phone_user',
      card: ada,
    });
  });

  it('tells someone without a license that they have none', async () => {
    expect(unwrap(await myCard(deps, STRANGER))).toEqual({
      kind: 'not_phone_user',
      person: { name: `<@${STRANGER.slackUserId}>`, email: '', slackUserId: STRANGER.slackUserId },
    });
  });
});

describe('listing phone users', () => {
  it('pages 20 users at a time and says where the next page starts', async () => {
    const all = await licensedPeople(deps, 25);
    const first = unwrap(await listPhoneUsers(deps, ADMIN, {}));
    expect(first.cards).toHaveLength(LIST_PAGE_SIZE);
    expect(first.nextAfter).toBe(first.cards.at(-1)?.phoneUserId);
    const second = unwrap(await listPhoneUsers(deps, ADMIN, {}, first.nextAfter));
    expect(second.cards).toHaveLength(5);
    expect(second.nextAfter).toBeUndefined();
    expect([...first.cards, ...second.cards].map((card) => card.extension)).toEqual(
      all.map((card) => card.extension),
    );
  });

  it('filters by site, status, plan and search text', async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'Boston', first: '2000' }));
    const [ada, bob] = await licensedPeople(deps, 3);
    const [cy] = await licensedPeople(deps, 1, { site: 'Boston', prefix: 'UB' });
    unwrap(await setStatus(deps, ADMIN, refOf(bob!), 'inactive'));
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'Pro'));
    unwrap(await addPlan(deps, ADMIN, refOf(cy!), 'Pro'));
    const emails = async (query: Parameters<typeof listPhoneUsers>[2]) =>
      unwrap(await listPhoneUsers(deps, ADMIN, query)).cards.map((card) => card.email);

    expect(await emails({ site: 'boston' })).toEqual(['ub.person1@example.com']);
    expect(await emails({ status: 'inactive' })).toEqual(['person2@example.com']);
    expect(await emails({ plan: 'pro' })).toEqual(['person1@example.com', 'ub.person1@example.com']);
    expect(await emails({ plan: 'Pro', site: 'Main' })).toEqual(['person1@example.com']);
    expect(await emails({ search: 'PERSON3' })).toEqual(['person3@example.com']);
    expect(await emails({ search: 'UB Person' })).toEqual(['ub.person1@example.com']);
    expect(await emails({ search: '2000' })).toEqual(['ub.person1@example.com']);
    // LIKE wildcards typed by an admin are plain text.
    expect(await emails({ search: 'person_' })).toEqual([]);
    expect(await emails({ search: '%' })).toEqual([]);
  });

  it('refuses an unknown site or plan, listing the known ones', async () => {
    expect(refusal(await listPhoneUsers(deps, ADMIN, { site: 'Atlantis' }))).toEqual({
      code: 'SITE_NOT_FOUND',
      input: 'Atlantis',
      known: ['Main'],
    });
    expect(refusal(await listPhoneUsers(deps, ADMIN, { plan: 'Platinum' }))).toMatchObject({
      code: 'PLAN_NOT_FOUND',
      input: 'Platinum',
    });
  });
});

describe('history', () => {
  it("lists a user's changes newest first, with the values before and after", async () => {
    const [ada] = await licensedPeople(deps, 2);
    deps.clock.advance(60_000);
    unwrap(await changeExtension(deps, ADMIN, refOf(ada!), '4000'));
    deps.clock.advance(60_000);
    unwrap(await setStatus(deps, ADMIN, refOf(ada!), 'inactive'));

    const result = unwrap(await history(deps, ADMIN, refOf(ada!)));
    expect(result.subject).toEqual({ name: 'Person 1', email: 'person1@example.com', slackUserId: 'UP0001' });
    expect(
      result.entries.map((entry) => [
        entry.action,
        entry.at.toISOString(),
        (entry.before as { extension?: string } | null)?.extension,
        (entry.after as { extension?: string; status?: string }).status,
      ]),
    ).toEqual([
      ['user.deactivated', '2026-11-25T09:02:00.000Z', '4000', 'inactive'],
      ['extension.changed', '2026-11-25T09:01:00.000Z', '1000', 'active'],
      ['license.assigned', '2026-11-25T09:00:00.000Z', undefined, 'active'],
      ['directory_user.created', '2026-11-25T09:00:00.000Z', undefined, undefined],
    ]);
    expect(result.entries[1]?.after).toMatchObject({ extension: '4000' });
  });

  it('finds the history by email and by extension, and keeps it after the license is gone', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const byExtension = unwrap(await history(deps, ADMIN, extRef('1000')));
    expect(byExtension.entries.map((entry) => entry.action)).toEqual([
      'license.assigned',
      'directory_user.created',
    ]);
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada!)]));
    const byEmail = unwrap(await history(deps, ADMIN, emailRef('Person1@example.com')));
    expect(byEmail.entries.map((entry) => entry.action)).toEqual([
      'license.removed',
      'license.assigned',
      'directory_user.created',
    ]);
  });

  it('names the person each entry is about, and pages back without cutting a request in two', async () => {
    const [ada] = await licensedPeople(deps, 1);
    for (let i = 1; i <= 19; i++) unwrap(await changeExtension(deps, ADMIN, refOf(ada!), String(4000 + i)));

    const first = unwrap(await history(deps, ADMIN, refOf(ada!)));
    expect(first.more).toBe(true);
    expect(first.entries.map((entry) => entry.action)).toEqual(Array(19).fill('extension.changed'));
    expect(first.entries[0]?.target).toEqual({
      name: 'Person 1',
      email: 'person1@example.com',
      slackUserId: 'UP0001',
    });

    const oldest = Math.min(...first.entries.map((entry) => entry.id));
    const second = unwrap(await history(deps, ADMIN, refOf(ada!), oldest));
    expect(second.more).toBe(false);
    expect(second.entries.map((entry) => entry.action)).toEqual([
      'license.assigned',
      'directory_user.created',
    ]);
    expect(new Set(second.entries.map((entry) => entry.requestId)).size).toBe(1);
  });

  it('shows an empty history for someone never seen', async () => {
    const [ghost] = seedPeople(deps.profiles, 1);
    const result = unwrap(await history(deps, ADMIN, slackRef(ghost!.slackUserId)));
    expect(result.entries).toEqual([]);
  });
});
