import { afterEach, describe, expect, it } from 'vitest';
import type { Ephemeral, View } from '../../src/local/index.ts';
import { ACTIONS, CARD_FORM_BLOCKS, CARD_FORM_INPUTS, VIEWS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { buttonOf } from '../support/uploads.ts';

const sb = useSwitchboard();
const { phone, phoneChange, setupAccount, license } = phoneCommands(sb);

const C1 = colleague(1);
const C2 = colleague(2);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, C1, C2])).toEqual([]);
});

/** An account with licenses, US/CA Unlimited plans, two free numbers of Main, and colleague 1 licensed without a plan. */
async function newLine(): Promise<void> {
  await setupAccount();
  await phoneChange('numbers add +14155550100..+14155550101');
  await license([C1]);
}

/** The card `/phone show` gives the viewer for colleague 1. */
async function cardOf(user = ADMIN_ID): Promise<Ephemeral> {
  const reply = await phone(user === C1 ? 'me' : `show ${mention(C1)}`, user);
  expect(reply.where).toBe('ephemeral');
  return reply.message as Ephemeral;
}

/** Presses the card's button labelled `label` and returns the form it opens. */
async function press(card: Ephemeral, label: RegExp): Promise<View> {
  const button = buttonOf(card, label);
  if (!button) throw new Error(`no button ${label} on the card`);
  const ack = await sb.slack.click({
    user: ADMIN_ID,
    actionId: button.action_id,
    value: button.value,
    message: { ephemeralId: card.id },
  });
  expect(ack.status).toBe(200);
  return sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID)[0]);
}

type Select = { block_id?: string; element?: { options?: { text: { text: string }; value: string }[] } };

const optionLabels = (view: View, blockId: string) =>
  (view.blocks as Select[]).find((b) => b.block_id === blockId)?.element?.options?.map((o) => o.text.text);

const choose = (blockId: string, input: string, value: string) => ({
  [blockId]: { [input]: { type: 'static_select', selected_option: { value } } },
});

/** Waits for the channel line that contains `text`. */
const posted = (text: string) =>
  sb.slack.waitFor(() =>
    sb.slack
      .messages(CHANNEL)
      .map(visibleText)
      .find((t) => t.includes(text)),
  );

