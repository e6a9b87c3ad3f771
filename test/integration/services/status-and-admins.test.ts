import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema/index.ts';
import type { Result } from '../../../src/domain/result.ts';
import {
  addNumbers,
  addSite,
  removeInventoryNumber,
  reserveExtension,
  setPlanCount,
  setSiteCodes,
  unreserveExtension,
} from '../../../src/services/account.ts';
import type { Actor } from '../../../src/services/context.ts';
import {
  assignLicenses,
  licenseUsage,
  removeLicenses,
  setLicenseTotal,
} from '../../../src/services/licenses.ts';
import {
  addDirectoryUser,
  admins,
  bootstrapAdmins,
  grantAdmin,
  revokeAdmin,
} from '../../../src/services/people.ts';
import {
  addNumber,
  addPlan,
  changeExtension,
  moveSite,
  removeNumber,
  removePlan,
  setStatus,
} from '../../../src/services/phone-user-changes.ts';
import { findDirectoryUserByEmail } from '../../../src/store/directory.ts';
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
import {
  ADMIN,
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
  await prepareAccount(database.db, { planInventory: 5 });
});

const ada = { name: 'Person 1', email: 'person1@example.com', slackUserId: 'UP0001' };

describe('deactivating and activating a phone user', () => {
  it('keeps the license, extension, numbers and plans of a deactivated user, and gives them back active', async () => {
    const [card] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(card!), undefined));

    const off = unwrap(await setStatus(deps, ADMIN, refOf(card!), 'inactive'));
    expect(off.after).toMatchObject({
      status: 'inactive',
      extension: '1000',
      plans: [{ code: 3000, shortName: 'Pro' }],
      numbers: ['+14155550100'],
    });
    expect(unwrap(await licenseUsage(deps, ADMIN))).toMatchObject({ used: 1, active: 0, inactive: 1 });

    const on = unwrap(await setStatus(deps, ADMIN, refOf(card!), 'active'));
    expect(on.after).toEqual({ ...off.after, status: 'active' });
    const actions = (await auditRows(database.db)).map((row) => row.action);
    expect(actions.filter((a) => a.startsWith('user.'))).toEqual(['user.deactivated', 'user.activated']);
    const statuses = (await outbox(database.db))
      .filter((c) => c.kind === 'phone_user.status_changed')
      .map((c) => (c.payload as { status: string }).status);
    expect(statuses).toEqual(['inactive', 'active']);
  });

  it('refuses to deactivate a user twice, or to activate an active one', async () => {
    const [card] = await licensedPeople(deps, 1);
    unwrap(await setStatus(deps, ADMIN, refOf(card!), 'inactive'));
    expect(refusal(await setStatus(deps, ADMIN, refOf(card!), 'inactive'))).toEqual({
      code: 'STATUS_UNCHANGED',
      user: ada,
      status: 'inactive',
    });
    unwrap(await setStatus(deps, ADMIN, refOf(card!), 'active'));
    expect(refusal(await setStatus(deps, ADMIN, refOf(card!), 'active'))).toMatchObject({
      code: 'STATUS_UNCHANGED',
      status: 'active',
    });
  });
});

