import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deskPhones, phoneNumbers, phoneUserSettings } from '../../../db/schema/index.ts';
import { addNumbers, addSite, removeInventoryNumber } from '../../../src/services/account.ts';
import { addMainNumber, removeMainNumber } from '../../../src/services/main-numbers.ts';
import { addNumber, removeNumber } from '../../../src/services/phone-user-changes.ts';
import { numbersOverview } from '../../../src/services/queries.ts';
import { addBlocked, blockedList, removeBlocked } from '../../../src/services/settings/blocked.ts';
import { copySettings } from '../../../src/services/settings/copy.ts';
import { addAssistant, removeAssistant } from '../../../src/services/settings/delegation.ts';
import { revealPin, setSettings } from '../../../src/services/settings/set-settings.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
import { assistantsOf, assistingFor } from '../../../src/store/user-details.ts';
import { useTestDatabase } from '../../support/database.ts';
import { auditRows, licensedPeople, outbox, refOf, refusal, unwrap } from '../../support/fixtures.ts';
import {
  ADMIN,
  extRef,
  makeDeps,
  notAdmin,
  prepareAccount,
  STRANGER,
  slackRef,
} from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 50 });
});

const self = (card: PhoneUserCard) => ({ slackUserId: card.slackUserId ?? '' });
const kv = (text: string) =>
  text.split(' ').map((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return { key, value };
  });
const settingsOf = (card: PhoneUserCard) => readSettings(database.db, card.phoneUserId);
const personOf = (card: PhoneUserCard) => ({
  name: `${card.firstName} ${card.lastName}`,
  email: card.email,
  slackUserId: card.slackUserId,
});

async function deniedCommands() {
  return (await auditRows(database.db)).filter((row) => row.action === 'denied').map((row) => row.targetId);
}

/** Phone users with a plan; the first `withNumbers` of them hold +1415555010n. */
async function people(count: number, withNumbers = 0): Promise<PhoneUserCard[]> {
  const cards = await licensedPeople(deps, count, { plan: '200' });
  if (withNumbers > 0) {
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550109' }));
    for (const card of cards.slice(0, withNumbers))
      unwrap(await addNumber(deps, ADMIN, refOf(card), undefined));
  }
  return cards;
}

describe('setting one value at a time', () => {
  it('sets the audio prompt language in any case and audits before and after', async () => {
    const [ada] = await people(1);
    const result = unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('language=EN-gb')));
    expect(result.changed).toEqual(['language']);
    expect((await settingsOf(ada!)).language).toBe('en-GB');
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'settings.changed');
    expect(audit.map((row) => [row.targetLabel, row.before, row.after])).toEqual([
      ['person1@example.com', { language: 'en-US' }, { language: 'en-GB' }],
    ]);
  });

  it('sets the ring mode, the unanswered action and closed hours', async () => {
    const [ada] = await people(1);
    unwrap(
      await setSettings(
        deps,
        ADMIN,
        refOf(ada!),
        kv('ring-mode=sequential unanswered=disconnect closed=disconnect'),
      ),
    );
    const settings = await settingsOf(ada!);
    expect(settings.ringMode).toBe('sequential');
    expect(settings.unanswered).toEqual({ action: 'disconnect' });
    expect(settings.closedHours).toEqual({ action: 'disconnect' });
  });

  it('forwards closed hours once the user has a forward number, and refuses it before', async () => {
    const [ada] = await people(1);
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('closed=forward')))).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [{ key: 'closed', problem: 'closed_needs_forward' }],
    });
    await database.db
      .update(phoneUserSettings)
      .set({ forwardNumbers: [{ number: '+14155550111', description: 'mobile' }] })
      .where(eq(phoneUserSettings.phoneUserId, ada!.phoneUserId));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('closed=forward')));
    expect((await settingsOf(ada!)).closedHours).toEqual({ action: 'forward' });
  });

  it('refuses a closed-hours message until one is uploaded', async () => {
    const [ada] = await people(1);
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('closed=message')))).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [{ key: 'closed', problem: 'closed_needs_message' }],
    });
  });

  it('sets the voicemail PIN without ever writing it to the audit log or the outbox', async () => {
    const [ada] = await people(1);
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('pin=482913')));
    expect((await settingsOf(ada!)).voicemailPin).toBe('482913');
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'settings.changed');
    expect(audit.map((row) => [row.before, row.after])).toEqual([
      [{ voicemailPin: '(hidden)' }, { voicemailPin: '(hidden)' }],
    ]);
    expect(JSON.stringify(await auditRows(database.db))).not.toContain('482913');
    expect(JSON.stringify(await outbox(database.db))).not.toContain('482913');
  });

  it('refuses a 7-digit PIN and a PIN with a letter, keeping the old one', async () => {
    const [ada] = await people(1);
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('pin=1234567')))).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [{ key: 'pin', problem: 'pin_format', length: 7, nonDigits: false }],
    });
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('pin=12a4')))).toMatchObject({
      problems: [{ key: 'pin', nonDigits: true }],
    });
    expect((await settingsOf(ada!)).voicemailPin).toBe('000000');
  });

  it('says nothing changed when every value is the one the user has', async () => {
    const [ada] = await people(1);
    expect(
      refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('language=en-US ring-mode=simultaneous'))),
    ).toEqual({
      code: 'SETTINGS_UNCHANGED',
      user: personOf(ada!),
      keys: ['language', 'ring-mode'],
    });
    expect((await settingsOf(ada!)).version).toBe(1);
  });

  it('bumps the settings version on every change, so an open form can tell', async () => {
    const [ada] = await people(1);
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('language=fr-FR')));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('language=de-DE')));
    expect((await settingsOf(ada!)).version).toBe(3);
  });
});

