import { beforeEach, describe, expect, it } from 'vitest';
import { assignLicenses } from '../../../src/services/licenses.ts';
import { changeExtension } from '../../../src/services/phone-user-changes.ts';
import { useTestDatabase } from '../../support/database.ts';
import { auditRows, licensedPeople, outbox, refOf, refusal, unwrap } from '../../support/fixtures.ts';
import { ADMIN, extRef, makeDeps, prepareAccount, seedPeople, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

describe('changing an extension', () => {
  let deps: ReturnType<typeof makeDeps>;
  beforeEach(async () => {
    deps = makeDeps(database.db);
    await prepareAccount(database.db);
  });

  it('refuses an extension held by someone else, naming the holder and the nearest free ones', async () => {
    const [ada] = await licensedPeople(deps, 3);
    const result = await changeExtension(deps, ADMIN, refOf(ada!), '1001');
    expect(refusal(result)).toEqual({
      code: 'EXTENSION_TAKEN',
      extension: '1001',
      holder: { name: 'Person 2', email: 'person2@example.com', slackUserId: 'UP0002' },
      suggestions: ['1003', '1004', '1005'],
    });
  });

  it('refuses a reserved extension and suggests the nearest free ones', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const result = await changeExtension(deps, ADMIN, refOf(ada!), '911');
    expect(refusal(result)).toEqual({
      code: 'EXTENSION_RESERVED',
      extension: '911',
      suggestions: ['910', '912', '909'],
    });
  });

  it('refuses an extension that is too long, too short or not all digits, saying how many digits fit', async () => {
    const [ada] = await licensedPeople(deps, 1);
    for (const input of ['1234567', '1', '12a4', '10-00']) {
      const result = await changeExtension(deps, ADMIN, refOf(ada!), input);
      expect(refusal(result), input).toEqual({
        code: 'EXTENSION_INVALID',
        input,
        minDigits: 2,
        maxDigits: 6,
        siteCodes: false,
      });
    }
  });

  it('refuses the extension the user already has', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const result = await changeExtension(deps, ADMIN, refOf(ada!), '1000');
    expect(refusal(result)).toEqual({ code: 'EXTENSION_UNCHANGED', extension: '1000' });
  });

  it('gives a free extension, audits the old and new one and frees the old one', async () => {
    const [ada] = await licensedPeople(deps, 2);
    const changed = unwrap(await changeExtension(deps, ADMIN, refOf(ada!), ' 4000 '));
    expect(changed.before.extension).toBe('1000');
    expect(changed.after).toMatchObject({ extension: '4000', shortExtension: '4000' });

    const audit = (await auditRows(database.db)).filter((row) => row.action === 'extension.changed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: ADMIN.slackUserId,
      targetType: 'user',
      targetId: String(ada!.directoryUserId),
      targetLabel: 'person1@example.com',
      before: expect.objectContaining({ extension: '1000', site: 'Main' }),
      after: expect.objectContaining({ extension: '4000', site: 'Main' }),
    });
    const changes = (await outbox(database.db)).filter((c) => c.kind === 'phone_user.extension_changed');
    expect(changes.map((c) => c.payload)).toEqual([expect.objectContaining({ from: '1000', to: '4000' })]);

    const cy = deps.profiles.add({ slackUserId: 'UCY', realName: 'Cy Young' });
    const next = unwrap(await assignLicenses(deps, ADMIN, { users: [slackRef(cy.slackUserId)] }));
    expect(next.assigned[0]?.extension).toBe('1000');
  });

  it('finds the user by their current extension', async () => {
    await licensedPeople(deps, 1);
    const changed = unwrap(await changeExtension(deps, ADMIN, extRef('1000'), '2000'));
    expect(changed.after.email).toBe('person1@example.com');
    expect(changed.after.extension).toBe('2000');
  });

  it('refuses someone who holds no license', async () => {
    const [ada] = seedPeople(deps.profiles, 1);
    const result = await changeExtension(deps, ADMIN, slackRef(ada!.slackUserId), '2000');
    expect(refusal(result).code).toBe('NOT_A_PHONE_USER');
  });
});
