import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { deniedAttempts, everyTable, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { settingsModal } from '../support/settings-modal.ts';

// The app's clock runs from Wednesday 2026-12-09 12:00 in New York (17:00 UTC), where the colleagues live: far
// enough from any opening or closing time that the seconds a test takes change nothing.
const START = Date.parse('2026-12-09T17:00:00Z');
const ahead = START - Date.now();
const sb = useSwitchboard({ clock: { now: () => new Date(Date.now() + ahead) } });
const { phone, phoneReply, phoneChange, ownChange, setupAccount, license } = phoneCommands(sb);
const { openSettings } = settingsModal(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1, C2, C3])).toEqual([]);
});

/** The app's "now" moves on with the test: on a loaded machine it may reach a later minute. */
const asOfNoon = (text: string) => text.replace(/Wednesday 12:[0-5]\d in/g, 'Wednesday 12:00 in');

/** What `/phone route` says, on one line, as the person reads it. */
async function route(args: string, user = ADMIN_ID): Promise<string> {
  return asOfNoon((await phoneReply(`route ${args}`, user)).replace(/\n/g, ' '));
}

const inNewYork = 'America/New_York';

describe('/phone route explains what the settings do', () => {
  it('explains hours, forwarding, ring mode, blocking, assistants and desk phones as an admin sets them', async () => {
    await setupAccount();
    await license([C1, C2, C3], 'plan:200');
    const c1 = `${mention(C1)} (ext 1000)`;

    expect(await route(`<@${C1}>`)).toBe(
      `A call to ${c1} from outside now (Wednesday 12:00 in ${inNewYork}): Rings the apps for 20 s, then voicemail. Business hours: 24/7 (${inNewYork})`,
    );

    await phoneChange(`hours <@${C1}> mon-fri 09:00-17:00`);
    await phoneChange(`forward add <@${C1}> +14155550123 "Mobile"`);
    expect(await route(`<@${C1}> at:mon 10:00`)).toBe(
      `A call to ${c1} from outside on Monday 10:00 in ${inNewYork}, 2026-12-14: Rings the apps and Mobile \`+14155550123\` for 20 s, then voicemail. Business hours: Mon–Fri 09:00–17:00 · Sat–Sun closed (${inNewYork})`,
    );
    expect(await route(`<@${C1}> at:sat 23:00`)).toContain(
      `Closed (Saturday 23:00 in ${inNewYork}): goes to voicemail.`,
    );

    await phoneChange(`set <@${C1}> ring-mode=sequential closed=forward unanswered=disconnect`);
    expect(await route(`<@${C1}> at:"sat 23:00"`)).toContain(
      `Closed (Saturday 23:00 in ${inNewYork}): forwards to Mobile \`+14155550123\`.`,
    );
    await phoneChange(`delegate add <@${C1}> <@${C2}>`);
    await phoneChange(`phone add <@${C1}> 00:1A:2B:3C:4D:5E "Poly VVX 450"`);
    expect(await route(`1000 at:tue 16:59`)).toContain(
      'Rings the apps and assistant Colleague 2 Smith (ext 1001) for 20 s, then Mobile `+14155550123` for 20 s, then the desk phone for 20 s, then disconnects (SIP 480).',
    );

    await phoneChange(`block add <@${C1}> +1900`);
    expect(await route(`<@${C1}> from:+1 900 555 0100`)).toContain(
      'Blocked: `+19005550100` matches the blocked prefix `+1900` (SIP 403).',
    );
    await phoneChange(`block add <@${C1}> +14155550177`);
    expect(await route(`<@${C1}> from:(415) 555-0177`)).toContain(
      'Blocked: `+14155550177` is on the blocked list (SIP 403).',
    );
    expect(await route(`<@${C1}> from:(415) 555-0178 at:mon 09:00`)).toContain('Rings the apps');
  });

  it('refuses calls to and from deactivated lines, and to extensions nobody has', async () => {
    await setupAccount();
    await license([C1, C2], 'plan:200');
    await phoneChange('numbers add +14155550100');
    await phoneChange(`number add <@${C2}> +14155550100`);
    await phoneChange(`deactivate <@${C2}>`);
    expect(await route(`<@${C1}> from:1001`)).toContain(
      'from extension 1001 (Colleague 2 Smith, ext 1001) now: Refused: the caller, Colleague 2 Smith (ext 1001), is deactivated (SIP 403).',
    );
    expect(await route(`<@${C1}> from:+1 415 555 0100`)).toContain(
      'from `+14155550100` (Colleague 2 Smith, ext 1001) now: Refused: the caller, Colleague 2 Smith (ext 1001), is deactivated (SIP 403).',
    );
    expect(await route(`<@${C2}>`)).toContain('Refused: the line is deactivated (SIP 480).');
    expect(await route('+1 415 555 0100')).toContain(
      `A call to ${mention(C2)} (ext 1001) from outside now: Refused: the line is deactivated (SIP 480).`,
    );
    expect(await route('+14155550199')).toBe(
      'A call to `+14155550199` from outside now: Refused: no phone user has the number `+14155550199` (SIP 404).',
    );
    expect(await route('4999')).toBe(
      'A call to extension `4999` from outside now: Refused: no phone user has extension `4999` (SIP 404).',
    );
  });

  it('shows the settings form with what a call would do now', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`hours <@${C1}> mon-fri 13:00-17:00`);
    const summary = await openSettings(`settings <@${C1}>`);
    expect(contextTexts(summary).map(asOfNoon)).toContain(
      `A call now: closed (Wednesday 12:00 in ${inNewYork}): goes to voicemail.`,
    );
  });
});