describe('caller ID', () => {
  it('shows one of the user’s own numbers, a main number, or nothing', async () => {
    const [ada] = await people(1, 1);
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+14155550100')));
    expect((await settingsOf(ada!)).callerId).toEqual({ kind: 'number', number: '+14155550100' });
    unwrap(await addMainNumber(deps, ADMIN, '+14155550109'));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+14155550109')));
    expect((await settingsOf(ada!)).callerId).toEqual({ kind: 'number', number: '+14155550109' });
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=hidden')));
    expect((await settingsOf(ada!)).callerId).toEqual({ kind: 'hidden' });
  });

  it('refuses someone else’s number and an invalid number', async () => {
    const [ada] = await people(2, 2);
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+14155550101')))).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [
        {
          key: 'caller-id',
          problem: 'caller_id_not_available',
          number: '+14155550101',
          own: ['+14155550100'],
          main: [],
        },
      ],
    });
    expect(refusal(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+1415')))).toMatchObject({
      problems: [{ key: 'caller-id', problem: 'caller_id_number', reason: 'too_short' }],
    });
  });
});

describe('caller ID when a number leaves the user', () => {
  it('goes back to hidden when the number shown is released, and stays when another one is', async () => {
    const [ada] = await people(1, 1);
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), '+14155550105'));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+14155550105')));
    unwrap(await removeNumber(deps, ADMIN, refOf(ada!), '+14155550100'));
    expect((await settingsOf(ada!)).callerId).toEqual({ kind: 'number', number: '+14155550105' });
    const version = (await settingsOf(ada!)).version;
    unwrap(await removeNumber(deps, ADMIN, refOf(ada!), '+14155550105'));
    expect(await settingsOf(ada!)).toMatchObject({ callerId: { kind: 'hidden' }, version: version + 1 });
  });
});

describe('area code', () => {
  it('follows the country of the user’s numbers', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: '200' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+442071838750' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), '+442071838750'));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('area-code=20')));
    expect((await settingsOf(ada!)).areaCode).toBe('20');
  });

  it('follows the country of the site’s numbers when the user has none, else the US', async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'Toronto' }));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14165550100', site: 'Toronto' }));
    const [ada] = await licensedPeople(deps, 1, { site: 'Toronto' });
    const [bob] = await licensedPeople(deps, 1, { prefix: 'UB' });
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('area-code=416')));
    expect(refusal(await setSettings(deps, ADMIN, refOf(bob!), kv('area-code=416')))).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [
        {
          key: 'area-code',
          problem: 'area_code_other_country',
          input: '416',
          country: 'US',
          belongsTo: 'CA',
        },
      ],
    });
    unwrap(await setSettings(deps, ADMIN, refOf(bob!), kv('area-code=212')));
    expect((await settingsOf(ada!)).areaCode).toBe('416');
    expect((await settingsOf(bob!)).areaCode).toBe('212');
  });
});

