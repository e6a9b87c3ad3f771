import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, type Reply, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, license, directMessage, clickOn } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const pageMate = (i: number) => `UPAGE${String(i).padStart(5, '0')}`;
const PAGE_MATES = Array.from({ length: 25 }, (_, i) => pageMate(i + 1));

beforeAll(() => {
  for (const [i, id] of PAGE_MATES.entries()) {
    sb.slack.addUser({
      id,
      name: `pagemate${i + 1}`,
      realName: `Page Mate${i + 1}`,
      email: `pagemate${i + 1}@example.com`,
    });
  }
});

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, colleague(1), colleague(2)])).toEqual([]);
});

describe('/phone licenses', () => {
  it('shows how many licenses are in use, owned and free, to the caller only', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)]);
    expect(await phoneReply('licenses')).toBe(
      '*Phone licenses*\n2 of 50 phone licenses in use (2 active, 0 inactive); 48 free.',
    );
  });

  it('sets the purchased total and tells the channel who did it', async () => {
    expect(await phoneChange('licenses 250')).toBe(
      `${mention(ADMIN_ID)} set the purchased license total to *250*.\n0 of 250 phone licenses in use (0 active, 0 inactive); 250 free.`,
    );
    expect((await accountState(sb.app.deps.db)).account[0]?.licensesTotal).toBe(250);
  });

  it('refuses a total below the licenses in use and says the lowest it can be', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)]);
    expect(await phoneReply('licenses 1')).toContain(
      'The total cannot be 1: 2 licenses are in use. Remove licenses first, or set a total of at least 2.',
    );
    expect((await accountState(sb.app.deps.db)).account[0]?.licensesTotal).toBe(50);
  });

  it('refuses a total that is not a whole number', async () => {
    expect(await phoneReply('licenses lots')).toContain(
      '`lots` is not a license count. Give a whole number, e.g. `/phone licenses 250`.',
    );
    expect(await phoneReply('licenses -5')).toContain('`-5` is not a license count.');
    expect((await accountState(sb.app.deps.db)).account[0]?.licensesTotal).toBe(0);
  });
});