describe('admins', () => {
  it('grants admin rights and audits it', async () => {
    expect(unwrap(await grantAdmin(deps, ADMIN, 'UBOB'))).toEqual({ slackUserId: 'UBOB' });
    const list = unwrap(await admins(deps, ADMIN));
    expect(list.map((row) => [row.slackUserId, row.addedBy, row.fromConfig])).toEqual([
      [ADMIN.slackUserId, 'test', true],
      ['UBOB', ADMIN.slackUserId, false],
    ]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'admin.added');
    expect(audit.map((row) => [row.actor, row.targetId])).toEqual([[ADMIN.slackUserId, 'UBOB']]);
  });

  it('refuses to grant admin rights to an admin', async () => {
    expect(refusal(await grantAdmin(deps, ADMIN, ADMIN.slackUserId))).toEqual({
      code: 'ADMIN_EXISTS',
      slackUserId: ADMIN.slackUserId,
    });
  });

  it('revokes an admin, who is then refused', async () => {
    unwrap(await grantAdmin(deps, ADMIN, 'UBOB'));
    expect(unwrap(await revokeAdmin(deps, ADMIN, 'UBOB'))).toEqual({ slackUserId: 'UBOB' });
    expect(refusal(await grantAdmin(deps, { slackUserId: 'UBOB' }, 'UCY'))).toEqual(notAdmin('admins add'));
  });

  it('refuses to revoke someone who is not an admin', async () => {
    expect(refusal(await revokeAdmin(deps, ADMIN, 'UNOBODY'))).toEqual({
      code: 'ADMIN_NOT_FOUND',
      slackUserId: 'UNOBODY',
    });
  });

  it('refuses to revoke an admin named in the configuration', async () => {
    unwrap(await grantAdmin(deps, ADMIN, 'UBOB'));
    expect(refusal(await revokeAdmin(deps, { slackUserId: 'UBOB' }, ADMIN.slackUserId))).toEqual({
      code: 'ADMIN_FROM_CONFIG',
      slackUserId: ADMIN.slackUserId,
    });
  });

  it('refuses to revoke the last admin', async () => {
    const noConfig = makeDeps(database.db, { configAdmins: new Set() });
    expect(refusal(await revokeAdmin(noConfig, ADMIN, ADMIN.slackUserId))).toEqual({
      code: 'ADMIN_LAST',
      slackUserId: ADMIN.slackUserId,
    });
  });

  it('adds the configured admins that are missing at start-up, once, audited as the configuration', async () => {
    const boot = makeDeps(database.db, { configAdmins: new Set([ADMIN.slackUserId, 'UCONFIG2']) });
    expect(await bootstrapAdmins(boot)).toEqual(['UCONFIG2']);
    expect(await bootstrapAdmins(boot)).toEqual([]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'admin.added');
    expect(audit.map((row) => [row.actor, row.targetId])).toEqual([['config', 'UCONFIG2']]);
    unwrap(await grantAdmin(boot, { slackUserId: 'UCONFIG2' }, 'UBOB'));
  });
});

describe('adding a person to the directory', () => {
  const newUser = { email: 'dora@example.com', firstName: 'Dora', lastName: 'Dial' };

  it('adds a person the chat workspace does not know, with no chat account', async () => {
    const user = unwrap(await addDirectoryUser(deps, ADMIN, newUser));
    expect(user).toMatchObject({ ...newUser, slackUserId: null, timezone: null });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'directory_user.created');
    expect(audit.map((row) => row.targetLabel)).toEqual(['dora@example.com']);
    const licensed = unwrap(
      await assignLicenses(deps, ADMIN, {
        users: [{ kind: 'email', email: 'DORA@example.com', raw: 'DORA@example.com' }],
      }),
    );
    expect(licensed.assigned[0]?.email).toBe('dora@example.com');
  });

  it('links the chat account found by the same email', async () => {
    deps.profiles.add({
      slackUserId: 'UDORA',
      realName: 'Dora Dial',
      email: 'Dora@Example.com',
      timezone: 'Europe/Paris',
    });
    const user = unwrap(await addDirectoryUser(deps, ADMIN, newUser));
    expect(user).toMatchObject({ slackUserId: 'UDORA', timezone: 'Europe/Paris' });
  });

  it('refuses an invalid email, and an email already known in any case', async () => {
    expect(refusal(await addDirectoryUser(deps, ADMIN, { ...newUser, email: 'dora@example' }))).toEqual({
      code: 'EMAIL_INVALID',
      input: 'dora@example',
      problem: { kind: 'shape', reason: 'domain' },
    });
    unwrap(await addDirectoryUser(deps, ADMIN, newUser));
    expect(refusal(await addDirectoryUser(deps, ADMIN, { ...newUser, email: ' DORA@Example.COM ' }))).toEqual(
      {
        code: 'EMAIL_TAKEN',
        email: 'DORA@Example.COM',
      },
    );
  });

  it('refuses a blank or unprintable first or last name, naming the field', async () => {
    expect(refusal(await addDirectoryUser(deps, ADMIN, { ...newUser, firstName: '  ' }))).toEqual({
      code: 'NAME_INVALID',
      field: 'first name',
      input: '  ',
    });
    expect(refusal(await addDirectoryUser(deps, ADMIN, { ...newUser, lastName: '<script>' }))).toEqual({
      code: 'NAME_INVALID',
      field: 'last name',
      input: '<script>',
    });
    expect(await findDirectoryUserByEmail(database.db, newUser.email)).toBeUndefined();
  });
});

