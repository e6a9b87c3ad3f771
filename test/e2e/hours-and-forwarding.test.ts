import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryUsers, phoneUserSettings, phoneUsers } from '../../db/schema/index.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, deniedAttempts, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, ownChange, setupAccount, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const by = mention(ADMIN_ID);
const MOBILE = '+14155550123';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1])).toEqual([]);
});

/** Everything a refused command could change: the account and every phone user's settings row. */
async function snapshot() {
  return {
    account: await accountState(sb.app.deps.db),
    settings: await sb.app.deps.db.select().from(phoneUserSettings).orderBy(phoneUserSettings.phoneUserId),
  };
}

/** The settings row of the phone user with this Slack id. */
async function settingsOf(slackUserId: string) {
  const [row] = await sb.app.deps.db
    .select({ settings: phoneUserSettings })
    .from(phoneUserSettings)
    .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(directoryUsers.slackUserId, slackUserId));
  if (!row) throw new Error(`${slackUserId} is not a phone user`);
  return row.settings;
}

/** The audit rows of one action, oldest first. */
async function audited(action: string) {
  const { auditLog } = await import('../../db/schema/index.ts');
  return sb.app.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);
}

describe('/phone hours', () => {
  it('sets weekly hours, says them in the time zone of the person, and the card shows them', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneChange(`hours <@${C1}> mon-fri 09:00-17:00`)).toBe(
      `${by} set the business hours of ${mention(C1)}: Mon–Fri 09:00–17:00 · Sat–Sun closed (America/New_York)`,
    );
    expect((await settingsOf(C1)).businessHours).toEqual({
      kind: 'weekly',
      days: {
        mon: { type: 'interval', from: '09:00', to: '17:00' },
        tue: { type: 'interval', from: '09:00', to: '17:00' },
        wed: { type: 'interval', from: '09:00', to: '17:00' },
        thu: { type: 'interval', from: '09:00', to: '17:00' },
        fri: { type: 'interval', from: '09:00', to: '17:00' },
        sat: { type: 'closed' },
        sun: { type: 'closed' },
      },
    });
    expect(await audited('business_hours.changed')).toEqual([
      expect.objectContaining({ actor: ADMIN_ID, before: { businessHours: { kind: 'always' } } }),
    ]);
    expect(await phoneReply(`show <@${C1}>`)).toContain(
      '*Business hours*\nMon–Fri 09:00–17:00 · Sat–Sun closed (America/New_York)',
    );
  });

  it('reads lists, ranges, 24h, closed and a night shift, and goes back to 24/7', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneChange(`hours <@${C1}> mon,wed,fri 08:30-12:00 tue 24h sun closed`)).toBe(
      `${by} set the business hours of ${mention(C1)}: Mon 08:30–12:00 · Tue 24 hours · Wed 08:30–12:00 · Thu closed · Fri 08:30–12:00 · Sat–Sun closed (America/New_York)`,
    );
    expect(await phoneChange(`hours <@${C1}> Monday-Friday 22:00-06:00`)).toBe(
      `${by} set the business hours of ${mention(C1)}: Mon–Fri 22:00–06:00 (next day) · Sat–Sun closed (America/New_York)`,
    );
    expect(await phoneChange(`hours <@${C1}> 24/7`)).toBe(
      `${by} set the business hours of ${mention(C1)}: 24/7 (America/New_York)`,
    );
    expect((await settingsOf(C1)).businessHours).toEqual({ kind: 'always' });
  });

  it('says so, to the caller only, when the hours are already set', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneReply(`hours <@${C1}> 24/7`)).toBe(
      `The business hours of ${mention(C1)} are already 24/7; nothing changed.`,
    );
    expect(await audited('business_hours.changed')).toEqual([]);
  });

  it('warns in the channel when the person has no time zone (no Slack account to read it from)', async () => {
    await setupAccount();
    await phoneChange('user add nora@example.com Nora Nozone');
    await phoneChange('assign nora@example.com');
    const nora = 'Nora Nozone (nora@example.com)';
    expect(await phoneChange('hours nora@example.com mon-fri 09:00-17:00')).toBe(
      [
        `${by} set the business hours of ${nora}: Mon–Fri 09:00–17:00 · Sat–Sun closed (UTC: time zone unknown)`,
        `:warning: The time zone of ${nora} is unknown (they have no Slack account to take it from), so these hours are read as UTC.`,
      ].join('\n'),
    );
    expect(await phoneReply('show nora@example.com')).toContain(
      ':warning: Time zone unknown: business hours are read as UTC',
    );
  });

  it.each([
    [
      'mon-fri 25:00-17:00',
      'Business hours not changed. `25:00` in `25:00-17:00` is not a time: hours run from 00 to 23 (midnight is `00:00`).',
    ],
    [
      'mon-fri 09:00-09:00',
      'Business hours not changed. `09:00-09:00` starts and ends at the same time, so it is open for no time at all. For the whole day write `24h` or `00:00-24:00`; for none, `closed`.',
    ],
    [
      'mon-fry 09:00-17:00',
      'Business hours not changed. `fry` in `mon-fry` is not a weekday. Use `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun` (full names work too).',
    ],
    [
      'mon-fri 9-17',
      'Business hours not changed. `9-17` is not a time interval: write both times in 24-hour `HH:MM` form, e.g. `09:00-17:00`.',
    ],
    [
      'mon-fri 09:00-17:00 fri 10:00-12:00',
      'Business hours not changed. Friday is given twice. Give each day once, e.g. `mon-thu 09:00-17:00 fri 09:00-13:00`.',
    ],
    [
      'mon-fri',
      'Business hours not changed. `mon-fri` has no hours after it. Follow each day or range with an interval, `closed` or `24h`, e.g. `sat 10:00-14:00`.',
    ],
  ])('refuses `hours … %s`, naming the part at fault, and changes nothing', async (hours, reply) => {
    await setupAccount();
    await license([C1], 'plan:200');
    const before = await snapshot();
    expect(await phoneReply(`hours <@${C1}> ${hours}`)).toBe(`:warning: ${reply}`);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a phone user who is not an admin set their own hours', async () => {
    await setupAccount();
    await license([MALLORY], 'plan:200');
    expect(await ownChange(`hours <@${MALLORY}> mon-thu 07:00-15:00`, MALLORY)).toBe(
      `${mention(MALLORY)} set their own business hours: Mon–Thu 07:00–15:00 · Fri–Sun closed (America/Chicago)`,
    );
    expect(await audited('business_hours.changed')).toEqual([expect.objectContaining({ actor: MALLORY })]);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([]);
  });

  it("refuses a phone user who is not an admin changing someone else's hours, and audits the attempt", async () => {
    await setupAccount();
    await license([MALLORY, C1], 'plan:200');
    const before = await snapshot();
    expect(await phoneReply(`hours <@${C1}> 24/7`, MALLORY)).toMatch(
      /^:warning: Only phone admins can use `\/phone hours`/,
    );
    expect(await phoneReply(`hours <@${C1}> mon-fri 09:00-17:00`, MALLORY)).toMatch(
      /^:warning: Only phone admins/,
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: MALLORY, command: 'hours' },
      { actor: MALLORY, command: 'hours' },
    ]);
  });
});

