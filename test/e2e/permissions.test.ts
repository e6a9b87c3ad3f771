import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, deniedAttempts, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, busyAccount, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1])).toEqual([]);
});

/** `/phone <text>` as typed, and the command the refusal names (which is also what the audit log records). */
const changes: [text: string, command: string][] = [
  [`assign <@${colleague(2)}>`, 'assign'],
  [`remove <@${C1}>`, 'remove'],
  [`ext <@${C1}> 4102`, 'ext'],
  [`plan add <@${C1}> 100`, 'plan add'],
  [`plan remove <@${C1}>`, 'plan remove'],
  [`number add <@${C1}>`, 'number add'],
  [`number remove <@${C1}>`, 'number remove'],
  [`move <@${C1}> site:Boston`, 'move'],
  [`deactivate <@${C1}>`, 'deactivate'],
  [`activate <@${C1}>`, 'activate'],
  ['user add nora@example.com Nora Newbie', 'user add'],
  ['licenses 500', 'licenses'],
  ['site add Denver code:3', 'site add'],
  ['site edit Main code:1', 'site edit'],
  ['sitecodes on', 'sitecodes'],
  ['numbers add +14155550199', 'numbers add'],
  ['numbers remove +14155550101', 'numbers remove'],
  ['plans set 200 100', 'plans set'],
  ['reserved add 4000', 'reserved add'],
  ['reserved remove 911', 'reserved remove'],
  [`admins add <@${MALLORY}>`, 'admins add'],
  ['admins add mallory@example.com', 'admins add'],
  [`admins remove <@${ADMIN_ID}>`, 'admins remove'],
  ['admins remove 1000', 'admins remove'],
];

const lookups: [text: string, command: string][] = [
  [`show <@${C1}>`, 'show'],
  ['list', 'list'],
  [`history <@${C1}>`, 'history'],
  ['history recent', 'history'],
  ['licenses', 'licenses'],
  ['sites', 'sites'],
  ['numbers free', 'numbers'],
  ['plans', 'plans'],
  ['reserved', 'reserved'],
  ['admins', 'admins'],
];

describe('a non-admin', () => {
  it.each(changes)('is refused `/phone %s`, changes nothing and is audited', async (text, command) => {
    await busyAccount();
    const before = await accountState(sb.app.deps.db);
    const reply = await phoneReply(text, MALLORY);
    expect(reply).toBe(
      `:warning: Only phone admins can use \`/phone ${command}\`. Ask <@${ADMIN_ID}> if you need access. Anyone can use \`/phone me\` and \`/phone help\`.`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command }]);
  });

  it('is told the phone admins by name, the first five and how many more', async () => {
    await setupAccount();
    await phoneChange(`admins add <@${colleague(2)}>`);
    expect(await phoneReply('sites', MALLORY)).toBe(
      `:warning: Only phone admins can use \`/phone sites\`. Ask <@${ADMIN_ID}> or <@${colleague(2)}> if you need access. Anyone can use \`/phone me\` and \`/phone help\`.`,
    );
    for (const i of [3, 4, 5, 6, 7]) await phoneChange(`admins add <@${colleague(i)}>`);
    const named = [ADMIN_ID, 2, 3, 4, 5].map((i) => `<@${typeof i === 'number' ? colleague(i) : i}>`);
    expect(await phoneReply(`show <@${C1}>`, MALLORY)).toBe(
      `:warning: Only phone admins can use \`/phone show\`. Ask ${named.join(', ')} or one of 2 more if you need access. Anyone can use \`/phone me\` and \`/phone help\`.`,
    );
  });

  it('is refused every lookup reserved to admins, and each attempt is audited', async () => {
    await setupAccount();
    await license([C1]);
    for (const [text, command] of lookups) {
      expect(await phoneReply(text, MALLORY), text).toContain(
        `Only phone admins can use \`/phone ${command}\``,
      );
    }
    expect(await deniedAttempts(sb.app.deps.db)).toEqual(
      lookups.map(([, command]) => ({ actor: MALLORY, command })),
    );
  });

  it('can read the help and their own card, and nothing is recorded as denied', async () => {
    await busyAccount();
    const help = await phoneReply('help', MALLORY);
    expect(help).toContain('*Switchboard: manage phone users with `/phone`*');
    expect(help).toContain('`/phone hours &lt;user&gt;');
    expect(help).not.toContain('`/phone assign');
    expect(help).not.toContain('*Account*');
    const oneCommand = await phoneReply('help assign', MALLORY);
    expect(oneCommand).toContain('Who: admins.');
    expect(await phoneReply('me', MALLORY)).toContain('You are not a phone user yet');
    await license([MALLORY]);
    expect(await phoneReply('me', MALLORY)).toContain('*Extension*\n1001');
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([]);
  });

  it('is told what is wrong with a command they mistype, before anything is checked', async () => {
    const reply = await phone('frobnicate', MALLORY);
    expect(reply.where).toBe('ephemeral');
    expect(reply.text).toContain('Unknown command `frobnicate`.');
  });
});
