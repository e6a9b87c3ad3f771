import { beforeEach, describe, expect, it } from 'vitest';
import { phoneUserSettings } from '../../../db/schema/index.ts';
import type { Route } from '../../../src/domain/settings.ts';
import { uploadAudio } from '../../../src/services/audio.ts';
import { addPlan } from '../../../src/services/phone-user-changes.ts';
import { addForwardNumber } from '../../../src/services/settings/call-handling.ts';
import { saveCallHandling } from '../../../src/services/settings/call-handling-form.ts';
import { whileCurrent } from '../../../src/services/settings/core.ts';
import { setSettings } from '../../../src/services/settings/set-settings.ts';
import { saveVoicemailForm } from '../../../src/services/settings/voicemail-form.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
import { wavFile } from '../../support/audio.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { ADMIN, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

const MOBILE = '+14155550123';
const apps: Route = { kind: 'apps', enabled: true, ringSeconds: 20 };
const mobile: Route = { kind: 'forward', number: MOBILE, enabled: true, ringSeconds: 30 };

let deps: ReturnType<typeof makeDeps>;
let bob: PhoneUserCard;
let carol: PhoneUserCard;
const as = (card: PhoneUserCard) => ({ slackUserId: card.slackUserId ?? '' });

/** Everything a refused change could have touched: every table, and every phone user's settings row. */
const everything = async () => ({
  tables: await snapshotWithoutAudit(database.db),
  settings: await database.db.select().from(phoneUserSettings).orderBy(phoneUserSettings.phoneUserId),
});

beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 10 });
  [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
  // Bob forwards outside the account, an outbound call: he has a calling plan.
  unwrap(await addPlan(deps, ADMIN, refOf(bob), 'US/CA Unlimited'));
});

