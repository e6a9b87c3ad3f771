import { afterEach, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.ts';
import { HANDLING_BLOCKS } from '../../src/slack/views/settings/call-handling-form.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { auditRows } from '../support/fixtures.ts';
import { phoneCommands } from '../support/phone.ts';
import { checks, radio, select, settingsModal } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const {
  openSection,
  editSection,
  submit,
  summaryText,
  posted,
  openSettings,
  editButtons,
  confirmedPrivately,
} = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const MOBILE = '+14155550123';
const apps = { kind: 'apps' } as const;
const mobile = { kind: 'forward', number: MOBILE } as const;

describe('the call-handling section of the settings form', () => {
  it('saves ring mode, routes, unanswered and closed hours together, posts it and redraws the summary', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await phoneChange(`forward add <@${colleague(1)}> ${MOBILE} "Mobile"`);
    const form = await openSection(colleague(1), 'handling');
    expect(form.callback_id).toBe(VIEWS.settingsHandling);
    const errors = await submit(ADMIN_ID, form, {
      [HANDLING_BLOCKS.mode]: { mode: radio('sequential') },
      [HANDLING_BLOCKS.order(mobile)]: { position: select('1') },
      [HANDLING_BLOCKS.order(apps)]: { position: select('2') },
      [HANDLING_BLOCKS.ring(mobile)]: { seconds: select('30') },
      [HANDLING_BLOCKS.unanswered]: { action: radio('disconnect') },
      [HANDLING_BLOCKS.closed]: { action: radio('forward') },
    });
    expect(errors).toBeUndefined();
    const message = await posted('call routes');
    expect(message?.text).toContain(`<@${ADMIN_ID}>`);
    expect(message?.text).toContain('one after another');
    expect(message?.text).toContain('closed hours to');
    const summary = await sb.slack.waitFor(() => {
      const text = summaryText(sb.slack.openViews(ADMIN_ID)[0] as never);
      return text.includes('Ring mode: sequential') ? text : undefined;
    });
    expect(summary).toContain('Closed hours: Forward to the forward numbers');
    const card = await phoneReply(`show <@${colleague(1)}>`);
    expect(card).toContain(`1. ✓ Forward to ${MOBILE} (30 s)\n2. ✓ Desktop and mobile apps (20 s)`);
  });

  it('refuses closed hours that forward when there is no forward number, under that choice, and changes nothing', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    const form = await openSection(colleague(1), 'handling');
    const errors = await submit(ADMIN_ID, form, {
      [HANDLING_BLOCKS.mode]: { mode: radio('sequential') },
      [HANDLING_BLOCKS.closed]: { action: radio('forward') },
    });
    expect(Object.keys(errors ?? {})).toEqual([HANDLING_BLOCKS.closed]);
    expect(errors?.[HANDLING_BLOCKS.closed]).toContain('forwarding needs a forward number');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('*Ring mode*\nSimultaneous');
  });

  it('refuses turning every route off, under the apps route', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    const form = await openSection(colleague(1), 'handling');
    const errors = await submit(ADMIN_ID, form, { [HANDLING_BLOCKS.on(apps)]: { on: checks() } });
    expect(errors?.[HANDLING_BLOCKS.on(apps)]).toContain('Turn on at least one route');
  });

  it('refuses two routes at the same position in sequential mode, under the second one', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await phoneChange(`forward add <@${colleague(1)}> ${MOBILE}`);
    const form = await openSection(colleague(1), 'handling');
    const errors = await submit(ADMIN_ID, form, {
      [HANDLING_BLOCKS.mode]: { mode: radio('sequential') },
      [HANDLING_BLOCKS.order(mobile)]: { position: select('1') },
    });
    expect(errors).toEqual({
      [HANDLING_BLOCKS.order(mobile)]:
        'Another route also rings at position 1: give each route its own place in the order.',
    });
  });

  it('refuses a save when someone changed the user since the form opened', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    const form = await openSection(colleague(1), 'handling');
    await phoneChange(`set <@${colleague(1)}> unanswered=disconnect`);
    const errors = await submit(ADMIN_ID, form, { [HANDLING_BLOCKS.mode]: { mode: radio('sequential') } });
    expect(errors?.[HANDLING_BLOCKS.mode]).toContain('was changed since you opened this form');
    const card = await phoneReply(`show <@${colleague(1)}>`);
    expect(card).toContain('*Ring mode*\nSimultaneous');
    expect(card).toContain('*When not answered*\nDisconnect');
  });

  it('lets a phone user change their own call handling, audited as theirs', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    const own = await openSettings('settings', colleague(1));
    expect(editButtons(own)).toContain('handling');
    const form = await editSection(colleague(1), own, 'handling');
    const errors = await submit(colleague(1), form, {
      [HANDLING_BLOCKS.unanswered]: { action: radio('disconnect') },
    });
    expect(errors).toBeUndefined();
    expect(await confirmedPrivately(colleague(1), 'unanswered calls')).toBeDefined();
    const rows = (await auditRows(sb.app.deps.db)).filter((r) => r.action === 'call_handling.changed');
    expect(rows.map((r) => r.actor)).toEqual([colleague(1)]);
  });
});