describe('several keys at once', () => {
  it('applies them together in one audited change', async () => {
    const [ada] = await people(1, 1);
    const result = unwrap(
      await setSettings(
        deps,
        ADMIN,
        refOf(ada!),
        kv('language=ja-JP area-code=415 caller-id=+14155550100 pin=7291'),
      ),
    );
    expect(result.changed.sort()).toEqual(['areaCode', 'callerId', 'language', 'voicemailPin']);
    expect(await settingsOf(ada!)).toMatchObject({
      language: 'ja-JP',
      areaCode: '415',
      callerId: { kind: 'number', number: '+14155550100' },
      voicemailPin: '7291',
      version: 2,
    });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'settings.changed');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toEqual({
      language: 'ja-JP',
      areaCode: '415',
      callerId: { kind: 'number', number: '+14155550100' },
      voicemailPin: '(hidden)',
    });
  });

  it('changes nothing when one key is bad, and names every bad key', async () => {
    const [ada] = await people(1);
    const before = await settingsOf(ada!);
    const auditBefore = await auditRows(database.db);
    const error = refusal(
      await setSettings(
        deps,
        ADMIN,
        refOf(ada!),
        kv('language=en-GB pin=1234567 colour=blue ring-mode=sideways'),
      ),
    );
    expect(error).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [
        { key: 'pin', problem: 'pin_format', length: 7, nonDigits: false },
        { key: 'colour', problem: 'unknown_key' },
        {
          key: 'ring-mode',
          problem: 'choice',
          input: 'sideways',
          choices: ['simultaneous', 'sequential'],
        },
      ],
    });
    expect(await settingsOf(ada!)).toEqual(before);
    expect(await auditRows(database.db)).toEqual(auditBefore);
  });
});

describe('self-service', () => {
  it('lets a phone user set their own PIN, language and ring mode', async () => {
    const [ada] = await people(1);
    unwrap(
      await setSettings(deps, self(ada!), refOf(ada!), kv('pin=2468 language=it-IT ring-mode=sequential')),
    );
    expect(await settingsOf(ada!)).toMatchObject({
      voicemailPin: '2468',
      language: 'it-IT',
      ringMode: 'sequential',
    });
    expect(await deniedCommands()).toEqual([]);
  });

  it('refuses their own area code and caller ID, naming the setting, and audits it', async () => {
    const [ada] = await people(1, 1);
    expect(refusal(await setSettings(deps, self(ada!), refOf(ada!), kv('pin=1111 area-code=415')))).toEqual({
      code: 'SELF_SERVICE_DENIED',
      setting: 'area code',
      reason: 'admin_only',
    });
    expect(refusal(await setSettings(deps, self(ada!), refOf(ada!), kv('caller-id=hidden')))).toEqual({
      code: 'SELF_SERVICE_DENIED',
      setting: 'caller ID',
      reason: 'admin_only',
    });
    expect((await settingsOf(ada!)).voicemailPin).toBe('000000');
    expect(await deniedCommands()).toEqual(['set', 'set']);
  });

  it('refuses anything of someone else’s, and audits it', async () => {
    const [ada, bob] = await people(2);
    expect(refusal(await setSettings(deps, self(ada!), refOf(bob!), kv('pin=1111')))).toEqual({
      code: 'NOT_OWN_SETTINGS',
      command: 'set',
    });
    expect(refusal(await setSettings(deps, STRANGER, refOf(bob!), kv('language=en-GB')))).toEqual({
      code: 'NOT_OWN_SETTINGS',
      command: 'set',
    });
    expect((await settingsOf(bob!)).voicemailPin).toBe('000000');
    expect(await deniedCommands()).toEqual(['set', 'set']);
  });
});

describe('showing the voicemail PIN', () => {
  it('shows it to an admin and to the user, and audits each showing without the PIN', async () => {
    const [ada] = await people(1);
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('pin=5150')));
    const byId = { kind: 'directory' as const, id: ada!.directoryUserId, raw: '#1' };
    expect(unwrap(await revealPin(deps, ADMIN, byId)).pin).toBe('5150');
    expect(unwrap(await revealPin(deps, self(ada!), byId)).pin).toBe('5150');
    const shown = (await auditRows(database.db)).filter((row) => row.action === 'voicemail_pin.shown');
    expect(shown.map((row) => [row.actor, row.before, row.after])).toEqual([
      [ADMIN.slackUserId, null, null],
      [ada!.slackUserId, null, null],
    ]);
    expect(JSON.stringify(await auditRows(database.db))).not.toContain('5150');
  });

  it('refuses anyone else and audits the refusal', async () => {
    const [ada, bob] = await people(2);
    // With whom to ask: the phone admins, by Slack id.
    const refused = { code: 'PIN_NOT_VISIBLE', admins: { first: [ADMIN.slackUserId], total: 1 } };
    expect(refusal(await revealPin(deps, self(bob!), refOf(ada!)))).toEqual(refused);
    expect(refusal(await revealPin(deps, STRANGER, refOf(ada!)))).toEqual(refused);
    expect(await deniedCommands()).toEqual(['show pin', 'show pin']);
  });
});

