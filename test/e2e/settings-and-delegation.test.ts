import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditLog,
  blockedNumbers,
  changeOutbox,
  delegations,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
} from '../../db/schema/index.ts';
import type { Ephemeral } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import {
  accountState,
  deniedAttempts,
  mention,
  phoneCommands,
  type Reply,
  unreadableMarkup,
} from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, ownChange, setupAccount, license, directMessage } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const by = mention(ADMIN_ID);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1, C2, C3])).toEqual([]);
});

/** Everything a refused command could change: the account, settings, blocked lists and delegations. */
async function snapshot() {
  const db = sb.app.deps.db;
  return {
    account: await accountState(db),
    settings: await db.select().from(phoneUserSettings).orderBy(asc(phoneUserSettings.phoneUserId)),
    blocked: await db.select().from(blockedNumbers).orderBy(asc(blockedNumbers.value)),
    delegations: await db.select().from(delegations).orderBy(asc(delegations.assistantId)),
  };
}

async function settingsOf(slackUserId: string) {
  const [row] = await sb.app.deps.db
    .select({ settings: phoneUserSettings, directoryUserId: directoryUsers.id })
    .from(phoneUserSettings)
    .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(directoryUsers.slackUserId, slackUserId));
  if (!row) throw new Error(`${slackUserId} is not a phone user`);
  return row;
}

/** Colleagues 1, 2 and 3 with US/CA Unlimited: extensions 1000, 1001, 1002, numbers +1415555010[0-2]. */
async function threePhoneUsers() {
  await setupAccount();
  await phoneChange('numbers add +14155550100..+14155550109');
  await license([C1, C2, C3], 'plan:200');
  for (const id of [C1, C2, C3]) await phoneChange(`number add <@${id}>`);
}

/** Every place a PIN must never be: channel posts, direct messages, the audit log and the change outbox. */
async function everywhereButEphemerals(): Promise<string> {
  const db = sb.app.deps.db;
  const people = [ADMIN_ID, MALLORY, C1, C2, C3];
  return JSON.stringify({
    // What people read, without timestamps, whose digits could hold a PIN by chance.
    channel: sb.slack.messages(CHANNEL).map(({ text, blocks }) => ({ text, blocks })),
    dms: people.map((id) =>
      sb.slack.messages(sb.slack.dmChannel(id)).map(({ text, blocks }) => ({ text, blocks })),
    ),
    // Without the random request ids: a UUID may hold any run of digits, a PIN among them.
    audit: (await db.select().from(auditLog)).map(({ requestId: _id, ...row }) => row),
    outbox: (await db.select().from(changeOutbox)).map(({ requestId: _id, ...row }) => row),
  });
}

/** Clicks Show PIN on a card and returns the new reply only the clicker sees. */
async function showPin(card: Reply, user: string, value?: string): Promise<string> {
  const before = sb.slack.ephemerals(user, CHANNEL).length;
  const ack = await sb.slack.click({
    user,
    actionId: ACTIONS.showPin,
    message: { ephemeralId: (card.message as Ephemeral).id },
    ...(value === undefined ? {} : { value }),
  });
  expect(ack.status).toBe(200);
  const reply = await sb.slack.waitFor(() => sb.slack.ephemerals(user, CHANNEL)[before]);
  return visibleText(reply);
}

