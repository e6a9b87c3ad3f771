import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directoryUsers, emergencyAddresses, phoneUserSettings, phoneUsers } from '../../db/schema/index.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, ownChange, setupAccount, license } = phoneCommands(sb);

const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const MARS = 'UMARSTZ001';
const NO_ZONE = 'UNOZONE001';
const PARTNER = 'UPARTNER01';
const STRANGER = 'USTRANGE01';
const by = mention(ADMIN_ID);

beforeAll(() => {
  sb.slack.addUser({
    id: MARS,
    name: 'olympus',
    realName: 'Olympus Mons',
    email: 'olympus@example.com',
    tz: 'Mars/Olympus',
  });
  sb.slack.addUser({ id: NO_ZONE, name: 'nozone', realName: 'No Zone', email: 'nozone@example.com', tz: '' });
  sb.slack.addUser({
    id: PARTNER,
    name: 'pat',
    realName: 'Pat Partner',
    email: 'pat@partner.example',
    externalTeamId: 'T0PARTNER1',
  });
  sb.slack.addUser({
    id: STRANGER,
    name: 'sam',
    realName: 'Sam Stranger',
    email: 'sam@elsewhere.example',
    externalTeamId: 'T0ELSEWHR1',
    stranger: true,
  });
});

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, C1, C2, C3])).toEqual([]);
});

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

describe('forwarding to numbers charged above an ordinary call', () => {
  it('refuses a phone user forwarding their own calls to a premium-rate number, and changes nothing', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply('forward add 1000 +19002345678', C1)).toBe(
      `:warning: \`+19002345678\` is a premium-rate number: every call forwarded there is charged to the company at that rate, so only a phone admin can add it. Add your mobile or another ordinary number, or ask ${mention(ADMIN_ID)} if you need this one.`,
    );
    expect(await phoneReply('forward add 1000 "+44 870 1234567"', C1)).toContain(
      '`+448701234567` is a premium-rate number',
    );
    expect(await phoneReply('forward add 1000 +33810123456', C1)).toContain(
      '`+33810123456` is a shared-cost number',
    );
    expect((await settingsOf(C1)).forwardNumbers).toEqual([]);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(await ownChange('forward add 1000 +14155550123 "Mobile"', C1)).toContain(
      'added `+14155550123` (Mobile) to their own forward numbers.',
    );
  });

  it('lets an admin add one, and the confirmation says what it is', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const posted = await phoneChange(`forward add ${mention(C1)} +19002345678 "Paid hotline"`);
    expect(posted).toContain(
      `${by} added \`+19002345678\` (Paid hotline) to the forward numbers of ${mention(C1)}.`,
    );
    expect(posted).toContain(
      ':warning: `+19002345678` is a premium-rate number: every call forwarded there is charged to the company at that rate. Phone users cannot add such a number for themselves; an admin can.',
    );
    expect((await settingsOf(C1)).forwardNumbers).toEqual([
      { number: '+19002345678', description: 'Paid hotline' },
    ]);
  });
});

describe('blocked prefixes', () => {
  it('refuses a whole country code with the reason, and blocks a longer prefix', async () => {
    await setupAccount();
    await license([C1]);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`block add ${mention(C1)} +44`)).toContain(
      '`+44` is the country code of GB, GG, IM and JE, so it would block every call from those countries. Block a longer prefix',
    );
    expect(await phoneReply(`block add ${mention(C1)} +3`)).toContain(
      '`+3` is shorter than a country code, so it would block every call from several countries.',
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(await phoneChange(`block add ${mention(C1)} +4490`)).toContain('blocked the prefix `+4490`');
  });
});

describe('delegation circles', () => {
  it('refuses B assisting A when A assists B, and a longer circle, naming it', async () => {
    await setupAccount();
    await license([C1, C2, C3]);
    await phoneChange(`delegate add ${mention(C1)} ${mention(C2)}`);
    expect(await phoneReply(`delegate add ${mention(C2)} ${mention(C1)}`)).toBe(
      `:warning: ${mention(C1)} cannot become an assistant of ${mention(C2)}: ${mention(C2)} answers the calls of ${mention(C1)}, so calls handed on from one assistant to the next would go round in a circle. Remove one of those delegations first (\`/phone delegate remove &lt;user&gt; &lt;assistant&gt;\`), or choose another assistant.`,
    );
    await phoneChange(`delegate add ${mention(C2)} ${mention(C3)}`);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply('delegate add 1002 1000', C3)).toContain(
      `${mention(C1)} cannot become an assistant of ${mention(C3)}: ${mention(C3)} answers the calls of ${mention(C2)}, and ${mention(C2)} answers the calls of ${mention(C1)}, so calls`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });
});

describe('voicemail PINs', () => {
  it('refuses a PIN shorter than 4 digits, and a shorter PIN stored before keeps working', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneReply(`set ${mention(C1)} pin=123`)).toBe(
      ':warning: Nothing was changed:\n• `pin`: a voicemail PIN is 4 to 6 digits, and the one given has 3.',
    );
    expect((await settingsOf(C1)).voicemailPin).toBe('000000');
    const { phoneUserId } = await settingsOf(C1);
    await sb.app.deps.db
      .update(phoneUserSettings)
      .set({ voicemailPin: '42' })
      .where(eq(phoneUserSettings.phoneUserId, phoneUserId));
    expect(await phoneChange(`set ${mention(C1)} language=de-DE`)).toContain('de-DE');
    expect(await settingsOf(C1)).toMatchObject({ voicemailPin: '42', language: 'de-DE' });
  });
});