describe('the license total', () => {
  it('refuses a total below the licenses in use', async () => {
    await licensedPeople(deps, 2);
    expect(refusal(await setLicenseTotal(deps, ADMIN, '1'))).toEqual({
      code: 'LICENSE_TOTAL_BELOW_USED',
      requested: 1,
      used: 2,
    });
    expect(unwrap(await setLicenseTotal(deps, ADMIN, '2'))).toMatchObject({ total: 2, used: 2, free: 0 });
  });
});

describe('someone who is not an admin', () => {
  type Attempt = { action: string; run: (actor: Actor) => Promise<Result<unknown>> };
  const user = slackRef('UP0001');
  const attempts: Attempt[] = [
    { action: 'assign', run: (a) => assignLicenses(deps, a, { users: [slackRef('UP0002')] }) },
    { action: 'remove', run: (a) => removeLicenses(deps, a, [user]) },
    { action: 'licenses', run: (a) => setLicenseTotal(deps, a, '500') },
    { action: 'ext', run: (a) => changeExtension(deps, a, user, '4000') },
    { action: 'plan add', run: (a) => addPlan(deps, a, user, 'Global Select') },
    { action: 'plan remove', run: (a) => removePlan(deps, a, user, undefined) },
    { action: 'number add', run: (a) => addNumber(deps, a, user, '+14155550101') },
    { action: 'number remove', run: (a) => removeNumber(deps, a, user, undefined) },
    { action: 'deactivate', run: (a) => setStatus(deps, a, user, 'inactive') },
    { action: 'activate', run: (a) => setStatus(deps, a, user, 'active') },
    { action: 'move', run: (a) => moveSite(deps, a, user, 'Boston') },
    { action: 'site add', run: (a) => addSite(deps, a, { name: 'Denver' }) },
    { action: 'sitecodes', run: (a) => setSiteCodes(deps, a, true) },
    { action: 'numbers add', run: (a) => addNumbers(deps, a, { from: '+14155550200' }) },
    { action: 'numbers remove', run: (a) => removeInventoryNumber(deps, a, '+14155550101') },
    { action: 'plans set', run: (a) => setPlanCount(deps, a, 'Pro', '9') },
    { action: 'reserved add', run: (a) => reserveExtension(deps, a, '4444') },
    { action: 'reserved remove', run: (a) => unreserveExtension(deps, a, '911') },
    {
      action: 'user add',
      run: (a) => addDirectoryUser(deps, a, { email: 'x@example.com', firstName: 'X', lastName: 'Y' }),
    },
    { action: 'admins add', run: (a) => grantAdmin(deps, a, 'USTRANGER') },
    { action: 'admins remove', run: (a) => revokeAdmin(deps, a, ADMIN.slackUserId) },
  ];

  it.each(attempts)(
    'is refused $action, audited once as denied, and changes nothing',
    async ({ action, run }) => {
      seedPeople(deps.profiles, 2);
      unwrap(await assignLicenses(deps, ADMIN, { users: [slackRef('UP0001')], plan: 'Pro' }));
      unwrap(await addSite(deps, ADMIN, { name: 'Boston', code: '2' }));
      unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
      unwrap(await addNumber(deps, ADMIN, user, '+14155550100'));
      const before = await snapshotWithoutAudit(database.db);
      const auditBefore = (await auditRows(database.db)).length;

      expect(await run(STRANGER)).toEqual({ ok: false, error: notAdmin(action) });

      expect(await snapshotWithoutAudit(database.db)).toEqual(before);
      const audit = await auditRows(database.db);
      expect(audit.slice(auditBefore).map((row) => [row.actor, row.action, row.targetId])).toEqual([
        [STRANGER.slackUserId, 'denied', action],
      ]);
      const denied = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actor, STRANGER.slackUserId), eq(auditLog.action, 'denied')));
      expect(denied).toHaveLength(1);
    },
  );
});