describe('/phone set', () => {
  it('changes several settings at once and says what changed', async () => {
    await threePhoneUsers();
    expect(
      await phoneChange(
        `set <@${C1}> language=EN-gb area-code=415 caller-id=+14155550100 ring-mode=sequential`,
      ),
    ).toBe(
      `${by} changed the audio prompt language to \`en-GB\`, the area code to \`415\`, the caller ID to \`+14155550100\` and the ring mode to *sequential* for ${mention(C1)}.`,
    );
    expect((await settingsOf(C1)).settings).toMatchObject({
      language: 'en-GB',
      areaCode: '415',
      callerId: { kind: 'number', number: '+14155550100' },
      ringMode: 'sequential',
    });
    const card = await phoneReply(`show <@${C1}>`);
    expect(card).toContain('*Caller ID*\n+14155550100');
    expect(card).toContain('*Area code*\n415');
    expect(card).toContain('*Audio prompts*\nen-GB');
  });

  it('reads a caller ID typed with spaces and brackets, and a blocked number typed the same way', async () => {
    await threePhoneUsers();
    expect(await phoneChange(`set <@${C1}> caller-id=+1 (415) 555-0100 area-code=415`)).toBe(
      `${by} changed the caller ID to \`+14155550100\` and the area code to \`415\` for ${mention(C1)}.`,
    );
    expect(await phoneChange(`block add <@${C1}> +44 20 7946 0958`)).toContain('`+442079460958`');
  });

  it('sets unanswered and closed-hours handling, and hides the caller ID', async () => {
    await threePhoneUsers();
    expect(await phoneChange(`set <@${C1}> unanswered=disconnect closed=disconnect caller-id=HIDDEN`)).toBe(
      `${by} changed unanswered calls to *disconnect* and closed hours to *disconnect* for ${mention(C1)}.`,
    );
    expect((await settingsOf(C1)).settings).toMatchObject({
      unanswered: { action: 'disconnect' },
      closedHours: { action: 'disconnect' },
    });
  });

  it('announces a new PIN without its digits, which appear in no message, DM or audit row', async () => {
    await threePhoneUsers();
    expect(await phoneChange(`set <@${C1}> pin=864213`)).toBe(
      `${by} changed the voicemail PIN for ${mention(C1)}.`,
    );
    expect((await settingsOf(C1)).settings.voicemailPin).toBe('864213');
    expect(await everywhereButEphemerals()).not.toContain('864213');
  });

  it('refuses a 7-digit PIN and a PIN with a letter, naming the key, and changes nothing', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply(`set <@${C1}> pin=1234567`)).toBe(
      ':warning: Nothing was changed:\n• `pin`: a voicemail PIN is 4 to 6 digits, and the one given has 7.',
    );
    expect(await phoneReply(`set <@${C1}> pin=12a4`)).toBe(
      ':warning: Nothing was changed:\n• `pin`: a voicemail PIN is 4 to 6 digits, and the one given has something other than digits.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await everywhereButEphemerals()).not.toContain('1234567');
  });

  it('applies nothing when one key of several is bad, and names every bad key', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    const reply = await phoneReply(
      `set <@${C1}> language=en-GB caller-id=+14155550101 area-code=416 closed=forward colour=blue`,
    );
    expect(reply).toBe(
      [
        ':warning: Nothing was changed:',
        "• `caller-id`: `+14155550101` is neither one of the user's numbers nor a main number of the account. Choose one of `+14155550100`, or `hidden`.",
        "• `area-code`: `416` is an area code of CA, and the user's numbers are in US. Give an area code of US.",
        '• `closed`: forwarding needs a forward number, and the user has none. Add one with `/phone forward add &lt;user&gt; &lt;+E164&gt;` first.',
        '• `colour` is not a setting. The settings are `language`, `area-code`, `caller-id`, `ring-mode`, `pin`, `unanswered` and `closed`.',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown language, an invalid caller ID and a closed-hours message not uploaded yet', async () => {
    await threePhoneUsers();
    const reply = await phoneReply(`set <@${C1}> language=klingon caller-id=+1415 closed=message`);
    expect(reply).toContain(
      '• `language`: `klingon` is not one of the languages: English (US) `en-US`, English (GB) `en-GB`, Spanish (US) `es-US`',
    );
    expect(reply).toContain(
      '• `caller-id`: `+1415` is not a phone number: it has too few digits. Or use `hidden`.',
    );
    expect(reply).toContain(
      '• `closed`: playing a message needs the message, and none is uploaded. Upload a closed-hours message first',
    );
  });

  it('says so when nothing would change, and explains a badly written setting', async () => {
    await threePhoneUsers();
    expect(await phoneReply(`set <@${C1}> language=en-US`)).toBe(
      `:warning: ${mention(C1)} already has that setting (\`language\`); nothing changed.`,
    );
    expect(await phoneReply(`set <@${C1}> pin 1234`)).toContain(
      '`pin` is not a setting: write each one as key=value without spaces',
    );
  });

  it('lets a phone user change their own PIN, language and ring mode, and nothing else', async () => {
    await threePhoneUsers();
    expect(await ownChange('set 1000 pin=2468 language=de-DE ring-mode=sequential', C1)).toBe(
      `${mention(C1)} changed their voicemail PIN, their audio prompt language to \`de-DE\` and their ring mode to *sequential*.`,
    );
    const before = await snapshot();
    expect(await phoneReply(`set <@${C1}> area-code=212`, C1)).toBe(
      ':warning: Only phone admins can change area code. You can change your own business hours, call handling, greetings, hold music, language, PIN and delegation.',
    );
    expect(await phoneReply(`set <@${C1}> caller-id=hidden`, C1)).toContain(
      'Only phone admins can change caller ID.',
    );
    expect(await phoneReply(`set <@${C2}> pin=1111`, C1)).toBe(
      ':warning: Only phone admins can use `/phone set` for someone else. You can use it for yourself: name yourself (your mention, email or extension).',
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: C1, command: 'set' },
      { actor: C1, command: 'set' },
      { actor: C1, command: 'set' },
    ]);
    expect(await everywhereButEphemerals()).not.toContain('2468');
  });
});