describe('the blocked list', () => {
  it('blocks numbers and prefixes, normalised, and audits the list before and after', async () => {
    const [ada] = await people(1);
    const first = unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '+1 (415) 555-0123'));
    expect(first.entry).toEqual({ kind: 'number', value: '+14155550123' });
    const second = unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '+4420'));
    expect(second.blocked).toEqual([
      { kind: 'number', value: '+14155550123' },
      { kind: 'prefix', value: '+4420' },
    ]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'blocked.added');
    expect(audit.map((row) => [row.before, row.after])).toEqual([
      [{ blocked: [] }, { blocked: ['+14155550123'] }],
      [{ blocked: ['+14155550123'] }, { blocked: ['+14155550123', '+4420'] }],
    ]);
    expect((await outbox(database.db)).map((row) => row.kind)).toContain('phone_user.blocked_added');
    expect((await settingsOf(ada!)).version).toBe(3);
  });

  it('unblocks an entry however it is spelled', async () => {
    const [ada] = await people(1);
    unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '+14155550123'));
    const removed = unwrap(await removeBlocked(deps, ADMIN, refOf(ada!), '+1 415-555-0123'));
    expect(removed.blocked).toEqual([]);
    expect((await auditRows(database.db)).map((row) => row.action)).toContain('blocked.removed');
  });

  it('refuses a prefix with letters, an invalid number, a repeat and an entry that is not there', async () => {
    const [ada] = await people(1);
    unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '1900'));
    expect(refusal(await addBlocked(deps, ADMIN, refOf(ada!), '+44abc'))).toEqual({
      code: 'BLOCKED_ENTRY_INVALID',
      input: '+44abc',
      reason: 'characters',
    });
    expect(refusal(await addBlocked(deps, ADMIN, refOf(ada!), '+12005550100'))).toMatchObject({
      code: 'NUMBER_INVALID',
    });
    expect(refusal(await addBlocked(deps, ADMIN, refOf(ada!), '1900'))).toEqual({
      code: 'BLOCKED_ALREADY',
      user: personOf(ada!),
      entry: '1900',
    });
    expect(refusal(await removeBlocked(deps, ADMIN, refOf(ada!), '+4420'))).toEqual({
      code: 'BLOCKED_NOT_FOUND',
      user: personOf(ada!),
      entry: '+4420',
    });
    expect(unwrap(await blockedList(deps, ADMIN, refOf(ada!))).blocked).toEqual([
      { kind: 'prefix', value: '1900' },
    ]);
  });

  it('lets a phone user read their own list but not change it, and nobody else read it', async () => {
    const [ada, bob] = await people(2);
    unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '1900'));
    expect(unwrap(await blockedList(deps, self(ada!), refOf(ada!))).blocked).toHaveLength(1);
    expect(refusal(await addBlocked(deps, self(ada!), refOf(ada!), '1800'))).toEqual({
      code: 'SELF_SERVICE_DENIED',
      setting: 'blocked numbers',
      reason: 'admin_only',
    });
    expect(refusal(await blockedList(deps, self(bob!), refOf(ada!)))).toEqual(notAdmin('blocked'));
    expect(await deniedCommands()).toEqual(['block add', 'blocked']);
  });
});