describe('/phone forward', () => {
  it('adds a forward number with a route after the apps, and the card lists both', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneChange(`forward add <@${C1}> +1 415 555 0123 "Mobile"`)).toBe(
      [
        `${by} added \`${MOBILE}\` (Mobile) to the forward numbers of ${mention(C1)}. In business hours it rings together with the other routes, for 20 s.`,
        'Forward numbers: 1 of 10',
      ].join('\n'),
    );
    const settings = await settingsOf(C1);
    expect(settings.forwardNumbers).toEqual([{ number: MOBILE, description: 'Mobile' }]);
    expect(settings.routes).toEqual([
      { kind: 'apps', enabled: true, ringSeconds: 20 },
      { kind: 'forward', number: MOBILE, enabled: true, ringSeconds: 20 },
    ]);
    const card = await phoneReply(`show <@${C1}>`);
    expect(card).toContain(`*Call routes*\n✓ Desktop and mobile apps (20 s)\n✓ Forward to ${MOBILE} (20 s)`);
    expect(card).toContain(`*Forward numbers*\n${MOBILE} (Mobile)`);
    expect(await audited('forward_number.added')).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ forwardNumbers: [] }) }),
    ]);
  });

  it('refuses a number outside the account to someone without a calling plan, and allows one of the account', async () => {
    await setupAccount();
    await license([C1, MALLORY]);
    await phoneChange('numbers add +14155550150');
    const before = await snapshot();
    expect(await phoneReply(`forward add <@${C1}> ${MOBILE} Mobile`)).toBe(
      `:warning: Forward number \`${MOBILE}\` is outside the account: forwarding a call there is an outbound call, which needs a calling plan, and the user has none. Give them one first with \`/phone plan add &lt;user&gt; &lt;plan&gt;\`, or forward to one of the account's numbers.`,
    );
    expect(await phoneReply(`forward add <@${MALLORY}> ${MOBILE} Mobile`, MALLORY)).toBe(
      `:warning: Forward number \`${MOBILE}\` is outside the account: forwarding a call there is an outbound call, which needs a calling plan, and you have none. Ask ${mention(ADMIN_ID)} for a calling plan, or forward to one of the account's numbers.`,
    );
    expect(await snapshot()).toEqual(before);
    // A number of the account is an internal call: no plan needed.
    expect(await phoneChange(`forward add <@${C1}> +14155550150 Reception`)).toContain(
      `added \`+14155550150\` (Reception) to the forward numbers of ${mention(C1)}`,
    );
    await phoneChange(`plan add <@${C1}> 200`);
    expect(await phoneChange(`forward add <@${C1}> ${MOBILE} Mobile`)).toContain(
      `added \`${MOBILE}\` (Mobile) to the forward numbers of ${mention(C1)}`,
    );
  });

  it('keeps the last calling plan of someone forwarding outside the account, saying why and what to do', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange('numbers add +14155550150');
    await phoneChange(`forward add <@${C1}> ${MOBILE} Mobile`);
    await phoneChange(`forward add <@${C1}> +14155550150 Reception`);
    const before = await snapshot();
    expect(await phoneReply(`plan remove <@${C1}>`)).toBe(
      `:warning: ${mention(C1)} forwards calls to \`${MOBILE}\`, outside the account: an outbound call, which needs a calling plan, so their last plan stays. Remove that forward number first with \`/phone forward remove &lt;user&gt; &lt;+E164&gt;\`, or keep a plan.`,
    );
    expect(await snapshot()).toEqual(before);
    await phoneChange(`forward remove <@${C1}> ${MOBILE}`);
    expect(await phoneChange(`plan remove <@${C1}>`)).toBe(
      `${by} removed US/CA Unlimited from ${mention(C1)}.`,
    );
  });

  it('removes a forward number and its route', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE} Mobile`);
    await phoneChange(`forward add <@${C1}> +14155550124 Home`);
    expect(await phoneChange(`forward remove <@${C1}> ${MOBILE}`)).toBe(
      [
        `${by} removed \`${MOBILE}\` (Mobile) from the forward numbers of ${mention(C1)}, and its call route.`,
        'Forward numbers: 1 of 10',
      ].join('\n'),
    );
    const settings = await settingsOf(C1);
    expect(settings.forwardNumbers).toEqual([{ number: '+14155550124', description: 'Home' }]);
    expect(settings.routes.map((route) => route.kind)).toEqual(['apps', 'forward']);
    expect(await audited('forward_number.removed')).toHaveLength(1);
  });

  it('refuses a number that is not valid, or a national number of another country, and changes nothing', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const before = await snapshot();
    expect(await phoneReply(`forward add <@${C1}> 020 7946 0958`)).toBe(
      ':warning: `020 7946 0958` is not a phone number of the United States (US), where a number without + is read. Write a number of another country with + and its country code, e.g. `+442079460958`.',
    );
    expect(await phoneReply(`forward add <@${C1}> +1 999 555 0100`)).toBe(
      ':warning: `+1 999 555 0100` is not a valid phone number: no phone number exists with those digits. Write it in international format, e.g. `+14155550100`.',
    );
    expect(await phoneReply(`forward add <@${C1}> mobile`)).toBe(
      ':warning: `mobile` is not a phone number. Type it like `+14155550100`.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an eleventh forward number and a number that is already there', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    for (let i = 0; i < 10; i++)
      await phoneChange(`forward add <@${C1}> +1415555${String(200 + i).padStart(4, '0')}`);
    const before = await snapshot();
    expect(await phoneReply(`forward add <@${C1}> ${MOBILE}`)).toBe(
      ':warning: The user already has 10 forward numbers, the most allowed. Remove one with `/phone forward remove &lt;user&gt; &lt;+E164&gt;` first.',
    );
    expect(await phoneReply(`forward add <@${C1}> +14155550200 Again`)).toBe(
      ":warning: `+14155550200` is already one of the user's forward numbers; nothing changed. To change its description, remove it with `/phone forward remove` and add it again.",
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a description that is too long', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneReply(`forward add <@${C1}> ${MOBILE} "${'x'.repeat(65)}"`)).toBe(
      ':warning: The description of the forward number has 65 characters; use at most 64, in quotes, e.g. `/phone forward add @ada +14155550100 "Mobile"`.',
    );
  });

  it('refuses removing a number that is not a forward number, listing the ones there are', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE}`);
    expect(await phoneReply(`forward remove <@${C1}> +14155550199`)).toBe(
      `:warning: \`+14155550199\` is not one of the user's forward numbers. Their forward numbers: \`${MOBILE}\`.`,
    );
  });

  it("lets a phone user manage their own forward numbers but not someone else's, and audits the attempt", async () => {
    await setupAccount();
    await license([MALLORY, C1], 'plan:200');
    expect(await ownChange(`forward add <@${MALLORY}> ${MOBILE} Mobile`, MALLORY)).toContain(
      `${mention(MALLORY)} added \`${MOBILE}\` (Mobile) to their own forward numbers.`,
    );
    const before = await snapshot();
    expect(await phoneReply(`forward add <@${C1}> ${MOBILE}`, MALLORY)).toMatch(
      /^:warning: Only phone admins can use `\/phone forward add`/,
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'forward add' }]);
    expect(await ownChange(`forward remove <@${MALLORY}> ${MOBILE}`, MALLORY)).toContain(
      `${mention(MALLORY)} removed \`${MOBILE}\` (Mobile) from their own forward numbers`,
    );
  });

  it('explains a missing action or number', async () => {
    expect(await phoneReply('forward')).toContain('`forward` needs `add` or `remove`');
    expect(await phoneReply(`forward add <@${C1}>`)).toBe(
      ':warning: `forward add` needs a user and a phone number, e.g. `/phone forward add @ada +14155550123 "Mobile"`.',
    );
  });

  it('numbers the routes on the card in sequential mode, and says a new number rings last', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const { phoneUserId } = await settingsOf(C1);
    await sb.app.deps.db
      .update(phoneUserSettings)
      .set({ ringMode: 'sequential' })
      .where(eq(phoneUserSettings.phoneUserId, phoneUserId));
    expect(await phoneChange(`forward add <@${C1}> ${MOBILE}`)).toContain(
      'In business hours it rings after the other routes, for 20 s.',
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain(
      `*Call routes*\n1. ✓ Desktop and mobile apps (20 s)\n2. ✓ Forward to ${MOBILE} (20 s)`,
    );
  });

  it('leaves only the apps route on the card once the forward number is removed', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phone(`forward add <@${C1}> ${MOBILE}`);
    await phone(`forward remove <@${C1}> ${MOBILE}`);
    expect(await phoneReply(`show <@${C1}>`)).toContain(
      '*Call routes*\n✓ Desktop and mobile apps (20 s)\n*Forward numbers*\nNone',
    );
  });
});

describe('help', () => {
  it('lists the hours and forward commands', async () => {
    const help = await phoneReply('help');
    expect(help).toContain(
      '`/phone hours &lt;user&gt; 24/7|&lt;days&gt; &lt;from&gt;-&lt;to&gt;|closed|24h …`',
    );
    expect(help).toContain('`/phone forward add &lt;user&gt; &lt;+E164&gt; ["&lt;description&gt;"]`');
    expect(help).toContain('`/phone forward remove &lt;user&gt; &lt;+E164&gt;`');
  });
});