describe('Show PIN', () => {
  it('shows the PIN to an admin, only to them, and audits the showing without it', async () => {
    await threePhoneUsers();
    await phoneChange(`set <@${C1}> pin=5150`);
    const card = await phone(`show <@${C1}>`);
    expect(card.text).toContain('*Voicemail PIN*\n••••••');
    expect(card.text).not.toContain('5150');
    expect(await showPin(card, ADMIN_ID)).toBe(
      `:lock: The voicemail PIN of ${mention(C1)} is *5150*. Only you can see this. Change it with \`/phone set 1000 pin=&lt;4 to 6 digits&gt;\`.`,
    );
    const shown = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'voicemail_pin.shown'));
    expect(shown.map((row) => [row.actor, row.targetLabel, row.before, row.after])).toEqual([
      [ADMIN_ID, 'colleague1@example.com', null, null],
    ]);
    expect(await everywhereButEphemerals()).not.toContain('5150');
  });

  it('shows the user their own PIN from /phone me', async () => {
    await threePhoneUsers();
    const card = await phone('me', C1);
    expect(await showPin(card, C1)).toBe(
      ':lock: Your voicemail PIN is *000000*. Only you can see this. Change it with `/phone set 1000 pin=&lt;4 to 6 digits&gt;`.',
    );
  });

  it('refuses someone else, even with a forged button, and audits it', async () => {
    await threePhoneUsers();
    await phoneChange(`set <@${C1}> pin=5150`);
    const own = await phone('me', C2);
    const target = (await settingsOf(C1)).directoryUserId;
    expect(await showPin(own, C2, `u:${target}`)).toBe(
      `:warning: Only phone admins and the phone user themselves can see a voicemail PIN. Ask ${mention(ADMIN_ID)} if you need it.`,
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: C2, command: 'show pin' }]);
    expect(await showPin(own, C2, 'u:not-a-number')).toContain('This button could not be read.');
  });

  it('answers a click on the Home tab with a modal only the user sees', async () => {
    await threePhoneUsers();
    await sb.slack.deliverEvent({
      type: 'app_home_opened',
      user: C1,
      channel: sb.slack.dmChannel(C1),
      tab: 'home',
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    });
    const home = await sb.slack.waitFor(() => sb.slack.homeView(C1));
    const ack = await sb.slack.click({ user: C1, actionId: ACTIONS.showPin, viewId: home.id });
    expect(ack.status).toBe(200);
    const modal = await sb.slack.waitFor(() => sb.slack.openViews(C1)[0]);
    expect(visibleText({ text: '', blocks: modal.blocks as unknown[] })).toContain(
      'Your voicemail PIN is *000000*.',
    );
  });
});

