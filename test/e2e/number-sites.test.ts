import { afterEach, describe, expect, it } from 'vitest';
import type { Ephemeral, View } from '../../src/local/index.ts';
import { CARD_FORM_BLOCKS, CARD_FORM_INPUTS, VIEWS } from '../../src/slack/ids.ts';
import { LINE_BLOCKS } from '../../src/slack/views/settings/line-form.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { radio, settingsModal, text } from '../support/settings-modal.ts';
import { buttonOf, csvUploads } from '../support/uploads.ts';

/**
 * A direct number comes from its user's site: the phone system takes a user's numbers only from their site's
 * inventory, so every way of giving a number refuses another site's with the reason and the fix, changing nothing.
 */
const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, submit } = settingsModal(sb);
const { upload } = csvUploads(sb);
const db = () => sb.app.deps.db;

const C1 = colleague(1);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, C1])).toEqual([]);
});

const ANNEX_NUMBER = '+14155550200';
const MAIN_NUMBER = '+14155550100';
const SHARED_NUMBER = '+14155550300';

/** Main with one number, the Annex site with another, one number tied to no site, and colleague 1 at Main. */
async function twoSites(): Promise<void> {
  await setupAccount();
  await phoneChange('site add Annex');
  await phoneChange(`numbers add ${MAIN_NUMBER} site:Main`);
  await phoneChange(`numbers add ${ANNEX_NUMBER} site:Annex`);
  await phoneChange(`numbers add ${SHARED_NUMBER}`);
  await license([C1], 'plan:200');
}

const REFUSAL =
  `\`${ANNEX_NUMBER}\` is one of Annex's numbers and ${mention(C1)} is at Main: the phone system gives a person ` +
  'direct numbers only from their own site, so callers see a number of the place they work. Nothing changed. ' +
  "Give them one of Main's free numbers (`/phone numbers free site:Main`), or move them to Annex first with " +
  '`/phone move &lt;user&gt; site:Annex`.';

