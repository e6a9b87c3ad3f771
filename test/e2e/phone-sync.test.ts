import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryUsers, phoneSync } from '../../db/schema/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { mention, phoneCommands } from '../support/phone.ts';
import { InMemoryPhoneSystem } from '../support/phone-system.ts';

/** The app started with a phone system reconciles, in the background, each person a command changed. */
const phoneSystem = new InMemoryPhoneSystem();
const sb = useSwitchboard({ phoneSystem });
const { phone, phoneChange, setupAccount, license, clickOn, directMessage } = phoneCommands(sb);
const C1 = colleague(1);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const syncOf = async (email: string) => {
  const db = sb.app.deps.db;
  const [person] = await db.select().from(directoryUsers).where(eq(directoryUsers.email, email));
  if (!person) return undefined;
  return (await db.select().from(phoneSync).where(eq(phoneSync.directoryUserId, person.id)))[0];
};

describe('the phone system kept in step with what admins change in Slack', () => {
  it('gives a licensed colleague their line, then changes it and takes it away as the admin does', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const email = 'colleague1@example.com';
    await sb.app.sync?.idle();
    expect(await syncOf(email)).toMatchObject({ state: 'in_sync' });
    expect(phoneSystem.users.get(email)?.line).toMatchObject({ status: 'active', extension: '1000' });
    expect(phoneSystem.users.get(email)?.line?.plans.map((plan) => plan.code)).toEqual([200]);

    await phoneChange(`ext ${mention(C1)} 1500`);
    await sb.app.sync?.idle();
    expect(phoneSystem.users.get(email)?.line?.extension).toBe('1500');

    const prompt = await phone(`remove ${mention(C1)}`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm)).toBe('Removed 1 phone license.');
    // What the app posts after the reply, so that nothing is still on its way when the test ends.
    await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((text) => text.includes('removed the phone license')),
    );
    await directMessage(C1, 'license was removed');
    await sb.app.sync?.idle();
    expect(phoneSystem.users.get(email)?.line).toBeNull();
    expect(await syncOf(email)).toMatchObject({ state: 'in_sync' });
    expect(phoneSystem.writesFor(email).map((write) => write.op)).toEqual(['create', 'update', 'remove']);
  });
});