describe("a new line's card, for an admin", () => {
  it('offers a calling plan, then a number, and gives both through two small forms', async () => {
    await newLine();
    const card = await cardOf();
    expect(buttonOf(card, /Assign number/)).toBeUndefined();
    const planForm = await press(card, /^Assign calling plan$/);
    expect(planForm.callback_id).toBe(VIEWS.cardPlan);
    expect(optionLabels(planForm, CARD_FORM_BLOCKS.plan)).toEqual(['US/CA Unlimited (50 free)']);

    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: planForm.id,
      values: choose(CARD_FORM_BLOCKS.plan, CARD_FORM_INPUTS.plan, '200'),
    });
    const [numberForm] = sb.slack.openViews(ADMIN_ID);
    expect(numberForm?.callback_id).toBe(VIEWS.cardNumber);
    expect(visibleText({ text: '', blocks: numberForm?.blocks ?? [] })).toContain(
      'Colleague 1 Smith now has the US/CA Unlimited calling plan.',
    );
    expect((numberForm?.close as { text: string } | undefined)?.text).toBe('Skip');
    expect(optionLabels(numberForm as View, CARD_FORM_BLOCKS.number)).toEqual([
      'Any free number',
      '+14155550100',
      '+14155550101',
    ]);
    expect(await posted('calling plan')).toBe(
      `${mention(ADMIN_ID)} gave ${mention(C1)} the US/CA Unlimited calling plan.`,
    );

    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: numberForm?.id ?? '',
      values: choose(CARD_FORM_BLOCKS.number, CARD_FORM_INPUTS.number, '+14155550101'),
    });
    expect(sb.slack.openViews(ADMIN_ID)).toEqual([]);
    expect(await posted('assigned')).toBe(
      `${mention(ADMIN_ID)} assigned \`+14155550101\` to ${mention(C1)}.`,
    );
    const done = await cardOf();
    expect(visibleText(done)).toContain('+14155550101');
    expect(buttonOf(done, /Assign/)).toBeUndefined();
  });

  it('leaves the line without a number when the admin skips, and offers the number on the card after', async () => {
    await newLine();
    const planForm = await press(await cardOf(), /^Assign calling plan$/);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: planForm.id,
      values: choose(CARD_FORM_BLOCKS.plan, CARD_FORM_INPUTS.plan, '200'),
    });
    const [numberForm] = sb.slack.openViews(ADMIN_ID);
    await sb.slack.closeView({ user: ADMIN_ID, viewId: numberForm?.id ?? '' });
    expect(sb.slack.openViews(ADMIN_ID)).toEqual([]);
    await posted('calling plan');
    const before = await accountState(sb.app.deps.db);

    const card = await cardOf();
    expect(buttonOf(card, /Assign calling plan/)).toBeUndefined();
    const again = await press(card, /^Assign number$/);
    expect(again.callback_id).toBe(VIEWS.cardNumber);
    await sb.slack.closeView({ user: ADMIN_ID, viewId: again.id });
    expect(sb.slack.openViews(ADMIN_ID)).toEqual([]);
    expect(await accountState(sb.app.deps.db)).toEqual(before);

    // "Any free number" gives the site's next free one, as `/phone number add` does.
    const numberForm2 = await press(await cardOf(), /^Assign number$/);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: numberForm2.id,
      values: choose(CARD_FORM_BLOCKS.number, CARD_FORM_INPUTS.number, 'any'),
    });
    expect(await posted('assigned')).toBe(
      `${mention(ADMIN_ID)} assigned \`+14155550100\` to ${mention(C1)}.`,
    );
  });

  it('shows a refusal under the plan list and keeps the form open with the choice', async () => {
    await phoneChange('licenses 5');
    await phoneChange('plans set 200 1');
    await license([C2], 'plan:200');
    await license([C1]);
    const planForm = await press(await cardOf(), /^Assign calling plan$/);
    expect(optionLabels(planForm, CARD_FORM_BLOCKS.plan)).toEqual(['US/CA Unlimited (0 free)']);
    const before = await accountState(sb.app.deps.db);
    const values = choose(CARD_FORM_BLOCKS.plan, CARD_FORM_INPUTS.plan, '200');
    await sb.slack.submit({ user: ADMIN_ID, viewId: planForm.id, values });
    const [open] = sb.slack.openViews(ADMIN_ID);
    expect(open?.id).toBe(planForm.id);
    expect(open?.errors).toEqual({
      [CARD_FORM_BLOCKS.plan]: expect.stringContaining(
        'Not enough US/CA Unlimited plans: 1 of 1 are in use and this needs 1.',
      ),
    });
    expect(open?.state?.values).toMatchObject(values);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('shows under the number list that the number was taken meanwhile, and keeps the form open', async () => {
    await newLine();
    await license([C2], 'plan:200');
    await phoneChange(`plan add ${mention(C1)} 200`);
    const numberForm = await press(await cardOf(), /^Assign number$/);
    await phoneChange(`number add ${mention(C2)} +14155550100`);
    const before = await accountState(sb.app.deps.db);
    const values = choose(CARD_FORM_BLOCKS.number, CARD_FORM_INPUTS.number, '+14155550100');
    await sb.slack.submit({ user: ADMIN_ID, viewId: numberForm.id, values });
    const [open] = sb.slack.openViews(ADMIN_ID);
    expect(open?.id).toBe(numberForm.id);
    expect(open?.errors?.[CARD_FORM_BLOCKS.number]).toContain('+14155550100');
    expect(open?.errors?.[CARD_FORM_BLOCKS.number]).toContain('Colleague 2 Smith');
    expect(open?.state?.values).toMatchObject(values);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('says how to add numbers when none is free, after giving the plan', async () => {
    await setupAccount();
    await license([C1]);
    const planForm = await press(await cardOf(), /^Assign calling plan$/);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: planForm.id,
      values: choose(CARD_FORM_BLOCKS.plan, CARD_FORM_INPUTS.plan, '200'),
    });
    const [next] = sb.slack.openViews(ADMIN_ID);
    expect(next?.callback_id).toBe(VIEWS.cardNumber);
    expect(next?.submit).toBeUndefined();
    expect(visibleText({ text: '', blocks: next?.blocks ?? [] })).toContain(
      'There is no free number for Main. Add some with /phone numbers add',
    );
    await posted('calling plan');
  });

  it('tells the admin how to get plans when the account owns none, instead of an empty list', async () => {
    await phoneChange('licenses 5');
    await license([C1]);
    const card = await cardOf();
    const button = buttonOf(card, /^Assign calling plan$/);
    const earlier = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await sb.slack.click({
      user: ADMIN_ID,
      actionId: ACTIONS.cardPlanAssign,
      value: button?.value ?? '',
      message: { ephemeralId: card.id },
    });
    const reply = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[earlier]);
    expect(visibleText(reply)).toContain('The account owns no calling plans yet.');
    expect(sb.slack.openViews(ADMIN_ID)).toEqual([]);
  });

  it('shows the buttons to admins only: a phone user sees none on their own card', async () => {
    await newLine();
    const own = await cardOf(C1);
    expect(buttonOf(own, /Assign/)).toBeUndefined();
  });
});