describe('delegation', () => {
  it('adds an assistant, audited on both people, who then shows under “I can assist for”', async () => {
    const [ada, grace] = await people(2);
    const result = unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(grace!)));
    expect(result.by).toBe('admin');
    expect(result.assistants.map((a) => a.person.email)).toEqual([grace!.email]);
    expect((await assistingFor(database.db, grace!.phoneUserId)).map((a) => a.person.email)).toEqual([
      ada!.email,
    ]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'delegation.added');
    expect(audit.map((row) => [row.targetLabel, row.before, row.after])).toEqual([
      [ada!.email, { assistants: [] }, { assistants: [grace!.email] }],
      [grace!.email, { assisting: [] }, { assisting: [ada!.email] }],
    ]);
  });

  it('refuses delegating to oneself, to someone without a phone license, and twice', async () => {
    const [ada, grace] = await people(2);
    expect(refusal(await addAssistant(deps, ADMIN, refOf(ada!), refOf(ada!)))).toEqual({
      code: 'ASSISTANT_SELF',
      user: personOf(ada!),
    });
    deps.profiles.add({ slackUserId: 'UNOLINE01', realName: 'No Line' });
    expect(refusal(await addAssistant(deps, ADMIN, refOf(ada!), slackRef('UNOLINE01')))).toMatchObject({
      code: 'NOT_A_PHONE_USER',
    });
    unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(grace!)));
    expect(refusal(await addAssistant(deps, ADMIN, refOf(ada!), extRef(grace!.extension)))).toEqual({
      code: 'ASSISTANT_ALREADY',
      owner: personOf(ada!),
      assistant: personOf(grace!),
    });
  });

  it('allows 15 assistants and refuses a 16th', async () => {
    const [ada, ...others] = await people(17);
    for (const other of others.slice(0, 15))
      unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(other)));
    expect(refusal(await addAssistant(deps, ADMIN, refOf(ada!), refOf(others[15]!)))).toEqual({
      code: 'ASSISTANT_LIMIT',
      user: personOf(ada!),
      max: 15,
    });
    expect(await assistantsOf(database.db, ada!.phoneUserId)).toHaveLength(15);
  });

  it('lets the owner add and remove their own assistants, but nobody else’s', async () => {
    const [ada, grace, bob] = await people(3);
    expect(unwrap(await addAssistant(deps, self(ada!), refOf(ada!), refOf(grace!))).by).toBe('owner');
    expect(refusal(await addAssistant(deps, self(bob!), refOf(ada!), refOf(bob!)))).toEqual({
      code: 'NOT_OWN_SETTINGS',
      command: 'delegate add',
    });
    expect(refusal(await removeAssistant(deps, self(bob!), refOf(ada!), refOf(grace!)))).toEqual({
      code: 'NOT_OWN_SETTINGS',
      command: 'delegate remove',
    });
    expect(unwrap(await removeAssistant(deps, self(ada!), refOf(ada!), refOf(grace!))).by).toBe('owner');
    expect(await deniedCommands()).toEqual(['delegate add', 'delegate remove']);
  });

  it('lets the assistant end it from their side', async () => {
    const [ada, grace] = await people(2);
    unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(grace!)));
    const ended = unwrap(await removeAssistant(deps, self(grace!), refOf(ada!), refOf(grace!)));
    expect(ended.by).toBe('assistant');
    expect(ended.assistants).toEqual([]);
    expect(refusal(await removeAssistant(deps, self(grace!), refOf(ada!), refOf(grace!)))).toEqual({
      code: 'ASSISTANT_NOT_FOUND',
      owner: personOf(ada!),
      assistant: personOf(grace!),
    });
  });
});