describe('a number of another site', () => {
  it('is refused by /phone number add with both sites and the fix, and nothing changes', async () => {
    await twoSites();
    const before = await accountState(db());
    expect(await phoneReply(`number add ${mention(C1)} ${ANNEX_NUMBER}`)).toBe(`:warning: ${REFUSAL}`);
    expect(await accountState(db())).toEqual(before);
    // Typed in national format, it is read first and refused for the same reason.
    expect(await phoneReply(`number add ${mention(C1)} (415) 555-0200`)).toContain(
      "is one of Annex's numbers",
    );
  });

  it('is given once the person moved to its site; numbers of no site go to anyone', async () => {
    await twoSites();
    expect(await phoneChange(`number add ${mention(C1)} ${SHARED_NUMBER}`)).toContain(SHARED_NUMBER);
    await phoneChange(`move ${mention(C1)} site:Annex`);
    expect(await phoneChange(`number add ${mention(C1)} ${ANNEX_NUMBER}`)).toContain(ANNEX_NUMBER);
    const card = await phoneReply(`show ${mention(C1)}`);
    expect(card).toContain(ANNEX_NUMBER);
    expect(card).toContain(SHARED_NUMBER);
  });

  it("is refused under the settings form's numbers field, saving nothing of the form", async () => {
    await twoSites();
    const form = await openSection(C1, 'line');
    const initial = (blockId: string) =>
      (form.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
        (b) => b.block_id === blockId,
      )?.element?.initial_value ?? '';
    const before = await accountState(db());
    const errors = await submit(ADMIN_ID, form, {
      [LINE_BLOCKS.site]: { value: text('Main') },
      [LINE_BLOCKS.extension]: { value: text('4321') },
      [LINE_BLOCKS.plans]: { value: text(initial(LINE_BLOCKS.plans)) },
      [LINE_BLOCKS.numbers]: { value: text(ANNEX_NUMBER) },
      [LINE_BLOCKS.status]: { status: radio('active') },
    });
    expect(Object.keys(errors ?? {})).toEqual([LINE_BLOCKS.numbers]);
    expect(errors?.[LINE_BLOCKS.numbers]).toContain("+14155550200 is one of Annex's numbers");
    expect(errors?.[LINE_BLOCKS.numbers]).toContain('Nothing was saved.');
    expect(await accountState(db())).toEqual(before);
  });

  it('is accepted by the settings form when the same save moves the person to its site', async () => {
    await twoSites();
    const form = await openSection(C1, 'line');
    const plans =
      (form.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
        (b) => b.block_id === LINE_BLOCKS.plans,
      )?.element?.initial_value ?? '';
    const errors = await submit(ADMIN_ID, form, {
      [LINE_BLOCKS.site]: { value: text('Annex') },
      [LINE_BLOCKS.extension]: { value: text('4321') },
      [LINE_BLOCKS.plans]: { value: text(plans) },
      [LINE_BLOCKS.numbers]: { value: text(ANNEX_NUMBER) },
      [LINE_BLOCKS.status]: { status: radio('active') },
    });
    expect(errors).toBeUndefined();
    expect(await phoneReply(`show ${mention(C1)}`)).toContain(ANNEX_NUMBER);
  });

  it("offers only the person's site's numbers on the card, and refuses one whose person moved meanwhile", async () => {
    await setupAccount();
    await phoneChange('site add Annex');
    await phoneChange(`numbers add ${MAIN_NUMBER} site:Main`);
    await phoneChange(`numbers add ${ANNEX_NUMBER} site:Annex`);
    await license([C1]);
    const card = (await phone(`show ${mention(C1)}`)).message as Ephemeral;
    const button = buttonOf(card, /^Assign calling plan$/);
    if (!button) throw new Error('no Assign calling plan button');
    await sb.slack.click({
      user: ADMIN_ID,
      actionId: button.action_id,
      value: button.value,
      message: { ephemeralId: card.id },
    });
    const planForm = await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID)[0]);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: planForm.id,
      values: {
        [CARD_FORM_BLOCKS.plan]: {
          [CARD_FORM_INPUTS.plan]: { type: 'static_select', selected_option: { value: '200' } },
        },
      },
    });
    const numberForm = await sb.slack.waitFor(() =>
      sb.slack.openViews(ADMIN_ID).find((v: View) => v.callback_id === VIEWS.cardNumber),
    );
    type Select = { block_id?: string; element?: { options?: { value: string }[] } };
    const offered = (numberForm.blocks as Select[])
      .find((b) => b.block_id === CARD_FORM_BLOCKS.number)
      ?.element?.options?.map((o) => o.value);
    expect(offered).toContain(MAIN_NUMBER);
    expect(offered).not.toContain(ANNEX_NUMBER);

    // Another admin moves them to Annex while the form is open: Main's number is now another site's.
    await phoneChange(`move ${mention(C1)} site:Annex`);
    const before = await accountState(db());
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: numberForm.id,
      values: {
        [CARD_FORM_BLOCKS.number]: {
          [CARD_FORM_INPUTS.number]: { type: 'static_select', selected_option: { value: MAIN_NUMBER } },
        },
      },
    });
    const error = await sb.slack.waitFor(
      () => sb.slack.openViews(ADMIN_ID)[0]?.errors?.[CARD_FORM_BLOCKS.number],
    );
    expect(error).toContain("+14155550100 is one of Main's numbers");
    expect(error).toContain('is at Annex');
    expect(await accountState(db())).toEqual(before);
  });

  it('is refused on its line of a CSV import, naming both sites; a number of the row’s site is fine', async () => {
    await setupAccount();
    await phoneChange('site add Annex');
    await phoneChange(`numbers add ${MAIN_NUMBER} site:Main`);
    await phoneChange(`numbers add ${ANNEX_NUMBER} site:Annex`);
    const file = [
      'Email,First Name,Last Name,Site,Calling Plans,Phone Numbers',
      `ken@example.com,Ken,Thompson,Main,US/CA Unlimited,${ANNEX_NUMBER}`,
      `dennis@example.com,Dennis,Ritchie,Annex,US/CA Unlimited,${ANNEX_NUMBER}`,
    ].join('\n');
    const { text: preview } = await upload('sites.csv', file);
    expect(preview).toContain('2 rows · 1 to add · 1 invalid');
    expect(preview).toMatch(
      /Line 2, Phone Numbers: `\+14155550200` is one of Annex's numbers and .*Ken.* is at Main/,
    );
    expect(preview).not.toContain('Line 3,');
  });
});