describe('/phone assign', () => {
  it('finds people by plain email and by the mailto link Slack sends, and DMs each of them', async () => {
    await setupAccount();
    const posted = await phoneChange(
      `assign colleague3@example.com <mailto:colleague4@example.com|colleague4@example.com>`,
    );
    expect(posted).toContain(`${mention(ADMIN_ID)} gave phone licenses to 2 people in Main:`);
    expect(posted).toContain(`${mention(colleague(3))}: extension *1000*`);
    expect(posted).toContain(`${mention(colleague(4))}: extension *1001*`);
    expect(await directMessage(colleague(4), 'phone line')).toContain('extension *1001* at site Main');
  });

  it('refuses someone who already has a license, named by extension, and assigns nobody', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`assign <@${colleague(2)}> 1000`)).toContain(
      `Nothing was assigned: ${mention(colleague(1))} (ext 1000) already has a phone license. Leave them out and try again.`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('assigns into the site and with the calling plan given as options', async () => {
    await setupAccount();
    await phoneChange('site add Boston first:2000');
    const posted = await license([colleague(1), colleague(2)], 'site:Boston plan:"US/CA Unlimited"');
    expect(posted).toContain('gave phone licenses to 2 people in Boston with US/CA Unlimited:');
    expect(posted).toContain(`${mention(colleague(1))}: extension *2000*`);
    expect(posted).toContain(`${mention(colleague(2))}: extension *2001*`);
    const card = await phoneReply('show 2001');
    expect(card).toContain('*Site*\nBoston');
    expect(card).toContain('*Calling plans*\nUS/CA Unlimited');
  });

  it('refuses an unknown site and lists the sites there are', async () => {
    await setupAccount();
    expect(await phoneReply(`assign <@${colleague(1)}> site:Atlantis`)).toContain(
      'There is no site called `Atlantis`. Sites: `Main`. Add one with `/phone site add &lt;name&gt;`.',
    );
  });

  it('refuses an unknown calling plan', async () => {
    await setupAccount();
    expect(await phoneReply(`assign <@${colleague(1)}> plan:Galactic`)).toContain(
      'There is no calling plan `Galactic`. Use a code, short or long name from `/phone plans`',
    );
  });

  it('refuses a plan the account owns none of, and says how to raise the count', async () => {
    await setupAccount();
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`assign <@${colleague(1)}> plan:"Global Select"`)).toContain(
      'Not enough Global Select plans: 0 of 0 are in use and this needs 1. Raise the count with `/phone plans set Global Select 1` once more are bought.',
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('refuses 101 people at once and points to a CSV import', async () => {
    await phoneChange('licenses 500');
    const people = Array.from({ length: 101 }, (_, i) => `person${i + 1}@example.com`).join(' ');
    expect(await phoneReply(`assign ${people}`)).toContain(
      'That names 101 people; one command handles at most 100. Split the list, or use a CSV import for larger batches.',
    );
    expect(sb.slack.apiCalls('users.lookupByEmail')).toEqual([]);
  });

  it('refuses a bot, since only people hold licenses', async () => {
    await setupAccount();
    expect(await phoneReply(`assign <@${colleague(1)}> <@UBOTUSER01>`)).toContain(
      '<@UBOTUSER01> is a bot; only people can hold phone licenses.',
    );
    expect((await accountState(sb.app.deps.db)).users).toEqual([]);
  });

  it('refuses a Slack profile without an email and says how to add the person instead', async () => {
    await setupAccount();
    expect(await phoneReply('assign <@UNOEMAIL01>')).toContain(
      'The profile of <@UNOEMAIL01> has no email, which the directory needs. Add them with `/phone user add &lt;email&gt; &lt;first&gt; &lt;last&gt;` instead.',
    );
  });

  it('refuses an email nobody has and a mention of someone not in the workspace', async () => {
    await setupAccount();
    expect(await phoneReply('assign nobody@example.com')).toContain('Nobody matches `nobody@example.com`.');
    expect(await phoneReply('assign <@UGONE00001>')).toContain(
      '<@UGONE00001> is not an active member of this workspace',
    );
  });
});

describe('/phone user add', () => {
  it('adds a person who is not in Slack to the directory, ready to be assigned by email', async () => {
    await setupAccount();
    expect(await phoneChange('user add nora@example.com Nora "van Newbie"')).toBe(
      `${mention(ADMIN_ID)} added Nora van Newbie (nora@example.com) to the directory. Give them a phone license with \`/phone assign nora@example.com\`.`,
    );
    expect(await phoneChange('assign nora@example.com')).toContain(
      'Nora van Newbie (nora@example.com): extension *1000*',
    );
  });

  it('links the Slack account that has the same email', async () => {
    expect(await phoneChange('user add colleague5@example.com Colleague Five')).toContain(
      `(Slack: ${mention(colleague(5))})`,
    );
  });

  it('refuses something that is not an email', async () => {
    expect(await phoneReply('user add nora-at-example Nora Newbie')).toContain(
      '`nora-at-example` is not an email address.',
    );
    expect((await accountState(sb.app.deps.db)).people).toEqual([]);
  });

  it('refuses an email already in the directory, whatever its case', async () => {
    await phoneChange('user add nora@example.com Nora Newbie');
    expect(await phoneReply('user add NORA@example.com Nora Other')).toContain(
      '`NORA@example.com` is already in the directory (emails ignore case).',
    );
    expect((await accountState(sb.app.deps.db)).people).toHaveLength(1);
  });
});

describe('/phone me', () => {
  it('tells a non-admin without a license that they are not a phone user yet', async () => {
    expect(await phoneReply('me', MALLORY)).toBe(
      'You are not a phone user yet: you have no phone license. Ask a phone admin to run `/phone assign` for you.',
    );
  });

  it('shows a non-admin with a license their own card', async () => {
    await setupAccount();
    await license([MALLORY], 'plan:200');
    const card = await phoneReply('me', MALLORY);
    expect(card).toContain('Mallory Jones');
    expect(card).toContain('*Extension*\n1000');
    expect(card).toContain('*Email*\nmallory@example.com');
    expect(card).toContain('*Calling plans*\nUS/CA Unlimited');
    expect(card).toContain('Time zone: America/Chicago');
  });
});

describe('/phone show', () => {
  it('shows the card of a phone user named by mention, email or extension', async () => {
    await setupAccount();
    await license([colleague(1)]);
    for (const ref of [`<@${colleague(1)}|colleague1>`, 'colleague1@example.com', '1000']) {
      const card = await phoneReply(`show ${ref}`);
      expect(card).toContain('Colleague 1 Smith');
      expect(card).toContain('*Site*\nMain');
      expect(card).toContain('*Status*\nActive');
      expect(card).toContain('*Numbers*\nNone');
      expect(card).toContain('*Calling plans*\nNone (internal calls only)');
    }
  });

  it('says when a person has no license, and when nobody has an extension', async () => {
    await setupAccount();
    expect(await phoneReply(`show <@${colleague(4)}>`)).toContain(
      `${mention(colleague(4))} is not a phone user: they have no phone license.`,
    );
    expect(await phoneReply('show 4321')).toContain('Nobody matches `4321`.');
  });
});

describe('/phone list', () => {
  it('lists phone users filtered by site, status, plan and text', async () => {
    await setupAccount();
    await phoneChange('site add Boston');
    await license([colleague(1)], 'plan:200');
    await license([colleague(2)], 'site:Boston');
    await license([colleague(3)]);
    await phoneChange(`deactivate <@${colleague(3)}>`);

    const all = await phoneReply('list');
    expect(all).toContain(`• ${mention(colleague(1))}: ext 1000 · Main · US/CA Unlimited`);
    expect(all).toContain(`• ${mention(colleague(2))}: ext 1001 · Boston`);
    expect(all).toContain(`• ${mention(colleague(3))}: ext 1002 · Main · _inactive_`);

    const boston = await phoneReply('list site:Boston');
    expect(boston).toContain('*Phone users (site Boston)*');
    expect(boston).not.toContain(mention(colleague(1)));
    expect(boston).toContain(mention(colleague(2)));

    const inactive = await phoneReply('list status:inactive');
    expect(inactive.match(/^• /gm)).toHaveLength(1);
    expect(inactive).toContain(mention(colleague(3)));

    const unlimited = await phoneReply('list plan:"US/CA Unlimited"');
    expect(unlimited.match(/^• /gm)).toHaveLength(1);
    expect(unlimited).toContain(mention(colleague(1)));

    const text = await phoneReply('list colleague2');
    expect(text).toContain('matching “colleague2”');
    expect(text.match(/^• /gm)).toHaveLength(1);

    expect(await phoneReply('list site:Atlantis')).toContain('There is no site called `Atlantis`.');
    expect(await phoneReply('list status:asleep')).toContain('`status:` is `active` or `inactive`');
  });

  it('shows 20 people with a Next button that replaces the page with the rest', async () => {
    await phoneChange('licenses 30');
    await license(PAGE_MATES);
    const first = await phone('list');
    expect(first.where).toBe('ephemeral');
    expect(first.text.match(/^• /gm)).toHaveLength(20);
    expect(first.text).toContain(`• ${mention(pageMate(20))}: ext 1019`);
    expect(first.text).not.toContain(mention(pageMate(21)));
    expect(first.text).toContain('Next');

    const second = await clickOn(first, ACTIONS.listNext);
    expect(second.match(/^• /gm)).toHaveLength(5);
    expect(second).toContain(`• ${mention(pageMate(21))}: ext 1020`);
    expect(second).toContain(`• ${mention(pageMate(25))}: ext 1024`);
    expect(second).not.toContain(mention(pageMate(20)));
    expect(second).not.toContain('Next');
    expect(sb.slack.ephemerals(ADMIN_ID, CHANNEL)).toHaveLength(1);
  });

  it('says so when nobody matches', async () => {
    expect(await phoneReply('list')).toBe('No phone users.');
  });
});

describe('/phone history', () => {
  it("tells a person's changes in sentences, newest first, and never the voicemail PIN", async () => {
    await setupAccount();
    await phoneChange('plans set "US/CA Metered" 5');
    await license([colleague(1)]);
    await phoneChange(`ext <@${colleague(1)}> 1234`);
    await phoneChange(`plan add <@${colleague(1)}> US/CA Metered`);
    await phoneChange(`set <@${colleague(1)}> pin=4444`);
    const history = await phoneReply(`history <@${colleague(1)}>`);
    const who = mention(colleague(1));
    expect(history).toContain(`*History of ${who}*`);
    const pin = history.indexOf(`• changed the voicemail PIN of ${who}`);
    const plan = history.indexOf(`• gave ${who} the calling plan \`US/CA Metered\``);
    const extension = history.indexOf(`• changed the extension of ${who} from \`1000\` to \`1234\``);
    expect(pin).toBeGreaterThan(-1);
    expect([pin, plan, extension].every((at, i, all) => at > (all[i - 1] ?? -1))).toBe(true);
    expect(history).toMatch(
      /\*<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>\* · <@/,
    );
    expect(history).toContain(`· ${mention(ADMIN_ID)}`);
    expect(history).not.toContain('4444');
    expect(history).not.toContain('hidden');
    expect(history).not.toContain('{"');
  });

  it('groups the changes one request made under its time and who made it', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const reply = await phone(`history <@${colleague(1)}>`);
    const sections = sectionsOf(reply);
    const who = mention(colleague(1));
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain(`• gave ${who} a phone license: extension \`1000\` at \`Main\``);
    expect(sections[1]).toContain(`• added ${who} to the directory`);
    expect(sections[1]?.match(/<!date\^/g)).toHaveLength(1);
  });

  it('says when a person has no recorded changes', async () => {
    expect(await phoneReply(`history <@${colleague(7)}>`)).toContain('No changes recorded.');
  });

  it('shows the latest changes across the account', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const recent = await phoneReply('history recent');
    expect(recent).toContain('*Recent changes*');
    const lines = recent.split('\n').filter((line) => line.startsWith('• '));
    expect(lines.slice(0, 4)).toEqual([
      `• gave ${mention(colleague(1))} a phone license: extension \`1000\` at \`Main\``,
      `• added ${mention(colleague(1))} to the directory`,
      '• set the count of US/CA Unlimited licenses from `0` to `50`',
      expect.stringMatching(/^• set the purchased license total from `\d+` to `50`$/),
    ]);
  });

  it('pages back with More, keeping the changes of one request together', async () => {
    await setupAccount();
    await license([colleague(1)]);
    for (let i = 1; i <= 19; i++) await phoneChange(`ext <@${colleague(1)}> ${1100 + i}`);
    const first = await phone(`history <@${colleague(1)}>`);
    expect(first.text.match(/• changed the extension/g)).toHaveLength(19);
    expect(first.text).toContain('from `1118` to `1119`');
    expect(first.text).not.toContain('a phone license');
    expect(first.text).toContain('More');

    const second = await clickOn(first, ACTIONS.historyMore);
    expect(second).toContain(`*History of ${mention(colleague(1))}*`);
    expect(second).toContain(`• gave ${mention(colleague(1))} a phone license`);
    expect(second).toContain(`• added ${mention(colleague(1))} to the directory`);
    expect(second).not.toContain('changed the extension');
    expect(second).not.toContain('More');
    expect(sb.slack.ephemerals(ADMIN_ID, CHANNEL)).toHaveLength(1);
  });
});

/** The sections of a reply under its title: one per request. */
function sectionsOf(reply: Reply): string[] {
  const blocks = (reply.message as { blocks?: { type: string; text?: { text: string } }[] }).blocks ?? [];
  return blocks.filter((block) => block.type === 'section').map((block) => block.text?.text ?? '');
}
