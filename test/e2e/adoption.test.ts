import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  blockedNumbers,
  delegations,
  deskPhones,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
} from '../../db/schema/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { BACKGROUND_RATES, scaledRates } from '../../src/slack/pacer.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, mention, phoneCommands } from '../support/phone.ts';
import { buttonsOf } from '../support/undo.ts';
import { csvUploads } from '../support/uploads.ts';
import { colleagueEmail, fasterZoom, syncRowOf, useLocalZoom, weekdayHours } from '../support/zoom.ts';

/**
 * An admin connects Switchboard to a Zoom Phone account that already has people, sites, plans and numbers, and
 * adopts it from Slack: a preview first, then one click writes it into Switchboard and sends Zoom nothing.
 */
const NUMBERS = ['+14155550100', '+14155550101'];
// Ten times Zoom's limits on both sides: a read of 1,100 people's settings takes seconds, not a minute.
const faster = fasterZoom(10);
const local = useLocalZoom({ numbers: NUMBERS, options: () => faster.options, rates: faster.rates });
// Linking 500 adopted people to Slack at Slack's pace would take ten minutes: the stand-in allows it a hundred times faster.
const sb = useSwitchboard({
  phoneSystem: local.phoneSystem,
  backgroundRates: scaledRates(BACKGROUND_RATES, 100),
});
const { phone, phoneChange, phoneReply, setupAccount, license, clickOn } = phoneCommands(sb);
const { attachedFile } = csvUploads(sb);
const emailOf = colleagueEmail;

const zoomUserId = (email: string) => local.userIdOf(email);

/** The calls Switchboard sent Zoom that change something. */
const zoomWrites = () => local.zoom.requests().filter((r) => r.method !== 'GET' && r.path !== '/oauth/token');

/** Lines set up in Zoom's portal before Switchboard was connected. */
async function existingZoomAccount() {
  const boston = local.zoom.seedSite({ name: 'Boston' });
  local.zoom.seedUsers([
    { email: emailOf(5), firstName: 'Colleague', lastName: '5', zoomPhone: { extensionNumber: '2001' } },
    {
      email: emailOf(6),
      firstName: 'Colleague',
      lastName: '6',
      zoomPhone: { extensionNumber: '2002', siteId: boston.id },
    },
    { email: emailOf(7), firstName: 'Colleague', lastName: '7', zoomPhone: { extensionNumber: '2003' } },
    { email: 'cher@example.com', firstName: 'Cher', lastName: '', zoomPhone: { extensionNumber: '2004' } },
  ]);
  const plan = await local.client.phone.POST('/phone/users/{userId}/calling_plans', {
    params: { path: { userId: zoomUserId(emailOf(5)) } },
    body: { calling_plans: [{ type: 200 }] },
  });
  expect(plan.response.ok).toBe(true);
  const number = await local.client.phone.POST('/phone/users/{userId}/phone_numbers', {
    params: { path: { userId: zoomUserId(emailOf(5)) } },
    body: { phone_numbers: [{ number: NUMBERS[0] }] },
  });
  expect(number.response.ok).toBe(true);
  local.zoom.seedCallQueue({
    name: 'Front Desk',
    extensionNumber: '2100',
    members: [emailOf(5), emailOf(6)],
  });
  local.zoom.seedAutoReceptionist({ name: 'Reception', extensionNumber: '2200', operator: emailOf(6) });
}

