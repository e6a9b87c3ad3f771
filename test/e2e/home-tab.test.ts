import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { openHome } from '../support/home.ts';
import { mention, phoneCommands } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneChange, setupAccount, license } = phoneCommands(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

describe('the Home tab', () => {
  it('shows admins the account: licenses, users by site, plans, free numbers and the latest changes', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550104');
    await license([colleague(1), colleague(2)], 'plan:200');
    await phoneChange(`deactivate <@${colleague(2)}>`);
    const home = await openHome(sb, ADMIN_ID);
    expect(home).toContain('2 of 50 in use (48 free)');
    expect(home).toContain('1 active, 1 inactive');
    expect(home).toContain('5 free of 5 numbers');
    expect(home).toContain('• Main: 1 active, 1 inactive');
    expect(home).toContain('• US/CA Unlimited: 2 of 50 in use');
    expect(home).toContain(`${mention(ADMIN_ID)} deactivated the phone line of ${mention(colleague(2))}`);
    expect(home).toMatch(/• <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+ UTC>: <@/);
    expect(home).not.toContain('`user.deactivated`');
  });

  it('shows everyone else their own phone card', async () => {
    await setupAccount();
    await license([colleague(3)]);
    const home = await openHome(sb, colleague(3));
    expect(home).toContain('Your phone line');
    expect(home).toContain('*Extension*\n1000');
    expect(home).not.toContain('Licenses');
  });

  it('tells someone without a license how to get one', async () => {
    const home = await openHome(sb, colleague(4));
    expect(home).toContain('You are not a phone user yet');
  });
});