describe('copying settings', () => {
  async function configured(card: PhoneUserCard) {
    await database.db
      .update(phoneUserSettings)
      .set({
        businessHours: {
          kind: 'weekly',
          days: {
            mon: { type: 'interval', from: '22:00', to: '06:00' },
            tue: { type: '24h' },
            wed: { type: 'closed' },
            thu: { type: 'closed' },
            fri: { type: 'closed' },
            sat: { type: 'closed' },
            sun: { type: 'closed' },
          },
        },
        ringMode: 'sequential',
        forwardNumbers: [{ number: '+14155550111', description: 'mobile' }],
        routes: [
          { kind: 'forward', number: '+14155550111', enabled: true, ringSeconds: 30 },
          { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 20 },
          { kind: 'apps', enabled: false, ringSeconds: 15 },
        ],
        closedHours: { action: 'forward' },
        unanswered: { action: 'disconnect' },
        holdMusic: { kind: 'none' },
        language: 'fr-CA',
        areaCode: '415',
        voicemailPin: '9999',
        callerId: { kind: 'hidden' },
      })
      .where(eq(phoneUserSettings.phoneUserId, card.phoneUserId));
  }

  it("copies the basic settings to each user, never the source's forward numbers, desk-phone routes, PIN or caller ID", async () => {
    const [ada, grace, alan] = await people(3);
    await configured(ada!);
    await database.db
      .insert(deskPhones)
      .values({ phoneUserId: grace!.phoneUserId, mac: '00AABBCCDDEE', model: 'T54W' });
    await database.db
      .update(phoneUserSettings)
      .set({
        forwardNumbers: [{ number: '+14155550122', description: 'home' }],
        routes: [
          { kind: 'desk_phone', mac: '00AABBCCDDEE', enabled: true, ringSeconds: 25 },
          { kind: 'apps', enabled: true, ringSeconds: 20 },
          { kind: 'forward', number: '+14155550122', enabled: true, ringSeconds: 40 },
        ],
      })
      .where(eq(phoneUserSettings.phoneUserId, grace!.phoneUserId));
    const result = unwrap(await copySettings(deps, ADMIN, refOf(ada!), [refOf(grace!), refOf(alan!)]));
    expect(result.to.map((card) => card.email)).toEqual([grace!.email, alan!.email]);
    expect(result.kept.map((target) => [target.card.email, target.kept])).toEqual([
      [alan!.email, [{ setting: 'closedHours', reason: 'no_forward_numbers' }]],
    ]);
    const source = await settingsOf(ada!);
    const copied = await settingsOf(grace!);
    expect(copied).toMatchObject({
      businessHours: source.businessHours,
      ringMode: 'sequential',
      forwardNumbers: [{ number: '+14155550122', description: 'home' }],
      closedHours: { action: 'forward' },
      unanswered: { action: 'disconnect' },
      holdMusic: { kind: 'none' },
      language: 'fr-CA',
      areaCode: '415',
      voicemailPin: '000000',
      version: 2,
    });
    // Grace's own routes in her order; only the apps route takes Ada's ring time and on/off.
    expect(copied.routes).toEqual([
      { kind: 'desk_phone', mac: '00AABBCCDDEE', enabled: true, ringSeconds: 25 },
      { kind: 'apps', enabled: false, ringSeconds: 15 },
      { kind: 'forward', number: '+14155550122', enabled: true, ringSeconds: 40 },
    ]);
    // Alan has only the apps: turning them off would leave nothing ringing, so they stay on; without a forward
    // number of his own, his closed hours stay voicemail.
    const alans = await settingsOf(alan!);
    expect(alans.routes).toEqual([{ kind: 'apps', enabled: true, ringSeconds: 15 }]);
    expect(alans.forwardNumbers).toEqual([]);
    expect(alans.closedHours).toEqual({ action: 'voicemail', greetingId: null });
    expect(alans).toMatchObject({
      ringMode: 'sequential',
      language: 'fr-CA',
      unanswered: { action: 'disconnect' },
    });
    const audit = await auditRows(database.db);
    expect(audit.filter((row) => row.action === 'settings.copied').map((row) => row.targetLabel)).toEqual([
      grace!.email,
      alan!.email,
    ]);
    expect(audit.find((row) => row.action === 'settings.copied_to')).toMatchObject({
      targetLabel: ada!.email,
      after: { to: [grace!.email, alan!.email] },
    });
    expect(JSON.stringify(audit)).not.toContain('9999');
  });

  it('copies to nobody when one of the users is not a phone user', async () => {
    const [ada, grace] = await people(2);
    await configured(ada!);
    const before = await database.db
      .select()
      .from(phoneUserSettings)
      .orderBy(asc(phoneUserSettings.phoneUserId));
    deps.profiles.add({ slackUserId: 'UNOLINE01', realName: 'No Line' });
    expect(
      refusal(await copySettings(deps, ADMIN, refOf(ada!), [refOf(grace!), slackRef('UNOLINE01')])),
    ).toMatchObject({
      code: 'NOT_A_PHONE_USER',
    });
    expect(
      await database.db.select().from(phoneUserSettings).orderBy(asc(phoneUserSettings.phoneUserId)),
    ).toEqual(before);
  });

  it('refuses copying to the source itself, to nobody, and to more than 100 users', async () => {
    const [ada, grace] = await people(2);
    expect(refusal(await copySettings(deps, ADMIN, refOf(ada!), [refOf(grace!), refOf(ada!)]))).toEqual({
      code: 'COPY_TO_SELF',
      user: personOf(ada!),
    });
    expect(refusal(await copySettings(deps, ADMIN, refOf(ada!), []))).toEqual({ code: 'NO_USERS' });
    const many = Array.from({ length: 101 }, (_, i) => extRef(String(5000 + i)));
    expect(refusal(await copySettings(deps, ADMIN, refOf(ada!), many))).toEqual({
      code: 'TOO_MANY_USERS',
      requested: 101,
      max: 100,
    });
  });

  it('is for admins only', async () => {
    const [ada, grace] = await people(2);
    expect(refusal(await copySettings(deps, self(ada!), refOf(ada!), [refOf(grace!)]))).toEqual(
      notAdmin('copy'),
    );
    expect(await deniedCommands()).toEqual(['copy']);
  });
});