describe('/phone block and /phone blocked', () => {
  it('blocks a number and a prefix, lists them, and unblocks', async () => {
    await threePhoneUsers();
    expect(await phoneChange(`block add <@${C1}> "+1 (415) 555-0123"`)).toBe(
      `${by} blocked the number \`+14155550123\` for ${mention(C1)}. 1 entry blocked in all.`,
    );
    expect(await phoneChange(`block add <@${C1}> +4420`)).toBe(
      `${by} blocked the prefix \`+4420\` (every number starting with it) for ${mention(C1)}. 2 entries blocked in all.`,
    );
    expect(await phoneReply(`blocked <@${C1}>`)).toBe(
      [
        `*Blocked for ${mention(C1)}*: 2`,
        '• `+14155550123`\n• `+4420` prefix: every number starting with it',
        'Unblock with `/phone block remove &lt;user&gt; &lt;+E164|prefix&gt;`.',
      ].join('\n'),
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Blocked*\n+14155550123\n+4420…');
    expect(await phoneChange(`block remove <@${C1}> +4420`)).toBe(
      `${by} unblocked the prefix \`+4420\` (every number starting with it) for ${mention(C1)}. 1 entry blocked in all.`,
    );
  });

  it('refuses a prefix with letters, an invalid number, a repeat and an entry that is not there', async () => {
    await threePhoneUsers();
    await phoneChange(`block add <@${C1}> 1900`);
    const before = await snapshot();
    expect(await phoneReply(`block add <@${C1}> +44abc`)).toBe(
      ':warning: `+44abc` cannot be blocked: a number or prefix is digits, optionally starting with +, e.g. `+14155550100`, `+4420` or `1900`.',
    );
    expect(await phoneReply(`block add <@${C1}> +44`)).toBe(
      ':warning: `+44` is the country code of GB, GG, IM and JE, so it would block every call from those countries. Block a longer prefix, the country code followed by an area code or a range (e.g. `+1900` for premium-rate numbers in North America, `+4420` for London), or the number itself.',
    );
    expect(await phoneReply(`block add <@${C1}> +1`)).toContain(
      '`+1` is the country code of US, AG, AI, AS, BB and 20 more',
    );
    expect(await phoneReply(`block add <@${C1}> +12005550100`)).toContain(
      '`+12005550100` is not a valid phone number',
    );
    expect(await phoneReply(`block add <@${C1}> 1900`)).toBe(
      `:warning: \`1900\` is already blocked for ${mention(C1)}; nothing changed.`,
    );
    expect(await phoneReply(`block remove <@${C1}> +44`)).toContain(
      `\`+44\` is not on the blocked list of ${mention(C1)}.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('lets a phone user see their own list but not change it, and refuses others, audited', async () => {
    await threePhoneUsers();
    await phoneChange(`block add <@${C1}> 1900`);
    expect(await phoneReply(`blocked <@${C1}>`, C1)).toContain('• `1900` prefix');
    expect(await phoneReply(`block add <@${C1}> 1800`, C1)).toContain(
      'Only phone admins can change blocked numbers.',
    );
    expect(await phoneReply(`blocked <@${C1}>`, MALLORY)).toContain(
      'Only phone admins can use `/phone blocked`.',
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: C1, command: 'block add' },
      { actor: MALLORY, command: 'blocked' },
    ]);
  });
});

describe('/phone delegate', () => {
  it('adds an assistant, tells them in a DM, and shows both sides on the cards', async () => {
    await threePhoneUsers();
    expect(await phoneChange(`delegate add <@${C1}> <@${C2}>`)).toBe(
      `${by} made ${mention(C2)} an assistant of ${mention(C1)}: they can now answer ${mention(C1)}'s calls (1 assistant in all).`,
    );
    expect(await directMessage(C2, 'assistant')).toBe(
      `You are now an assistant of ${mention(C1)}: you can answer their calls (set up by ${by}).`,
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain(`*Assistants*\n${mention(C2)} (ext 1001)`);
    expect(await phoneReply(`show <@${C2}>`)).toContain(`*I can assist for*\n${mention(C1)} (ext 1000)`);
  });

  it('refuses delegating to oneself and to someone without a phone line', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply(`delegate add <@${C1}> <@${C1}>`)).toBe(
      `:warning: ${mention(C1)} cannot be their own assistant. Name another phone user as the assistant.`,
    );
    expect(await phoneReply(`delegate add <@${C1}> <@${colleague(9)}>`)).toContain(
      `${mention(colleague(9))} is not a phone user (no phone license).`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('allows 15 assistants and refuses a 16th', async () => {
    await setupAccount();
    for (const n of [1, 2, 3]) await phoneChange(`user add extra${n}@example.com Extra ${n}`);
    const slackPeople = [...Array.from({ length: 12 }, (_, i) => colleague(i + 1)), MALLORY, ADMIN_ID];
    await license(slackPeople);
    await phoneChange('assign extra1@example.com extra2@example.com extra3@example.com');
    const [owner, ...assistants] = slackPeople;
    const names = [...assistants.map((id) => `<@${id}>`), 'extra1@example.com', 'extra2@example.com'];
    expect(names).toHaveLength(15);
    for (const name of names) await phoneChange(`delegate add <@${owner}> ${name}`);
    const before = await snapshot();
    expect(await phoneReply(`delegate add <@${owner}> extra3@example.com`)).toBe(
      `:warning: ${mention(owner ?? '')} already has 15 assistants, the most allowed. Remove one with \`/phone delegate remove &lt;user&gt; &lt;assistant&gt;\` first.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('lets the owner manage their own assistants and the assistant end it, and nobody else', async () => {
    await threePhoneUsers();
    expect(await ownChange(`delegate add <@${C1}> <@${C2}>`, C1)).toContain(
      `${mention(C1)} made ${mention(C2)} an assistant of ${mention(C1)}`,
    );
    expect(await phoneReply(`delegate remove <@${C1}> <@${C2}>`, C3)).toBe(
      ':warning: Only phone admins can use `/phone delegate remove` for someone else. You can use it for yourself: name yourself (your mention, email or extension).',
    );
    expect(await ownChange(`delegate remove <@${C1}> <@${C2}>`, C2)).toBe(
      `${mention(C2)} stopped answering ${mention(C1)}'s calls as their assistant.`,
    );
    expect(await directMessage(C1, 'stopped')).toBe(
      `${mention(C2)} stopped answering your calls as your assistant.`,
    );
    expect(await phoneReply(`delegate remove <@${C1}> <@${C2}>`, C2)).toContain(
      `${mention(C2)} is not an assistant of ${mention(C1)}; nothing changed.`,
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: C3, command: 'delegate remove' }]);
  });

  it('tells the assistant when an admin ends it', async () => {
    await threePhoneUsers();
    await phoneChange(`delegate add <@${C1}> <@${C2}>`);
    expect(await phoneChange(`delegate remove 1000 1001`)).toBe(
      `${by} ended the delegation: ${mention(C2)} no longer answers ${mention(C1)}'s calls.`,
    );
    expect(await directMessage(C2, 'no longer')).toBe(
      `You are no longer an assistant of ${mention(C1)}: you will not answer their calls any more (changed by ${by}).`,
    );
  });
});

describe('/phone copy', () => {
  it("copies one person's basic settings to others and keeps their own PIN and caller ID", async () => {
    await threePhoneUsers();
    await phoneChange(
      `set <@${C1}> language=fr-CA area-code=212 ring-mode=sequential unanswered=disconnect pin=4444`,
    );
    expect(await phoneChange(`copy <@${C1}> <@${C2}> 1002`)).toBe(
      `${by} copied the basic settings of ${mention(C1)} to ${mention(C2)} and ${mention(C3)}: business hours, closed hours, unanswered calls and their greeting, ring mode, how the apps ring, hold music, language and area code. Their own forward numbers, desk phones, delegations, blocked numbers, PIN and caller ID stay as they were.`,
    );
    for (const id of [C2, C3]) {
      expect((await settingsOf(id)).settings).toMatchObject({
        language: 'fr-CA',
        areaCode: '212',
        ringMode: 'sequential',
        unanswered: { action: 'disconnect' },
        voicemailPin: '000000',
      });
    }
    expect(await everywhereButEphemerals()).not.toContain('4444');
  });

  it("never copies the source's forward numbers, desk phones, delegations or blocked list", async () => {
    await threePhoneUsers();
    await phoneChange(`hours <@${C1}> mon-fri 08:00-16:00`);
    await phoneChange(`forward add <@${C1}> +14155550177 Mobile`);
    await phoneChange(`phone add <@${C1}> 00:1A:2B:3C:4D:5E T54W`);
    await phoneChange(`delegate add <@${C1}> <@${C3}>`);
    await phoneChange(`block add <@${C1}> +19005550100`);
    await phoneChange(`set <@${C1}> closed=forward`);
    await phoneChange(`hold-music <@${C1}> none`);
    await phoneChange(`forward add <@${C3}> +14155550188 Home`);
    const source = (await settingsOf(C1)).settings;
    expect(await phoneChange(`copy <@${C1}> <@${C2}> <@${C3}>`)).toContain(
      `Closed hours forward calls to the forward numbers, and ${mention(C2)} has none, so their closed hours stay as they were.`,
    );
    const c2 = (await settingsOf(C2)).settings;
    expect(c2).toMatchObject({
      businessHours: source.businessHours,
      holdMusic: { kind: 'none' },
      forwardNumbers: [],
      closedHours: { action: 'voicemail', greetingId: null },
      routes: [{ kind: 'apps', enabled: true, ringSeconds: 20 }],
    });
    const c3 = (await settingsOf(C3)).settings;
    expect(c3).toMatchObject({
      businessHours: source.businessHours,
      closedHours: { action: 'forward' },
      forwardNumbers: [{ number: '+14155550188', description: 'Home' }],
      routes: [
        { kind: 'apps', enabled: true, ringSeconds: 20 },
        { kind: 'forward', number: '+14155550188', enabled: true, ringSeconds: 20 },
      ],
    });
    for (const id of [C2, C3]) {
      const card = await phoneReply(`show <@${id}>`);
      expect(card).not.toContain('+14155550177');
      expect(card).not.toContain('001A2B3C4D5E');
      expect(await phoneReply(`blocked <@${id}>`)).not.toContain('+19005550100');
    }
    const db = sb.app.deps.db;
    const assisted = await db
      .select({ id: delegations.ownerId })
      .from(delegations)
      .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.ownerId))
      .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
      .where(eq(directoryUsers.slackUserId, C2));
    expect(assisted).toEqual([]);
  });

  it('refuses copying to the source, to someone without a line, and from a non-admin', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply(`copy <@${C1}> <@${C2}> <@${C1}>`)).toBe(
      `:warning: Settings cannot be copied from ${mention(C1)} to themselves: leave them out of the users to copy to.`,
    );
    expect(await phoneReply(`copy <@${C1}> <@${C2}> <@${colleague(9)}>`)).toContain(
      `${mention(colleague(9))} is not a phone user`,
    );
    expect(await phoneReply(`copy <@${C1}> <@${C2}>`, C1)).toContain(
      'Only phone admins can use `/phone copy`.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: C1, command: 'copy' }]);
  });
});