describe('saving the call-handling form', () => {
  it('writes routing, unanswered and closed hours in one change with one audit row and one outbox change', async () => {
    unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, 'Mobile'));
    const result = unwrap(
      await saveCallHandling(deps, ADMIN, refOf(bob), {
        routing: { ringMode: 'sequential', routes: [mobile, apps] },
        unanswered: 'disconnect',
        closed: 'forward',
      }),
    );
    expect(result.changed).toEqual(['ringMode', 'routes', 'unanswered', 'closedHours']);
    expect(result.routingChanged).toBe(true);
    const stored = await readSettings(database.db, bob.phoneUserId);
    expect(stored).toMatchObject({
      ringMode: 'sequential',
      routes: [mobile, apps],
      unanswered: { action: 'disconnect' },
      closedHours: { action: 'forward' },
      version: 3,
    });
    const rows = (await auditRows(database.db)).filter((r) => r.action === 'call_handling.changed');
    expect(rows).toEqual([
      expect.objectContaining({
        actor: ADMIN.slackUserId,
        before: {
          ringMode: 'simultaneous',
          routes: [apps, { ...mobile, ringSeconds: 20 }],
          unanswered: { action: 'voicemail', greetingId: null },
          closedHours: { action: 'voicemail', greetingId: null },
        },
        after: {
          ringMode: 'sequential',
          routes: [mobile, apps],
          unanswered: { action: 'disconnect' },
          closedHours: { action: 'forward' },
        },
      }),
    ]);
    const changes = (await outbox(database.db)).filter((c) => c.kind === 'phone_user.settings_changed');
    expect(changes).toHaveLength(2);
  });

  it('writes nothing and audits nothing when the form is saved unchanged', async () => {
    const before = await everything();
    const result = unwrap(
      await saveCallHandling(deps, ADMIN, refOf(bob), {
        routing: { ringMode: 'simultaneous', routes: [apps] },
        unanswered: 'voicemail',
        closed: 'voicemail',
      }),
    );
    expect(result).toMatchObject({ changed: [], routingChanged: false });
    expect(await everything()).toEqual(before);
    expect((await auditRows(database.db)).map((r) => r.action)).not.toContain('call_handling.changed');
  });

  it('refuses the whole save when closed hours forward without forward numbers, keeping the valid routing unsaved', async () => {
    const before = await everything();
    const result = await saveCallHandling(deps, ADMIN, refOf(bob), {
      routing: { ringMode: 'sequential', routes: [apps] },
      unanswered: 'disconnect',
      closed: 'forward',
    });
    expect(refusal(result)).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [{ key: 'closed', problem: 'closed_needs_forward' }],
    });
    expect(await everything()).toEqual(before);
  });

  it('refuses a ring time off the 5-second steps, naming the route, and changes nothing', async () => {
    const before = await everything();
    const result = await saveCallHandling(deps, ADMIN, refOf(bob), {
      routing: { ringMode: 'simultaneous', routes: [{ ...apps, ringSeconds: 17 }] },
      unanswered: 'disconnect',
      closed: 'voicemail',
    });
    expect(refusal(result)).toEqual({
      code: 'ROUTES_INVALID',
      problem: 'ring_seconds',
      route: 'apps',
      value: '17',
    });
    expect(await everything()).toEqual(before);
  });

  it('lets a phone user save their own call handling', async () => {
    const result = await saveCallHandling(deps, as(bob), refOf(bob), {
      routing: { ringMode: 'sequential', routes: [apps] },
      unanswered: 'voicemail',
      closed: 'disconnect',
    });
    expect(unwrap(result).changed).toEqual(['ringMode', 'closedHours']);
  });

  it("refuses a phone user saving someone else's call handling, audits the attempt and changes nothing", async () => {
    const before = await everything();
    const result = await saveCallHandling(deps, as(bob), refOf(carol), {
      routing: { ringMode: 'sequential', routes: [apps] },
      unanswered: 'voicemail',
      closed: 'disconnect',
    });
    expect(refusal(result)).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'settings' });
    expect(await everything()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied).toEqual([expect.objectContaining({ actor: bob.slackUserId, targetId: 'settings' })]);
  });

  it('refuses a save from a form opened before someone else changed the user', async () => {
    const { version } = await readSettings(database.db, bob.phoneUserId);
    unwrap(await addForwardNumber(deps, ADMIN, refOf(bob), MOBILE, ''));
    const before = await everything();
    const result = await whileCurrent({ version, openedAt: new Date(0) }, () =>
      saveCallHandling(deps, ADMIN, refOf(bob), {
        routing: { ringMode: 'sequential', routes: [apps] },
        unanswered: 'voicemail',
        closed: 'disconnect',
      }),
    );
    expect(refusal(result).code).toBe('SETTINGS_STALE');
    expect(await everything()).toEqual(before);
  });
});

