import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, driftChecks } from '../../db/schema/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { openHome } from '../support/home.ts';
import { extensionsByEmail, mention, phoneCommands } from '../support/phone.ts';
import { buttonsOf } from '../support/undo.ts';
import { csvUploads } from '../support/uploads.ts';
import { colleagueEmail, useLocalZoom, weekdayHours } from '../support/zoom.ts';

/**
 * Changes made in the phone system's own portal, found by `/phone drift` and settled both ways from Slack. The
 * portal is the local Zoom stand-in's API, called with the account's own credentials, as Zoom's portal would.
 */
const NUMBERS = ['+14155550100', '+14155550101'];
const local = useLocalZoom({ numbers: NUMBERS });
const sb = useSwitchboard({ phoneSystem: local.phoneSystem });
const { phone, phoneChange, phoneReply, setupAccount, license, clickOn } = phoneCommands(sb);
const { attachedFile } = csvUploads(sb);
const emailOf = colleagueEmail;

const zoomUserId = (email: string) => local.userIdOf(email);
const zoomLine = (email: string) => {
  const id = zoomUserId(email);
  return local.zoom.snapshot().phoneUsers.find((p) => p.userId === id);
};

/** Three people with their lines in Zoom, in step; the account's numbers and plan inventory as Zoom has them. */
async function inStep() {
  await setupAccount();
  await phoneChange('plans set 200 10');
  await phoneChange('numbers add +14155550100..+14155550101');
  await license([colleague(1), colleague(2), colleague(3)], 'plan:200');
  await phoneChange(`number add ${mention(colleague(1))} ${NUMBERS[0]}`);
  await sb.app.sync?.idle();
}

/** What someone changes in the portal: an extension, a plan taken away, a new line. */
async function changedInThePortal() {
  const { client } = local;
  const changed = await client.phone.PATCH('/phone/users/{userId}', {
    params: { path: { userId: zoomUserId(emailOf(2)) } },
    body: { extension_number: '1555' },
  });
  expect(changed.response.status).toBe(204);
  const removed = await client.phone.DELETE('/phone/users/{userId}/calling_plans/{planType}', {
    params: { path: { userId: zoomUserId(emailOf(3)), planType: '200' } },
  });
  expect(removed.response.status).toBe(204);
  local.zoom.seedUsers([
    {
      email: 'newhire@example.com',
      firstName: 'New',
      lastName: 'Hire',
      zoomPhone: { extensionNumber: '1777' },
    },
  ]);
}

