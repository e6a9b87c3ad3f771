import { afterEach, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.ts';
import { LINE_BLOCKS } from '../../src/slack/views/settings/line-form.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { radio, settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, openSettings, editButtons, summaryText, submit, posted } = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const C1 = colleague(1);
const C2 = colleague(2);

/** The Line section's values: the line as it is, with `changes` on top. */
function line(changes: Partial<Record<'site' | 'extension' | 'plans' | 'numbers' | 'status', string>>) {
  const v = { site: 'Main', extension: '', plans: '', numbers: '', status: 'active', ...changes };
  return {
    [LINE_BLOCKS.site]: { value: text(v.site) },
    [LINE_BLOCKS.extension]: { value: text(v.extension) },
    [LINE_BLOCKS.plans]: { value: text(v.plans) },
    [LINE_BLOCKS.numbers]: { value: text(v.numbers) },
    [LINE_BLOCKS.status]: { status: radio(v.status) },
  };
}

/** The value a text field of the form was opened with. */
const initial = (form: { blocks: unknown[] }, blockId: string) =>
  (form.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
    (b) => b.block_id === blockId,
  )?.element?.initial_value;

describe('the phone line section of the settings form', () => {
  it('changes the extension and adds a calling plan in one save, and posts both', async () => {
    await setupAccount();
    await phoneChange('plans set 100 5');
    await license([C1, C2], 'plan:200');
    const form = await openSection(C1, 'line');
    expect(form.callback_id).toBe(VIEWS.settingsLine);
    const site = initial(form, LINE_BLOCKS.site) ?? '';
    const extension = initial(form, LINE_BLOCKS.extension) ?? '';
    const plans = initial(form, LINE_BLOCKS.plans) ?? '';
    expect(plans).not.toBe('');
    const errors = await submit(ADMIN_ID, form, line({ site, extension: '4321', plans: `${plans}\n100` }));
    expect(errors).toBeUndefined();
    const message = visibleText((await posted('changed the line of')) as never);
    expect(message).toContain(`extension ${extension} → 4321`);
    expect(message).toContain(`calling plans ${plans} → US/CA Metered, ${plans}`);
    const card = await phoneReply(`show <@${C1}>`);
    expect(card).toContain('4321');
    expect(card).toContain('US/CA Metered');
    // The summary underneath shows the new line.
    const redrawn = await sb.slack.waitFor(() => {
      const summary = sb.slack.openViews(ADMIN_ID)[0];
      const shown = summary ? summaryText(summary) : '';
      return shown.includes('Extension: 4321') ? shown : undefined;
    });
    expect(redrawn).toContain('US/CA Metered');
  });

  it('shows a taken extension under the extension field and saves nothing, not even the plan', async () => {
    await setupAccount();
    await phoneChange('plans set 100 5');
    await license([C1, C2], 'plan:200');
    const taken = initial(await openSection(C2, 'line'), LINE_BLOCKS.extension) ?? '';
    const form = await openSection(C1, 'line');
    const site = initial(form, LINE_BLOCKS.site) ?? '';
    const extension = initial(form, LINE_BLOCKS.extension) ?? '';
    const plans = initial(form, LINE_BLOCKS.plans) ?? '';
    const errors = await submit(ADMIN_ID, form, line({ site, extension: taken, plans: `${plans}\n100` }));
    expect(Object.keys(errors ?? {})).toEqual([LINE_BLOCKS.extension]);
    expect(errors?.[LINE_BLOCKS.extension]).toContain(taken);
    expect(errors?.[LINE_BLOCKS.extension]).toContain('Nothing was saved.');
    const reopened = await openSection(C1, 'line');
    expect(initial(reopened, LINE_BLOCKS.extension)).toBe(extension);
    expect(initial(reopened, LINE_BLOCKS.plans)).toBe(plans);
  });

  it('saves nothing when a later part is refused: the new extension stays unsaved beside a taken number', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550101');
    await license([C1, C2], 'plan:200');
    await phoneChange(`number add <@${C2}> +14155550100`);
    const form = await openSection(C1, 'line');
    const site = initial(form, LINE_BLOCKS.site) ?? '';
    const extension = initial(form, LINE_BLOCKS.extension) ?? '';
    const plans = initial(form, LINE_BLOCKS.plans) ?? '';
    const errors = await submit(
      ADMIN_ID,
      form,
      line({ site, extension: '4321', plans, numbers: '+14155550100' }),
    );
    expect(Object.keys(errors ?? {})).toEqual([LINE_BLOCKS.numbers]);
    expect(errors?.[LINE_BLOCKS.numbers]).toContain('Nothing was saved.');
    const reopened = await openSection(C1, 'line');
    expect(initial(reopened, LINE_BLOCKS.extension)).toBe(extension);
    expect(initial(reopened, LINE_BLOCKS.numbers)).toBeUndefined();
  });

  it('refuses a save when the line changed since the form opened, and keeps that change', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const form = await openSection(C1, 'line');
    const site = initial(form, LINE_BLOCKS.site) ?? '';
    const plans = initial(form, LINE_BLOCKS.plans) ?? '';
    await phoneChange(`ext <@${C1}> 4555`);
    const errors = await submit(ADMIN_ID, form, line({ site, extension: '4321', plans }));
    expect(errors?.[LINE_BLOCKS.site]).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${C1}>`)).toContain('4555');
  });

  // A forged save of the section by a phone user is in test/e2e/non-admin-payloads.test.ts.
  it('shows a phone user their own line without an Edit button', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const own = await openSettings('settings', C1);
    expect(summaryText(own)).toContain('*Phone line*');
    expect(summaryText(own)).toContain('Extension: ');
    expect(editButtons(own)).not.toContain('line');
  });
});