describe('saving the voicemail form', () => {
  const unchanged = {
    language: 'en-US',
    pin: undefined,
    greeting: { kind: 'default' },
    holdMusic: { kind: 'default' },
  } as const;

  async function uploaded(card: PhoneUserCard, filename: string) {
    const result = await uploadAudio(deps, ADMIN, {
      owner: refOf(card),
      purpose: 'hold music',
      filename,
      content: wavFile(),
    });
    return unwrap(result).audio;
  }

  it('writes language, PIN, greeting and hold music in one change, with the PIN hidden in the audit row', async () => {
    const welcome = await uploaded(bob, 'welcome.wav');
    unwrap(
      await saveCallHandling(deps, ADMIN, refOf(bob), {
        routing: { ringMode: 'simultaneous', routes: [apps] },
        unanswered: 'voicemail',
        closed: 'voicemail',
      }),
    );
    const result = unwrap(
      await saveVoicemailForm(deps, ADMIN, refOf(bob), {
        language: 'fr-CA',
        pin: '4321',
        greeting: { kind: 'audio', audioId: welcome.id },
        holdMusic: { kind: 'none' },
      }),
    );
    expect(result.changed).toEqual(['language', 'voicemailPin', 'greeting', 'holdMusic']);
    const stored = await readSettings(database.db, bob.phoneUserId);
    expect(stored).toMatchObject({
      language: 'fr-CA',
      voicemailPin: '4321',
      unanswered: { action: 'voicemail', greetingId: welcome.id },
      closedHours: { action: 'voicemail', greetingId: welcome.id },
      holdMusic: { kind: 'none' },
    });
    const rows = (await auditRows(database.db)).filter((r) => r.action === 'voicemail_settings.changed');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.after).toMatchObject({
      language: 'fr-CA',
      voicemailPin: '(hidden)',
      holdMusic: { kind: 'none' },
    });
    expect(JSON.stringify(await auditRows(database.db))).not.toContain('4321');
    expect(JSON.stringify(await outbox(database.db))).not.toContain('4321');
  });

  it('keeps the PIN when none is given, and writes nothing when nothing changed', async () => {
    const before = await everything();
    const result = unwrap(await saveVoicemailForm(deps, ADMIN, refOf(bob), unchanged));
    expect(result.changed).toEqual([]);
    expect(await everything()).toEqual(before);
  });

  it('does not turn voicemail on for unanswered calls when the greeting was left as it was', async () => {
    unwrap(
      await saveCallHandling(deps, ADMIN, refOf(bob), {
        routing: { ringMode: 'simultaneous', routes: [apps] },
        unanswered: 'disconnect',
        closed: 'disconnect',
      }),
    );
    unwrap(await saveVoicemailForm(deps, ADMIN, refOf(bob), { ...unchanged, language: 'de-DE' }));
    expect((await readSettings(database.db, bob.phoneUserId)).unanswered).toEqual({ action: 'disconnect' });
  });

  it('refuses a 7-digit PIN and an unknown language together, changing nothing and never repeating the PIN', async () => {
    const before = await everything();
    const result = await saveVoicemailForm(deps, ADMIN, refOf(bob), {
      ...unchanged,
      language: 'xx-XX',
      pin: '1234567',
    });
    expect(refusal(result)).toEqual({
      code: 'SETTINGS_INVALID',
      problems: [
        expect.objectContaining({ key: 'language', problem: 'choice' }),
        { key: 'pin', problem: 'pin_format', length: 7, nonDigits: false },
      ],
    });
    expect(await everything()).toEqual(before);
  });

  it("refuses audio from someone else's library", async () => {
    const carols = await uploaded(carol, 'carol.wav');
    const before = await everything();
    const result = await saveVoicemailForm(deps, ADMIN, refOf(bob), {
      ...unchanged,
      holdMusic: { kind: 'audio', audioId: carols.id },
    });
    expect(refusal(result)).toMatchObject({ code: 'AUDIO_NOT_FOUND', name: `#${carols.id}` });
    expect(await everything()).toEqual(before);
  });

  it("refuses a phone user changing someone else's voicemail, and audits the attempt", async () => {
    const before = await everything();
    const result = await saveVoicemailForm(deps, as(bob), refOf(carol), { ...unchanged, pin: '1111' });
    expect(refusal(result)).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'settings' });
    expect(await everything()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied).toEqual([expect.objectContaining({ actor: bob.slackUserId })]);
  });
});

describe('saving the caller ID form', () => {
  it('refuses a phone user setting their own caller ID and area code (admins only), and audits it', async () => {
    const before = await everything();
    const result = await setSettings(deps, as(bob), refOf(bob), [
      { key: 'caller-id', value: 'hidden' },
      { key: 'area-code', value: '415' },
    ]);
    expect(refusal(result)).toMatchObject({ code: 'SELF_SERVICE_DENIED', reason: 'admin_only' });
    expect(await everything()).toEqual(before);
    const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
    expect(denied).toEqual([expect.objectContaining({ actor: bob.slackUserId })]);
  });
});