describe('/phone route: who may ask', () => {
  it('refuses a non-admin who asks about someone else, and audits it', async () => {
    await setupAccount();
    await license([C1, C2], 'plan:200');
    const before = await everyTable(sb.app.deps.db);
    const reply = await phone(`route <@${C1}>`, C2);
    expect(reply.where).toBe('ephemeral');
    expect(reply.text).toMatch(/^:warning: Only phone admins can use `\/phone route`/);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: C2, command: 'route' }]);
    const after = await everyTable(sb.app.deps.db);
    expect({ ...after, audit_log: undefined }).toEqual({ ...before, audit_log: undefined });
    // Nor may they learn whether an extension exists.
    expect((await phone('route 4999', C2)).text).toMatch(/^:warning: Only phone admins/);
  });

  it('lets a person ask about their own line, and no one else hears the answer', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await ownChange(`hours <@${C1}> mon-fri 09:00-17:00`, C1);
    expect(await route(`1000 at:16:30`, C1)).toContain(
      `on Wednesday 16:30 in ${inNewYork}, 2026-12-09: Rings the apps for 20 s, then voicemail.`,
    );
    expect(await route(`<@${C1}> at: Sunday 10:00`, C1)).toContain(
      `Closed (Sunday 10:00 in ${inNewYork}): goes to voicemail.`,
    );
  });
});

describe('/phone route: bad input names the field and the fix', () => {
  it.each([
    ['from:', "`from:` needs the caller's number or extension, e.g. `from:+14155550100` or `from:1002`."],
    ['from:bob', '`from:` `bob` is not a phone number or an extension.'],
    [
      'from:+1 415',
      '`from:` `+1 415` is not a valid phone number: it has too few digits. Write it in international format, e.g. `+14155550100`.',
    ],
    ['from:4999', '`from:` `4999` is no extension of the account.'],
    ['at:', '`at:` needs a day and a time, e.g. `at:mon 09:30`, `at:sat 23:00` or `at:now`.'],
    ['at:mnday 09:00', '`at:` `mnday` is not a day. Write mon, tue, wed, thu, fri, sat or sun'],
    ['at:mon', '`at:mon` needs a time too, as HH:MM, e.g. `at:mon 09:30`.'],
    ['at:mon 25:00', '`at:` `25:00` is not a time of day. Write it as HH:MM, from 00:00 to 23:59'],
    ['at:mon 09:00 at:tue 09:00', 'Option `at:` is given twice; give it once.'],
    ['when:mon', 'Unknown option `when:`. Options for route are `from:` and `at:`.'],
  ])('refuses %s and changes nothing', async (option, message) => {
    await setupAccount();
    await license([C1], 'plan:200');
    const before = await everyTable(sb.app.deps.db);
    const text = await route(`<@${C1}> ${option}`);
    expect(text).toContain(message);
    expect(await everyTable(sb.app.deps.db)).toEqual(before);
  });

  it('refuses a person without a line: they cannot be called', async () => {
    await setupAccount();
    expect(await route(`<@${C3}>`)).toContain('is not a phone user (no phone license)');
  });
});

function contextTexts(view: View): string[] {
  return (view.blocks as { type: string; elements?: { text?: string }[] }[])
    .filter((block) => block.type === 'context')
    .flatMap((block) => (block.elements ?? []).map((element) => element.text ?? ''));
}