/** Colleague 5's settings as set in Zoom's portal, and colleague 7's hold music, which Switchboard cannot hold. */
async function portalSettings() {
  const { client } = local;
  const ada = { userId: zoomUserId(emailOf(5)) };
  const ok = (answer: { response: Response }) => expect(answer.response.ok).toBe(true);
  ok(
    await client.phone.PATCH('/phone/users/{userId}/settings', {
      params: { path: ada },
      body: {
        area_code: '415',
        audio_prompt_language: 'fr-CA',
        outbound_caller_id: NUMBERS[0],
        business_hours_settings: {
          business_hour_type: 2,
          business_hours: [
            { weekday: 1, type: 0 },
            ...([2, 3, 4, 5, 6] as const).map((weekday) => ({
              weekday,
              type: 2 as const,
              from: '08:00',
              to: '18:00',
            })),
            { weekday: 7, type: 0 },
          ],
        },
      },
    }),
  );
  ok(
    await client.phone.PATCH('/phone/users/{userId}/settings/{settingType}', {
      params: { path: { ...ada, settingType: 'desk_phone' } },
      body: { desk_phone: { pin_code: '4821' } },
    }),
  );
  const lines = local.zoom.snapshot().phoneUsers;
  const extensionOf = (email: string) => lines.find((p) => p.email === email)?.extensionId ?? '';
  ok(
    await client.phone.POST('/phone/users/{userId}/settings/{settingType}', {
      params: { path: { ...ada, settingType: 'delegation' } },
      body: { delegation_assistant_extension_id: extensionOf(emailOf(6)) },
    }),
  );
  ok(
    await client.phone.POST('/phone/extension/{extensionId}/inbound_blocked/rules', {
      params: { path: { extensionId: extensionOf(emailOf(5)) } },
      body: { match_type: 'phoneNumber', blocked_number: '+19005550100', type: 'block_for_other_reasons' },
    }),
  );
  ok(
    await client.phone.POST('/phone/devices', {
      body: {
        mac_address: '805ec0010203',
        type: 'yealink',
        model: 'T54W',
        display_name: 'Front desk phone',
        assigned_to: ada.userId,
      },
    }),
  );
  ok(
    await client.phone.PATCH('/phone/users/{userId}/settings', {
      params: { path: { userId: zoomUserId(emailOf(7)) } },
      body: { music_on_hold_id: 'uploaded-jazz' },
    }),
  );
}