describe('/phone numbers main', () => {
  it('makes a free number a main number that anyone may show and nobody is given', async () => {
    await threePhoneUsers();
    expect(await phoneChange('numbers main add +14155550109')).toBe(
      `${by} made \`+14155550109\` a main number: any phone user can now show it as caller ID (\`/phone set &lt;user&gt; caller-id=+14155550109\`). Main numbers: \`+14155550109\`.`,
    );
    expect(await phoneReply('numbers')).toContain('• `+14155550109` · *main number*');
    expect(await phoneReply('numbers free')).not.toContain('+14155550109');
    await phoneChange(`set <@${C1}> caller-id=+14155550109`);
    expect(await phoneReply(`number add <@${C2}> +14155550109`)).toContain(
      "`+14155550109` is a main number of the account, so it cannot be a person's direct number.",
    );
    expect(await phoneReply('numbers main remove +14155550109')).toContain(
      `\`+14155550109\` is the caller ID of ${mention(C1)}, so it stays a main number.`,
    );
    expect(await phoneReply('numbers remove +14155550109')).toContain(
      'is a main number; make it an ordinary number',
    );
    await phoneChange(`set <@${C1}> caller-id=hidden`);
    expect(await phoneChange('numbers main remove +14155550109')).toBe(
      `${by} made \`+14155550109\` an ordinary number again: it is free to assign. The account has no main numbers now.`,
    );
  });

  it('refuses a number someone holds, an invalid number and a non-admin', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply('numbers main add +14155550100')).toContain(
      `\`+14155550100\` is already assigned to ${mention(C1)}.`,
    );
    expect(await phoneReply('numbers main add +1415')).toContain('is not a valid phone number');
    expect(await phoneReply('numbers main add +14155550105', MALLORY)).toContain(
      'Only phone admins can use `/phone numbers main add`.',
    );
    expect(await snapshot()).toEqual(before);
  });
});