describe('main numbers', () => {
  it('marks a free number as main, lists it as such and never hands it out', async () => {
    const [ada] = await people(1);
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
    const added = unwrap(await addMainNumber(deps, ADMIN, '+1 415 555 0100'));
    expect(added).toEqual({ number: '+14155550100', main: ['+14155550100'] });
    const rows = unwrap(await numbersOverview(deps, ADMIN, { free: false })).rows;
    expect(rows.map((row) => [row.number, row.isMain])).toEqual([
      ['+14155550100', true],
      ['+14155550101', false],
    ]);
    expect(unwrap(await numbersOverview(deps, ADMIN, { free: true })).rows.map((row) => row.number)).toEqual([
      '+14155550101',
    ]);
    expect(unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined)).number).toBe('+14155550101');
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), '+14155550100'))).toEqual({
      code: 'NUMBER_IS_MAIN',
      number: '+14155550100',
      action: 'assign',
    });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'numbers.main_added');
    expect(audit.map((row) => [row.before, row.after])).toEqual([[{ main: [] }, { main: ['+14155550100'] }]]);
  });

  it('refuses a number a user holds, one not in the inventory, and one already main', async () => {
    await people(1, 1);
    expect(refusal(await addMainNumber(deps, ADMIN, '+14155550100'))).toMatchObject({
      code: 'NUMBER_TAKEN',
      number: '+14155550100',
    });
    expect(refusal(await addMainNumber(deps, ADMIN, '+14155550199'))).toEqual({
      code: 'NUMBER_NOT_IN_INVENTORY',
      number: '+14155550199',
    });
    unwrap(await addMainNumber(deps, ADMIN, '+14155550101'));
    expect(refusal(await addMainNumber(deps, ADMIN, '+14155550101'))).toEqual({
      code: 'MAIN_NUMBER_ALREADY',
      number: '+14155550101',
    });
  });

  it('keeps a main number in the inventory and main while it is someone’s caller ID', async () => {
    const [ada] = await people(1);
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addMainNumber(deps, ADMIN, '+14155550100'));
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=+14155550100')));
    expect(refusal(await removeInventoryNumber(deps, ADMIN, '+14155550100'))).toEqual({
      code: 'NUMBER_IS_MAIN',
      number: '+14155550100',
      action: 'remove',
    });
    expect(refusal(await removeMainNumber(deps, ADMIN, '+14155550100'))).toEqual({
      code: 'MAIN_NUMBER_IS_CALLER_ID',
      number: '+14155550100',
      users: [personOf(ada!)],
    });
    unwrap(await setSettings(deps, ADMIN, refOf(ada!), kv('caller-id=hidden')));
    expect(unwrap(await removeMainNumber(deps, ADMIN, '+14155550100'))).toEqual({
      number: '+14155550100',
      main: [],
    });
    expect(refusal(await removeMainNumber(deps, ADMIN, '+14155550100'))).toEqual({
      code: 'NOT_MAIN_NUMBER',
      number: '+14155550100',
    });
    unwrap(await removeInventoryNumber(deps, ADMIN, '+14155550100'));
  });

  it('is kept from being a user’s number by the database itself', async () => {
    const [ada] = await people(1);
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addMainNumber(deps, ADMIN, '+14155550100'));
    const error = await database.db
      .update(phoneNumbers)
      .set({ phoneUserId: ada!.phoneUserId })
      .where(eq(phoneNumbers.number, '+14155550100'))
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(String((error as { cause?: unknown })?.cause ?? error)).toContain('phone_numbers_main_unassigned');
  });

  it('is for admins only', async () => {
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    expect(refusal(await addMainNumber(deps, STRANGER, '+14155550100'))).toEqual(
      notAdmin('numbers main add'),
    );
  });
});