describe('/phone adopt', () => {
  it('adopts an account into an empty Switchboard, sending Zoom nothing, and a second time changes nothing', async () => {
    await existingZoomAccount();
    await portalSettings();
    const writesBefore = zoomWrites().length;
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const filesBefore = sb.slack.messages(dm).filter((m) => m.files?.length).length;

    const preview = await phone('adopt');
    expect(preview.where).toBe('ephemeral');
    expect(preview.text).toContain("*Adopting Zoom Phone's account*");
    expect(preview.text).toContain(
      '4 lines.\nTo create: 3 · To update: 0 · Already equal: 0 · Conflicts: 0 · Refused: 1',
    );
    expect(preview.text).toContain(
      `Account: 1 site to add (Boston); plan counts to raise (US/CA Unlimited 0 → 10); 2 numbers to add; call queues to add or complete (Front Desk with 2 members); auto receptionists to add or give an operator (Reception, operator ${emailOf(6)}).`,
    );
    expect(preview.text).toMatch(
      /\*Refused\* by Switchboard's rules \(not adopted\):\n• Line 5, cher@example\.com: Last Name: /,
    );
    expect(preview.text).toContain(
      `*Settings*: read from Zoom Phone for 2 people, and taken where they differ; 1 keep theirs in Zoom Phone, which holds what Switchboard cannot:\n• Line 4, ${emailOf(7)}: settings: Their hold music is audio uploaded to the phone system.`,
    );
    expect(buttonsOf(preview.message).map((b) => b.text.text)).toEqual(['Adopt 3', 'Cancel']);

    const delivered = await sb.slack.waitFor(() =>
      sb.slack
        .messages(dm)
        .filter((m) => m.files?.length)
        .at(filesBefore),
    );
    const file = attachedFile(delivered);
    expect(file.name).toMatch(/^adoption-\d{12}\.csv$/);
    const rows = file.text.split('\r\n');
    expect(rows.slice(0, 3)).toEqual([
      'Line,Email,Outcome,Detail,Settings',
      `2,${emailOf(5)},create,extension 2001,taken`,
      `3,${emailOf(6)},create,extension 2002,taken`,
    ]);
    expect(rows[3]).toMatch(
      new RegExp(
        `^4,${emailOf(7)},create,extension 2003,"kept in the phone system: settings: Their hold music`,
      ),
    );
    // The PIN is nowhere in what the admin is shown.
    expect(file.text).not.toContain('4821');
    expect(preview.text).not.toContain('4821');
    expect(rows[4]).toBe(
      '5,cher@example.com,refused,"Last Name: the phone system gives cher@example.com no last name, which Switchboard\'s directory needs. Add it there and adopt again, or add them here with /phone user add <email> <first> <last> first.",',
    );
    // The preview changed nothing: no phone users in Switchboard yet.
    expect(await sb.app.deps.db.select().from(phoneUsers)).toEqual([]);

    const adopted = await clickOn(preview, ACTIONS.adoptAll, { value: buttonsOf(preview.message)[0]?.value });
    expect(adopted).toBe(
      ":white_check_mark: Adopted Zoom Phone's account: 3 people created, 0 updated, 0 already equal, 1 refused; 1 site, 1 plan count, 2 numbers, 1 call queue, 1 auto receptionist added. Nothing was sent to Zoom Phone. People are linked to their Slack accounts in the background; settings were taken for 2 people, and stay in Zoom Phone for 1 (see the preview's file).",
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({
      [emailOf(5)]: '2001',
      [emailOf(6)]: '2002',
      [emailOf(7)]: '2003',
    });
    const card = await phoneReply(`show ${mention(colleague(5))}`);
    expect(card).toContain('2001');
    expect(card).toContain('US/CA Unlimited');
    expect(card).toContain(NUMBERS[0]);
    expect(card).not.toContain('*Settings* are kept in Zoom Phone');
    // Colleague 5's settings are Switchboard's now, as Zoom's portal had them.
    const settings = await adoptedSettingsOf(emailOf(5));
    expect(settings).toMatchObject({
      areaCode: '415',
      language: 'fr-CA',
      voicemailPin: '4821',
      callerId: { kind: 'number', number: NUMBERS[0] },
      holdMusic: { kind: 'default' },
      blocked: ['+19005550100'],
      assistants: [emailOf(6)],
      deskPhones: ['805EC0010203'],
    });
    expect(settings.businessHours).toMatchObject({
      kind: 'weekly',
      days: { mon: { type: 'interval', from: '08:00', to: '18:00' }, sat: { type: 'closed' } },
    });
    expect(await phoneReply(`show ${mention(colleague(7))}`)).toContain(
      '*Settings* are kept in Zoom Phone: this line was adopted from it',
    );
    expect(await phoneReply(`show ${mention(colleague(6))}`)).toContain('Boston');
    expect(await phoneReply('receptionists')).toContain('Reception');
    expect(await phoneReply('receptionists')).toContain(mention(colleague(6)));
    expect(await phoneReply('queues')).toContain(
      `• *Front Desk* · ext \`2100\` · Main · ${mention(colleague(5))}, ${mention(colleague(6))}`,
    );
    for (const i of [5, 6, 7]) expect(await syncRowOf(sb, emailOf(i))).toMatchObject({ state: 'in_sync' });
    await sb.app.sync?.idle();
    expect(zoomWrites().length).toBe(writesBefore);
    const [audit] = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'adoption.applied'));
    expect(audit).toMatchObject({
      actor: ADMIN_ID,
      after: { choice: 'all', create: 3, invalid: 1, sites: 1 },
    });
    // Each person is linked to their Slack account by email in the background, and told nothing.
    await eventually(async () => {
      const [person] = await sb.app.deps.db
        .select()
        .from(directoryUsers)
        .where(eq(directoryUsers.email, emailOf(7)));
      return person?.slackUserId === colleague(7);
    });
    expect(sb.slack.messages(sb.slack.dmChannel(colleague(7)))).toEqual([]);

    // Colleague 7's settings stay Zoom's: Switchboard refuses to change them.
    const refused = await phoneReply(`block add ${mention(colleague(7))} +14155550199`);
    expect(refused).toContain(`the line of ${emailOf(7)} was adopted from the phone system`);
    expect(await phoneReply(`settings ${mention(colleague(7))}`)).toContain(
      `the line of ${emailOf(7)} was adopted from the phone system`,
    );

    // Adopting again finds everything equal.
    const again = await phone('adopt');
    expect(again.text).toContain(
      'To create: 0 · To update: 0 · Already equal: 3 · Conflicts: 0 · Refused: 1',
    );
    expect(again.text).toContain(
      'Nothing to adopt: Switchboard already holds every line it accepts. 0 changes.',
    );
    expect(buttonsOf(again.message)).toEqual([]);
    // The first preview now says what it adopted, without its buttons.
    const shown = sb.slack
      .ephemerals(ADMIN_ID, CHANNEL)
      .find((e) => e.id === (preview.message as { id: string }).id);
    expect(shown && buttonsOf(shown)).toEqual([]);

    // Colleague 5's settings are Switchboard's: a change is sent to Zoom, and only that change, since the rest of
    // what Switchboard holds is what Zoom holds.
    await phoneChange(`block add ${mention(colleague(5))} +14155550199`);
    await sb.app.sync?.idle();
    expect(await syncRowOf(sb, emailOf(5))).toMatchObject({ state: 'in_sync' });
    // Zoom had given the line no emergency address at all; Switchboard's "none of their own" is the site's.
    expect(
      zoomWrites()
        .slice(writesBefore)
        .map((r) => `${r.method} ${r.template}`),
    ).toEqual(['POST /phone/extension/{extensionId}/inbound_blocked/rules', 'PATCH /phone/users/{userId}']);
    const line = local.zoom.snapshot().phoneUsers.find((p) => p.email === emailOf(5));
    expect(line?.blockedRules.map((rule) => rule.blockedNumber).sort()).toEqual([
      '+14155550199',
      '+19005550100',
    ]);
    expect(line?.emergencyAddressId).toMatch(/^ea/);
  });

  it('leaves conflicts as Switchboard has them with "Adopt the others", and takes them with "Adopt N"', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)], 'plan:200');
    await sb.app.sync?.idle();
    // In the portal: colleague 1 moves to 1500, colleague 2 gets a number, colleague 5 gets a line.
    const moved = await local.client.phone.PATCH('/phone/users/{userId}', {
      params: { path: { userId: zoomUserId(emailOf(1)) } },
      body: { extension_number: '1500' },
    });
    expect(moved.response.status).toBe(204);
    const numbered = await local.client.phone.POST('/phone/users/{userId}/phone_numbers', {
      params: { path: { userId: zoomUserId(emailOf(2)) } },
      body: { phone_numbers: [{ number: NUMBERS[1] }] },
    });
    expect(numbered.response.ok).toBe(true);
    local.zoom.seedUsers([
      { email: emailOf(5), firstName: 'Colleague', lastName: '5', zoomPhone: { extensionNumber: '1700' } },
    ]);
    const writesBefore = zoomWrites().length;

    const preview = await phone('adopt');
    expect(preview.text).toContain(
      'To create: 1 · To update: 1 · Already equal: 0 · Conflicts: 1 · Refused: 0',
    );
    expect(preview.text).toContain(
      `• Line 2, ${emailOf(1)}: extension \`1000\` here, \`1500\` in Zoom Phone`,
    );
    expect(buttonsOf(preview.message).map((b) => b.text.text)).toEqual([
      'Adopt 3',
      'Adopt the others (2)',
      'Cancel',
    ]);
    const others = buttonsOf(preview.message)[1]?.value;
    expect(await clickOn(preview, ACTIONS.adoptOthers, { value: others })).toContain(
      '1 person created, 1 updated, 1 conflict left as Switchboard has them, 0 already equal',
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toMatchObject({
      [emailOf(1)]: '1000',
      [emailOf(5)]: '1700',
    });
    expect(await phoneReply(`show ${mention(colleague(2))}`)).toContain(NUMBERS[1]);
    await sb.app.sync?.idle();
    expect(zoomWrites().length).toBe(writesBefore);

    const second = await phone('adopt');
    expect(second.text).toContain(
      'To create: 0 · To update: 0 · Already equal: 2 · Conflicts: 1 · Refused: 0',
    );
    expect(await clickOn(second, ACTIONS.adoptAll, { value: buttonsOf(second.message)[0]?.value })).toContain(
      '1 conflict taken from Zoom Phone',
    );
    expect((await extensionsByEmail(sb.app.deps.db))[emailOf(1)]).toBe('1500');
    expect(await phoneReply('adopt')).toContain('0 changes');
    await sb.app.sync?.idle();
    expect(zoomWrites().length).toBe(writesBefore);
  });

  it("takes the settings changed in Zoom's portal of people Switchboard has, and keeps those it cannot hold", async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)], 'plan:200');
    await sb.app.sync?.idle();
    const ok = (answer: { response: Response }) => expect(answer.response.ok).toBe(true);
    const first = { userId: zoomUserId(emailOf(1)) };
    ok(
      await local.client.phone.PATCH('/phone/users/{userId}/settings', {
        params: { path: first },
        body: {
          business_hours_settings: weekdayHours('09:00', '17:00'),
        },
      }),
    );
    ok(
      await local.client.phone.PATCH('/phone/users/{userId}/settings/{settingType}', {
        params: { path: { ...first, settingType: 'desk_phone' } },
        body: { desk_phone: { pin_code: '9876' } },
      }),
    );
    ok(
      await local.client.phone.PATCH('/phone/users/{userId}/settings', {
        params: { path: { userId: zoomUserId(emailOf(2)) } },
        body: { music_on_hold_id: 'uploaded-jazz' },
      }),
    );
    const writesBefore = zoomWrites().length;

    const preview = await phone('adopt');
    expect(preview.text).toContain('To create: 0 · To update: 1 · Already equal: 1');
    expect(preview.text).toContain(
      `*Settings*: read from Zoom Phone for 1 person, and taken where they differ; 1 keep theirs in Zoom Phone, which holds what Switchboard cannot:\n• Line 3, ${emailOf(2)}: settings: Their hold music is audio uploaded to the phone system.`,
    );
    expect(preview.text).not.toContain('9876');
    const adopted = await clickOn(preview, ACTIONS.adoptAll, { value: buttonsOf(preview.message)[0]?.value });
    expect(adopted).toContain('0 people created, 1 updated, 1 already equal');
    expect(adopted).toContain('settings were taken for 1 person, and stay in Zoom Phone for 1');

    const settings = await adoptedSettingsOf(emailOf(1));
    expect(settings.voicemailPin).toBe('9876');
    expect(settings.businessHours).toMatchObject({
      kind: 'weekly',
      days: { mon: { type: 'interval', from: '09:00', to: '17:00' }, sun: { type: 'closed' } },
    });
    const [audit] = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.adopted'));
    expect(audit).toMatchObject({
      actor: ADMIN_ID,
      targetLabel: emailOf(1),
      before: { voicemailPin: '(hidden)', businessHours: { kind: 'always' } },
      after: { voicemailPin: '(hidden)', businessHours: { kind: 'weekly' } },
    });
    // Colleague 2 was Switchboard's; their settings are the phone system's from now on, and Switchboard says so.
    expect(await phoneReply(`show ${mention(colleague(2))}`)).toContain('*Settings* are kept in Zoom Phone');
    await sb.app.sync?.idle();
    expect(zoomWrites().length).toBe(writesBefore);
    expect(await phoneReply('adopt')).toContain('0 changes');
  });

  it('adopts 500 people with their settings, keeps the few it cannot hold in Zoom, and a second time changes nothing', async () => {
    const PEOPLE = 500;
    local.zoom.seedPlans([{ type: 200, subscribed: PEOPLE }]);
    local.zoom.seedUsers(
      Array.from({ length: PEOPLE }, (_, i) => ({
        email: `person${i}@example.com`,
        firstName: 'Person',
        lastName: String(i),
        zoomPhone: {
          extensionNumber: String(3000 + i),
          plans: [200],
          settings: {
            pinCode: String(4000 + i),
            ...(i % 3 === 0 ? { areaCode: '415', audioPromptLanguage: 'es-US' } : {}),
            ...(i % 5 === 0 ? { businessHours: weekdayHours('08:30', '17:30') } : {}),
            ...(i % 7 === 0 ? { blocked: [`+1900555${String(i).padStart(4, '0')}`] } : {}),
            ...(i % 100 === 1 ? { musicOnHoldId: 'uploaded-jazz' } : {}),
          },
        },
      })),
    );
    const writesBefore = zoomWrites().length;
    const preview = await phone('adopt');
    expect(preview.text).toContain(
      'To create: 500 · To update: 0 · Already equal: 0 · Conflicts: 0 · Refused: 0',
    );
    expect(preview.text).toContain(
      '*Settings*: read from Zoom Phone for 495 people, and taken where they differ; 5 keep theirs in Zoom Phone',
    );
    expect(
      await clickOn(preview, ACTIONS.adoptAll, { value: buttonsOf(preview.message)[0]?.value }),
    ).toContain('500 people created');
    for (const i of [0, 35, 42]) {
      const settings = await adoptedSettingsOf(`person${i}@example.com`);
      expect(settings.voicemailPin).toBe(String(4000 + i));
      expect(settings.areaCode).toBe(i % 3 === 0 ? '415' : null);
      expect(settings.language).toBe(i % 3 === 0 ? 'es-US' : 'en-US');
      expect(settings.businessHours?.kind).toBe(i % 5 === 0 ? 'weekly' : 'always');
      expect(settings.blocked).toEqual(i % 7 === 0 ? [`+1900555${String(i).padStart(4, '0')}`] : []);
    }
    const flagged = await sb.app.deps.db
      .select({ email: directoryUsers.email })
      .from(phoneUsers)
      .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
      .where(eq(phoneUsers.settingsInPhoneSystem, true));
    expect(flagged.map((row) => row.email).sort()).toEqual(
      [1, 101, 201, 301, 401].map((i) => `person${i}@example.com`).sort(),
    );
    await sb.app.sync?.idle();
    expect(
      zoomWrites()
        .slice(writesBefore)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([]);
    const again = await phone('adopt');
    expect(again.text).toContain('To create: 0 · To update: 0 · Already equal: 500');
    expect(again.text).toContain('0 changes');
  });

  it('says how far it got while reading a large account, then previews it', async () => {
    local.zoom.seedUsers(
      Array.from({ length: 1100 }, (_, i) => ({
        email: `person${i}@example.com`,
        firstName: 'Person',
        lastName: String(i),
        zoomPhone: { extensionNumber: String(3000 + i) },
      })),
    );
    const before = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    const ack = await sb.slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'adopt' });
    expect(ack.status).toBe(200);
    const shown = await sb.slack.waitFor(() => {
      const added = sb.slack.ephemerals(ADMIN_ID, CHANNEL).slice(before);
      return added.length >= 2 ? added.map((e) => visibleText(e)) : undefined;
    });
    expect(shown[0]).toBe(
      ":hourglass_flowing_sand: Reading Zoom Phone's account at its rate limits: 100 of 1,100 lines so far. Each person's settings are read next, a few calls each: this takes a while. The preview follows here; nothing is adopted until you click.",
    );
    expect(shown[1]).toContain('To create: 1,100 · To update: 0');
  });

  it('is for admins, cancels, and says what is wrong when Zoom cannot be read', async () => {
    await existingZoomAccount();
    expect(await phoneReply('adopt', colleague(1))).toContain('Only phone admins can use `/phone adopt`');
    const preview = await phone('adopt');
    const cancel = buttonsOf(preview.message).find((b) => b.action_id === ACTIONS.adoptCancel);
    expect(await clickOn(preview, ACTIONS.adoptCancel, { value: cancel?.value })).toBe(
      "Cancelled: nothing of Zoom Phone's account was adopted.",
    );
    expect(await sb.app.deps.db.select().from(phoneUsers)).toEqual([]);
    local.zoom.outage(true);
    expect(await phoneReply('adopt')).toMatch(
      /^:warning: Zoom Phone could not be read, so nothing was adopted: /,
    );
    local.zoom.outage(false);
    await phoneChange('licenses 5');
  });
});

/** What Switchboard holds of one person's settings, in a shape a test compares at a glance. */
async function adoptedSettingsOf(email: string) {
  const db = sb.app.deps.db;
  const [row] = await db
    .select({ id: phoneUsers.id })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(directoryUsers.email, email));
  if (!row) throw new Error(`${email} has no line`);
  const [settings] = await db
    .select()
    .from(phoneUserSettings)
    .where(eq(phoneUserSettings.phoneUserId, row.id));
  const blocked = await db.select().from(blockedNumbers).where(eq(blockedNumbers.phoneUserId, row.id));
  const assistants = await db
    .select({ email: directoryUsers.email })
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.assistantId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(delegations.ownerId, row.id));
  const phones = await db.select().from(deskPhones).where(eq(deskPhones.phoneUserId, row.id));
  return {
    ...settings,
    blocked: blocked.map((b) => b.value),
    assistants: assistants.map((a) => a.email),
    deskPhones: phones.map((p) => p.mac),
  };
}

/** Polls the database until `probe` holds; the timeout only bounds a test that would otherwise hang. */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the database');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
