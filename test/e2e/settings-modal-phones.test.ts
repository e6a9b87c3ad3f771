import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { encodeRemoval, LIST_BLOCKS } from '../../src/slack/views/settings/list-forms.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, openSettings, editButtons, submit, posted } = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const C1 = colleague(1);
const C2 = colleague(2);
const viewText = (view: View | undefined) =>
  visibleText({ text: '', blocks: (view?.blocks ?? []) as unknown[] });
const phone = (mac: string, model = 'Desk 400') => ({
  [LIST_BLOCKS.deskMac]: { value: text(mac) },
  [LIST_BLOCKS.deskModel]: { value: text(model) },
});

describe('the desk phones section of the settings form', () => {
  it('adds a desk phone from any MAC spelling, posts it, and removes it with its button', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'phones');
    expect(form.callback_id).toBe(VIEWS.settingsPhones);
    expect(await submit(ADMIN_ID, form, phone('00-1a-2b-3c-4d-5e'))).toBeUndefined();
    expect(await posted('added the desk phone')).toBeDefined();
    expect(await phoneReply(`show <@${C1}>`)).toContain('00:1A:2B:3C:4D:5E');

    const again = await openSection(C1, 'phones');
    await sb.slack.click({
      user: ADMIN_ID,
      viewId: again.id,
      actionId: ACTIONS.settingsListRemove,
      value: encodeRemoval('phones', '001A2B3C4D5E'),
      blockId: LIST_BLOCKS.entry('phones', '001A2B3C4D5E'),
    });
    const redrawn = await sb.slack.waitFor(() => {
      const shown = viewText(sb.slack.openViews(ADMIN_ID)[1]);
      return shown.includes('Removed') ? shown : undefined;
    });
    expect(redrawn).toContain('No desk phones');
  });

  it('shows a bad MAC, a missing model, a duplicate MAC and a 4th phone under the fields, changing nothing', async () => {
    await setupAccount();
    await license([C1, C2]);
    await phoneChange(`phone add <@${C2}> 00:1A:2B:3C:4D:5E Desk 400`);
    const form = await openSection(C1, 'phones');
    expect(Object.keys((await submit(ADMIN_ID, form, phone('not-a-mac'))) ?? {})).toEqual([
      LIST_BLOCKS.deskMac,
    ]);
    expect(Object.keys((await submit(ADMIN_ID, form, phone('00:1A:2B:3C:4D:60', '   '))) ?? {})).toEqual([
      LIST_BLOCKS.deskModel,
    ]);
    const taken = await submit(ADMIN_ID, form, phone('001A.2B3C.4D5E'));
    expect(taken?.[LIST_BLOCKS.deskMac]).toContain('belongs to');
    for (const mac of ['00:1A:2B:3C:4D:61', '00:1A:2B:3C:4D:62', '00:1A:2B:3C:4D:63']) {
      await phoneChange(`phone add <@${C1}> ${mac} Desk 400`);
    }
    const full = await openSection(C1, 'phones');
    const fourth = await submit(ADMIN_ID, full, phone('00:1A:2B:3C:4D:64'));
    expect(fourth?.[LIST_BLOCKS.deskMac]).toContain('3');
  });

  it('is for admins: a phone user sees their phones without an Edit button', async () => {
    await setupAccount();
    await license([C1]);
    const own = await openSettings('settings', C1);
    expect(editButtons(own)).not.toContain('phones');
    expect(viewText(own)).toContain('Desktop and mobile apps');
  });
});