describe('/phone drift', () => {
  it('finds no differences while the phone system holds what Switchboard says', async () => {
    await inStep();
    const report = await phoneReply('drift');
    expect(report).toMatch(
      /^:white_check_mark: Zoom Phone holds what Switchboard says: 3 lines and their settings compared at /,
    );
    expect(await openHome(sb, ADMIN_ID)).toMatch(
      /Last drift check \d{4}-\d\d-\d\d \d\d:\d\d UTC: no differences\./,
    );
  });

  it('lists what was changed in the portal, sends every difference to the DM, and settles each both ways', async () => {
    await inStep();
    await changedInThePortal();
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const filesBefore = sb.slack.messages(dm).filter((m) => m.files?.length).length;

    const report = await phone('drift');
    expect(report.where).toBe('ephemeral');
    expect(report.text).toContain('3 differences, about 3 people');
    const lines = report.text.split('\n');
    expect(lines).toContain(`*${emailOf(2)}*: extension \`1001\` here, \`1555\` in Zoom Phone`);
    expect(lines).toContain(`*${emailOf(3)}*: calling plans \`200\` here, none in Zoom Phone`);
    expect(lines).toContain('*newhire@example.com*: has a line only in Zoom Phone (extension `1777`)');
    expect(lines).toContain(
      'People with a line only in Zoom Phone are left as they are by both buttons: `/phone adopt` takes them into Switchboard.',
    );

    const delivered = await sb.slack.waitFor(() =>
      sb.slack
        .messages(dm)
        .filter((m) => m.files?.length)
        .at(filesBefore),
    );
    const file = attachedFile(delivered);
    expect(file.name).toMatch(/^drift-\d{12}\.csv$/);
    expect(file.text.split('\r\n')).toEqual([
      'Email or Item,Field,Switchboard,Zoom Phone',
      `${emailOf(2)},extension,1001,1555`,
      `${emailOf(3)},calling plans,200,`,
      'newhire@example.com,line,none,extension 1777',
      '',
    ]);

    const first = await latestCheckId();
    expect(buttonsOf(report.message).map((b) => [b.text.text, b.value])).toEqual([
      ["Keep Switchboard's", `${first}:0`],
      ["Take Zoom Phone's", `${first}:0`],
      ["Keep Switchboard's", `${first}:1`],
      ["Take Zoom Phone's", `${first}:1`],
      ["Keep Switchboard's for all", `${first}`],
      ["Take Zoom Phone's for all", `${first}`],
    ]);

    // Keep Switchboard's for colleague 2: Zoom is given 1001 back.
    const kept = await clickOn(report, ACTIONS.driftKeep, { value: `${first}:0` });
    expect(kept).toBe(
      `:arrows_counterclockwise: Zoom Phone is being given Switchboard's values again for ${emailOf(2)}. See how it goes with \`/phone sync\`.`,
    );
    await sb.app.sync?.idle();
    expect(zoomLine(emailOf(2))?.extensionNumber).toBe('1001');

    // Take Zoom Phone's for colleague 3: Switchboard drops the plan, audited as taken from the phone system.
    const taken = await clickOn(report, ACTIONS.driftTake, { value: `${first}:1` });
    expect(taken).toBe(
      `:white_check_mark: Switchboard took Zoom Phone's values for ${emailOf(3)}. Their history shows each change.`,
    );
    expect(await phoneReply(`show ${mention(colleague(3))}`)).not.toContain('US/CA Unlimited');
    const [audit] = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'drift.taken'), eq(auditLog.targetLabel, emailOf(3))));
    expect(audit).toMatchObject({ actor: ADMIN_ID, before: { plans: '200' }, after: { plans: '' } });
    await sb.app.sync?.idle();
    expect(zoomLine(emailOf(3))?.plans).toEqual([]);

    // The new hire is only in Zoom: no button is offered for them (adoption takes them).
    const again = await phone('drift');
    expect(again.text).toContain('1 difference, about 1 person');
    expect(again.text).toContain('*newhire@example.com*: has a line only in Zoom Phone');
    expect(buttonsOf(again.message)).toEqual([]);

    // The first report's buttons are out of date now: they change nothing.
    expect(await clickOn(report, ACTIONS.driftTake, { value: `${first}:0` })).toMatch(
      /^:warning: A newer drift check replaced this report/,
    );
    expect((await extensionsByEmail(sb.app.deps.db))[emailOf(2)]).toBe('1001');
    expect(await openHome(sb, ADMIN_ID)).toContain('1 difference. `/phone drift` lists them');

    // The Home tab's button sends that check's report, and its file, to the admin's direct messages.
    const home = sb.slack.homeView(ADMIN_ID);
    const dmBefore = sb.slack.messages(dm).length;
    expect(
      (await sb.slack.click({ user: ADMIN_ID, actionId: ACTIONS.driftShow, viewId: home?.id ?? '' })).status,
    ).toBe(200);
    const shown = await sb.slack.waitFor(() => {
      const added = sb.slack.messages(dm).slice(dmBefore);
      return added.length >= 2 ? added : undefined;
    });
    expect(shown[0]?.text).toContain('1 difference');
    expect(attachedFile(shown[1] as (typeof shown)[number]).text).toContain(
      'newhire@example.com,line,none,extension 1777',
    );
  });

  it('finds settings changed in the portal, never showing a PIN, and settles them both ways', async () => {
    await inStep();
    const { client } = local;
    const ok = (answer: { response: Response }) => expect(answer.response.ok).toBe(true);
    const portal = async (email: string) => {
      const path = { userId: zoomUserId(email) };
      ok(
        await client.phone.PATCH('/phone/users/{userId}/settings', {
          params: { path },
          body: {
            business_hours_settings: weekdayHours('09:00', '17:00'),
          },
        }),
      );
      ok(
        await client.phone.PATCH('/phone/users/{userId}/settings/{settingType}', {
          params: { path: { ...path, settingType: 'desk_phone' } },
          body: { desk_phone: { pin_code: '8642' } },
        }),
      );
      ok(
        await client.phone.POST('/phone/extension/{extensionId}/inbound_blocked/rules', {
          params: { path: { extensionId: zoomLine(email)?.extensionId ?? '' } },
          body: {
            match_type: 'phoneNumber',
            blocked_number: '+19005550100',
            type: 'block_for_other_reasons',
          },
        }),
      );
    };
    await portal(emailOf(1));
    await portal(emailOf(2));
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const filesBefore = sb.slack.messages(dm).filter((m) => m.files?.length).length;

    const report = await phone('drift');
    expect(report.text).toContain('6 differences, about 2 people');
    expect(report.text.split('\n')).toContain(
      `*${emailOf(1)}*: business hours \`24/7\` here, \`mon-fri 09:00-17:00 sat-sun closed\` in Zoom Phone; voicemail PIN differs in Zoom Phone; blocked numbers none here, \`+19005550100\` in Zoom Phone`,
    );
    const delivered = await sb.slack.waitFor(() =>
      sb.slack
        .messages(dm)
        .filter((m) => m.files?.length)
        .at(filesBefore),
    );
    const file = attachedFile(delivered).text;
    expect(file).toContain(`${emailOf(1)},voicemail PIN,set,another PIN`);
    // The PIN is in neither the report, the file nor the check's differences.
    for (const shown of [
      report.text,
      file,
      JSON.stringify((await sb.app.deps.db.select().from(driftChecks)).map((c) => c.differences)),
    ]) {
      expect(shown).not.toContain('8642');
    }

    // Take Zoom Phone's for colleague 1: their hours, PIN and blocked number are Switchboard's now.
    const check = await latestCheckId();
    expect(await clickOn(report, ACTIONS.driftTake, { value: `${check}:0` })).toBe(
      `:white_check_mark: Switchboard took Zoom Phone's values for ${emailOf(1)}. Their history shows each change.`,
    );
    const hours = await phoneReply(`show ${mention(colleague(1))}`);
    expect(hours).toContain('+19005550100');
    expect(hours).toContain('09:00');
    const [taken] = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'settings.taken'), eq(auditLog.targetLabel, emailOf(1))));
    expect(taken).toMatchObject({
      before: { voicemailPin: '(hidden)' },
      after: { voicemailPin: '(hidden)' },
    });
    // Keep Switchboard's for colleague 2: Zoom is given Switchboard's hours and PIN back, and loses the block.
    expect(await clickOn(report, ACTIONS.driftKeep, { value: `${check}:1` })).toContain(
      `Zoom Phone is being given Switchboard's values again for ${emailOf(2)}`,
    );
    await sb.app.sync?.idle();
    const second = zoomLine(emailOf(2));
    expect(second?.settings.businessHours).toEqual({ business_hour_type: 1 });
    expect(second?.settings.pinCode).not.toBe('8642');
    expect(second?.blockedRules).toEqual([]);
    expect(await phoneReply('drift')).toMatch(/^:white_check_mark: Zoom Phone holds what Switchboard says/);
    // The newer check leaves no older one holding Zoom's settings, PINs included.
    const kept = await sb.app.deps.db.select({ settings: driftChecks.phoneSettings }).from(driftChecks);
    expect(kept.filter((check) => check.settings !== null && Object.keys(check.settings).length > 0)).toEqual(
      [],
    );
  });

  it('offers to give back a line the phone system lost, or to take the license away here too', async () => {
    await inStep();
    for (const i of [2, 3]) {
      const off = await local.client.users.PATCH('/users/{userId}', {
        params: { path: { userId: zoomUserId(emailOf(i)) } },
        body: { feature: { zoom_phone: false } },
      });
      expect(off.response.status).toBe(204);
    }
    const report = await phone('drift');
    const lines = report.text.split('\n');
    expect(lines).toContain(`*${emailOf(2)}*: has no line in Zoom Phone (extension \`1001\` here)`);
    expect(lines).toContain(`*${emailOf(3)}*: has no line in Zoom Phone (extension \`1002\` here)`);
    const check = await latestCheckId();

    expect(await clickOn(report, ACTIONS.driftKeep, { value: `${check}:0` })).toContain(
      `being given Switchboard's values again for ${emailOf(2)}`,
    );
    await sb.app.sync?.idle();
    await local.zoom.waitFor(() => zoomLine(emailOf(2))?.extensionNumber === '1001');

    expect(await clickOn(report, ACTIONS.driftTake, { value: `${check}:1` })).toContain(
      `Switchboard took Zoom Phone's values for ${emailOf(3)}`,
    );
    expect(await extensionsByEmail(sb.app.deps.db)).not.toHaveProperty(emailOf(3));
    const [removal] = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'license.removed'), eq(auditLog.targetLabel, emailOf(3))));
    expect(removal).toMatchObject({ actor: ADMIN_ID });
    await sb.app.sync?.idle();
    expect(await phoneReply('drift')).toMatch(/no differences/);
  });

  it('takes the phone system’s values for everyone at once, in one change, or changes nothing', async () => {
    await inStep();
    const { client } = local;
    // Colleagues 1 (1000) and 2 (1001) swap extensions in the portal: taken in one transaction.
    for (const [i, extension] of [
      [1, '1700'],
      [2, '1000'],
      [1, '1001'],
    ] as const) {
      const moved = await client.phone.PATCH('/phone/users/{userId}', {
        params: { path: { userId: zoomUserId(emailOf(i)) } },
        body: { extension_number: extension },
      });
      expect(moved.response.status).toBe(204);
    }
    const report = await phone('drift');
    expect(report.text).toContain('2 differences, about 2 people');
    const taken = await clickOn(report, ACTIONS.driftTake, { value: `${await latestCheckId()}` });
    expect(taken).toContain(`Switchboard took Zoom Phone's values for ${emailOf(1)} and ${emailOf(2)}`);
    const extensions = await extensionsByEmail(sb.app.deps.db);
    expect([extensions[emailOf(1)], extensions[emailOf(2)]]).toEqual(['1001', '1000']);
    expect(await phoneReply('drift')).toMatch(/no differences/);

    // A value Switchboard's rules refuse (an extension reserved here) changes nothing, and says why.
    await phoneChange('reserved add 1900');
    const moved = await client.phone.PATCH('/phone/users/{userId}', {
      params: { path: { userId: zoomUserId(emailOf(3)) } },
      body: { extension_number: '1900' },
    });
    expect(moved.response.status).toBe(204);
    const refused = await phone('drift');
    const answer = await clickOn(refused, ACTIONS.driftTake, { value: `${await latestCheckId()}` });
    expect(answer).toMatch(
      new RegExp(`^:warning: Nothing was taken: the phone system's values for ${emailOf(3)}`),
    );
    expect((await extensionsByEmail(sb.app.deps.db))[emailOf(3)]).toBe('1002');
  });

  it('is for admins, and says what is wrong when Zoom cannot be read', async () => {
    await inStep();
    expect(await phoneReply('drift', colleague(1))).toContain('Only phone admins can use `/phone drift`');
    local.zoom.outage(true);
    const answer = await phoneReply('drift');
    expect(answer).toMatch(/^:warning: Zoom Phone could not be read, so nothing was compared: /);
    local.zoom.outage(false);
    expect(await openHome(sb, ADMIN_ID)).toContain('The last drift check');
    const [check] = await sb.app.deps.db.select().from(driftChecks);
    expect(check).toMatchObject({ state: 'failed', requestedBy: ADMIN_ID });
  });
});

async function latestCheckId(): Promise<number> {
  const rows = await sb.app.deps.db.select({ id: driftChecks.id }).from(driftChecks);
  return Math.max(...rows.map((row) => row.id));
}