describe('extensions of zeros', () => {
  it('refuses 00 and 0000, for a person and as a site’s first extension, saying why', async () => {
    await setupAccount();
    await license([C1]);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`ext ${mention(C1)} 00`)).toBe(
      ':warning: Extension `00` is all zeros, and phones read a leading 0 as the operator or the way out (`00` starts an international call), so it could not be dialled. Choose one with another digit, e.g. `1000`.',
    );
    expect(await phoneReply(`ext ${mention(C1)} 0000`)).toContain('Extension `0000` is all zeros');
    expect(await phoneReply('site add Annex first:0000')).toContain('First extension `0000` is all zeros');
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(await phoneChange(`ext ${mention(C1)} 0100`)).toContain('0100');
  });
});

describe('emergency addresses', () => {
  it('refuses a state or postal code that does not exist in the country, and stores the codes as the post writes them', async () => {
    await setupAccount();
    await license([C1]);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" "San Francisco" Calfornia 94105 US`)).toBe(
      ":warning: The state `Calfornia` does not exist in US, so a dispatcher could not place the address; nothing was saved. Use the state's two-letter code or its name, e.g. `CA` or `California`; `DC` and the territories (`PR`, `GU`, `VI`…) count.",
    );
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" "San Francisco" CA 9410 US`)).toContain(
      'The postal code `9410` does not exist in US',
    );
    expect(await phoneReply(`address ${mention(C1)} "10 Downing St" London London SW1A GB`)).toContain(
      'Use a UK postcode, e.g. `SW1A 1AA`',
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    await phoneChange(`address ${mention(C1)} "24 Sussex Dr" Ottawa Ontario k1m1m4 CA`);
    const stored = await sb.app.deps.db.select().from(emergencyAddresses);
    expect(stored).toMatchObject([{ state: 'ON', postalCode: 'K1M 1M4', country: 'CA' }]);
  });
});

describe('time zones from Slack profiles', () => {
  it.each([
    ['a time zone no one has heard of', MARS],
    ['an empty time zone', NO_ZONE],
  ])('reads hours as UTC, with the warning, for %s', async (_, person) => {
    await setupAccount();
    await license([person]);
    const [row] = await sb.app.deps.db
      .select({ timezone: directoryUsers.timezone })
      .from(directoryUsers)
      .where(eq(directoryUsers.slackUserId, person));
    expect(row?.timezone).toBeNull();
    const posted = await phoneChange(`hours ${mention(person)} mon-fri 09:00-17:00`);
    expect(posted).toContain('Mon–Fri 09:00–17:00 · Sat–Sun closed (UTC: time zone unknown)');
    expect(posted).toContain(
      `:warning: The time zone of ${mention(person)} is unknown (their Slack profile has none), so these hours are read as UTC.`,
    );
    expect(await phoneReply(`show ${mention(person)}`)).toContain(
      ':warning: Time zone unknown: business hours are read as UTC',
    );
  });
});

describe('members of other organizations', () => {
  it.each([
    ['through a shared channel', PARTNER],
    ['who is a stranger', STRANGER],
  ])('refuses a license to a member of another organization %s, and assigns nothing', async (_, person) => {
    await setupAccount();
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`assign ${mention(person)} ${mention(C1)}`)).toBe(
      `:warning: ${mention(person)} is a member of another organization, reached through a shared channel (Slack Connect), so they cannot hold one of this account's phone licenses. Nothing was assigned. Their own organization's phone admins can give them a line; leave them out and run the command again.`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('adds them to the directory by email without linking their Slack account', async () => {
    await setupAccount();
    await phoneChange('user add pat@partner.example Pat Partner');
    const [row] = await sb.app.deps.db
      .select({ slackUserId: directoryUsers.slackUserId })
      .from(directoryUsers)
      .where(eq(directoryUsers.email, 'pat@partner.example'));
    expect(row).toEqual({ slackUserId: null });
  });
});

describe('hours typed as a whole day, or in other digits', () => {
  it('reads 00:00-24:00 as the whole day and Arabic-Indic or full-width digits as times', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneChange(`hours ${mention(C1)} mon-fri 00:00-24:00`)).toContain(
      'Mon–Fri 24 hours · Sat–Sun closed',
    );
    expect((await settingsOf(C1)).businessHours).toMatchObject({ days: { mon: { type: '24h' } } });
    expect(
      await phoneChange(`hours ${mention(C1)} mon-fri ٠٩:٠٠-١٧:٠٠ sat ０９：００－１２：００`),
    ).toContain('Mon–Fri 09:00–17:00 · Sat 09:00–12:00 · Sun closed');
    expect(await phoneReply(`hours ${mention(C1)} mon ٩ص-٥م`)).toContain(
      '`9ص-5م` is not a time interval: write both times in 24-hour `HH:MM` form',
    );
  });
});
