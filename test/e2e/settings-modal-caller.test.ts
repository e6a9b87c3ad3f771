import { afterEach, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.ts';
import { CALLER_BLOCKS } from '../../src/slack/views/settings/caller-form.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { select, settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, openSettings, editButtons, submit, posted } = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const C1 = colleague(1);

/** C1 holds +14155550100; +14155550109 is a main number of the account. */
async function withNumbers() {
  await setupAccount();
  await phoneChange('numbers add +14155550100..+14155550109');
  await license([C1], 'plan:200');
  await phoneChange(`number add <@${C1}>`);
  await phoneChange('numbers main add +14155550109');
}

describe('the caller ID and area code section of the settings form', () => {
  it('offers hidden, the user’s numbers and the main numbers, and saves caller ID and area code together', async () => {
    await withNumbers();
    const form = await openSection(C1, 'caller');
    expect(form.callback_id).toBe(VIEWS.settingsCaller);
    const options = JSON.stringify(form.blocks);
    expect(options).toContain('+14155550100 (their number)');
    expect(options).toContain('+14155550109 (main number)');
    const errors = await submit(ADMIN_ID, form, {
      [CALLER_BLOCKS.callerId]: { caller_id: select('+14155550109') },
      [CALLER_BLOCKS.areaCode]: { area_code: text('415') },
    });
    expect(errors).toBeUndefined();
    const message = await posted('changed the caller ID');
    expect(visibleText(message as never)).toContain('the area code to `415`');
    const card = await phoneReply(`show <@${C1}>`);
    expect(card).toContain('*Caller ID*\n+14155550109');
    expect(card).toContain('*Area code*\n415');
  });

  it('refuses an area code of another country under the area code, and keeps the caller ID unsaved', async () => {
    await withNumbers();
    const form = await openSection(C1, 'caller');
    const errors = await submit(ADMIN_ID, form, {
      [CALLER_BLOCKS.callerId]: { caller_id: select('+14155550100') },
      [CALLER_BLOCKS.areaCode]: { area_code: text('416') },
    });
    expect(Object.keys(errors ?? {})).toEqual([CALLER_BLOCKS.areaCode]);
    expect(errors?.[CALLER_BLOCKS.areaCode]).toContain('is an area code of CA');
    const letters = await submit(ADMIN_ID, form, { [CALLER_BLOCKS.areaCode]: { area_code: text('4a5') } });
    expect(letters?.[CALLER_BLOCKS.areaCode]).toContain('use 3 digits');
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Caller ID*\nHidden');
  });

  it('closes without posting when saved unchanged', async () => {
    await withNumbers();
    const form = await openSection(C1, 'caller');
    const before = sb.slack.messages('CPHONEADM1').length;
    expect(await submit(ADMIN_ID, form, {})).toBeUndefined();
    expect(sb.slack.messages('CPHONEADM1')).toHaveLength(before);
  });

  it('refuses a save when someone changed the user since the form opened', async () => {
    await withNumbers();
    const form = await openSection(C1, 'caller');
    await phoneChange(`set <@${C1}> caller-id=+14155550100`);
    const errors = await submit(ADMIN_ID, form, {
      [CALLER_BLOCKS.callerId]: { caller_id: select('hidden') },
    });
    expect(errors?.[CALLER_BLOCKS.callerId]).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Caller ID*\n+14155550100');
  });

  it('shows a phone user their caller ID without an Edit button', async () => {
    await withNumbers();
    const own = await openSettings('settings', C1);
    expect(editButtons(own)).not.toContain('caller');
    expect(editButtons(own)).toEqual(expect.arrayContaining(['hours', 'handling', 'voicemail']));
    expect(visibleText({ text: '', blocks: own.blocks })).toContain('Caller ID: Hidden');
  });
});
