import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { encodeRemoval, LIST_BLOCKS, type ListKey } from '../../src/slack/views/settings/list-forms.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const {
  openSection,
  openSettings,
  editSection,
  editButtons,
  submit,
  posted,
  summaryText,
  confirmedPrivately,
} = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const C1 = colleague(1);
const MOBILE = '+14155550123';
const viewText = (view: View | undefined) =>
  visibleText({ text: '', blocks: (view?.blocks ?? []) as unknown[] });

async function remove(user: string, view: View, list: ListKey, entry: string) {
  await sb.slack.click({
    user,
    viewId: view.id,
    actionId: ACTIONS.settingsListRemove,
    value: encodeRemoval(list, entry),
    blockId: LIST_BLOCKS.entry(list, entry),
  });
}

describe('the forward numbers section of the settings form', () => {
  it('adds a forward number, posts it and shows it in the summary', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const form = await openSection(C1, 'forward');
    expect(form.callback_id).toBe(VIEWS.settingsForward);
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.forwardNumber]: { value: text(MOBILE) },
      [LIST_BLOCKS.forwardDescription]: { value: text('Mobile') },
    });
    expect(errors).toBeUndefined();
    expect(await posted(`added \`${MOBILE}\``)).toBeDefined();
    const summary = await sb.slack.waitFor(() => {
      const shown = summaryText(sb.slack.openViews(ADMIN_ID)[0] as View);
      return shown.includes(`${MOBILE} (Mobile)`) ? shown : undefined;
    });
    expect(summary).toContain('*Forward numbers*');
  });

  it("refuses a number without its country code that is no number of the site's country, under the number field", async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const form = await openSection(C1, 'forward');
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.forwardNumber]: { value: text('020 7946 0958') },
    });
    expect(Object.keys(errors ?? {})).toEqual([LIST_BLOCKS.forwardNumber]);
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Forward numbers*\nNone');
  });

  it('removes a forward number with its Remove button, redrawing the list, and posts it', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE} "Mobile"`);
    const form = await openSection(C1, 'forward');
    expect(viewText(form)).toContain(MOBILE);
    await remove(ADMIN_ID, form, 'forward', MOBILE);
    const redrawn = await sb.slack.waitFor(() => {
      const shown = viewText(sb.slack.openViews(ADMIN_ID)[1]);
      return shown.includes('No forward numbers yet') ? shown : undefined;
    });
    expect(redrawn).toContain(`Removed ${MOBILE}.`);
    expect(await posted(`removed \`${MOBILE}\``)).toBeDefined();
  });

  it('keeps the last forward number while closed hours forward, saying why above the list', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE}`);
    await phoneChange(`set <@${C1}> closed=forward`);
    const form = await openSection(C1, 'forward');
    await remove(ADMIN_ID, form, 'forward', MOBILE);
    const shown = await sb.slack.waitFor(() => {
      const t = viewText(sb.slack.openViews(ADMIN_ID)[1]);
      return t.includes(':warning:') ? t : undefined;
    });
    expect(shown).toContain('is the last forward number');
    expect(await phoneReply(`show <@${C1}>`)).toContain(`*Forward numbers*\n${MOBILE}`);
  });

  it('refuses a Remove from a list drawn before someone else changed the user', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE}`);
    const form = await openSection(C1, 'forward');
    await phoneChange(`set <@${C1}> language=de-DE`);
    await remove(ADMIN_ID, form, 'forward', MOBILE);
    const shown = await sb.slack.waitFor(() => {
      const t = viewText(sb.slack.openViews(ADMIN_ID)[1]);
      return t.includes(':warning:') ? t : undefined;
    });
    expect(shown).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${C1}>`)).toContain(`*Forward numbers*\n${MOBILE}`);
  });

  it('lets a phone user manage their own forward numbers, but not their blocked list', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const own = await openSettings('settings', C1);
    expect(editButtons(own)).toContain('forward');
    expect(editButtons(own)).not.toContain('blocked');
    const form = await editSection(C1, own, 'forward');
    expect(await submit(C1, form, { [LIST_BLOCKS.forwardNumber]: { value: text(MOBILE) } })).toBeUndefined();
    expect(await confirmedPrivately(C1, 'their own forward numbers')).toBeDefined();
  });
});

describe('forwarding outside the account in the settings form', () => {
  it('refuses a number outside the account under the number field while the person has no calling plan', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'forward');
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.forwardNumber]: { value: text(MOBILE) },
      [LIST_BLOCKS.forwardDescription]: { value: text('Mobile') },
    });
    expect(errors).toEqual({
      [LIST_BLOCKS.forwardNumber]: `Forward number ${MOBILE} is outside the account: forwarding a call there is an outbound call, which needs a calling plan, and the user has none. Give them one first with /phone plan add <user> <plan>, or forward to one of the account's numbers.`,
    });
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Forward numbers*\nNone');
    await phoneChange(`plan add <@${C1}> 200`);
    expect(
      await submit(ADMIN_ID, form, { [LIST_BLOCKS.forwardNumber]: { value: text(MOBILE) } }),
    ).toBeUndefined();
    expect(await posted(`added \`${MOBILE}\``)).toBeDefined();
  });
});

describe('the blocked numbers section of the settings form', () => {
  it('blocks a prefix, refuses one with letters, and unblocks with Remove', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const form = await openSection(C1, 'blocked');
    expect(form.callback_id).toBe(VIEWS.settingsBlocked);
    const letters = await submit(ADMIN_ID, form, { [LIST_BLOCKS.blockedEntry]: { value: text('+1900abc') } });
    expect(letters?.[LIST_BLOCKS.blockedEntry]).toContain('cannot be blocked');
    expect(
      await submit(ADMIN_ID, form, { [LIST_BLOCKS.blockedEntry]: { value: text('+1900') } }),
    ).toBeUndefined();
    expect(await posted('+1900')).toBeDefined();

    const again = await openSection(C1, 'blocked');
    expect(viewText(again)).toContain('Prefix `+1900`');
    await remove(ADMIN_ID, again, 'blocked', '+1900');
    await sb.slack.waitFor(() => viewText(sb.slack.openViews(ADMIN_ID)[1]).includes('Nothing is blocked.'));
    expect(await posted('unblocked')).toBeDefined();
  });
});

describe('the assistants section of the settings form', () => {
  it('adds an assistant, telling them in a DM, refuses the owner as their own assistant, and removes one', async () => {
    await setupAccount();
    await license([C1, colleague(2)], 'plan:200');
    const form = await openSection(C1, 'assistants');
    expect(form.callback_id).toBe(VIEWS.settingsAssistants);
    const self = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: C1 } },
    });
    expect(self?.[LIST_BLOCKS.assistant]).toContain('cannot be their own assistant');
    const added = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: colleague(2) } },
    });
    expect(added).toBeUndefined();
    expect(await posted('an assistant of')).toBeDefined();
    const dm = await sb.slack.waitFor(() =>
      sb.slack
        .messages(sb.slack.dmChannel(colleague(2)))
        .find((m) => visibleText(m).includes('You are now an assistant of')),
    );
    expect(visibleText(dm)).toContain(`set up by <@${ADMIN_ID}>`);

    const again = await openSection(C1, 'assistants');
    await remove(ADMIN_ID, again, 'assistants', '1001');
    await sb.slack.waitFor(() => viewText(sb.slack.openViews(ADMIN_ID)[1]).includes('No assistants yet'));
    expect(await posted('ended the delegation')).toBeDefined();
  });

  it('lets a phone user add their own assistant', async () => {
    await setupAccount();
    await license([C1, colleague(2)], 'plan:200');
    const own = await openSettings('settings', C1);
    expect(editButtons(own)).toContain('assistants');
    const form = await editSection(C1, own, 'assistants');
    const errors = await submit(C1, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: colleague(2) } },
    });
    expect(errors).toBeUndefined();
    expect(await confirmedPrivately(C1, 'an assistant of')).toBeDefined();
    expect(await phoneReply('me', C1)).toContain(`*Assistants*\n<@${colleague(2)}>`);
  });
});

describe('what the forms of the lists say when they refuse', () => {
  /** Everything a person reads in a form's errors: plain text, so no mention, channel or code. */
  const readable = (text: string | undefined) => {
    expect(text).toBeDefined();
    expect(text).not.toMatch(/<[@#!]|[`*]|&lt;|&gt;/);
    return text ?? '';
  };

  it('names, under the field, someone chosen who has no phone line, as Slack names them', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const form = await openSection(C1, 'assistants');
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: colleague(3) } },
    });
    expect(readable(errors?.[LIST_BLOCKS.assistant])).toBe(
      'Colleague 3 Smith is not a phone user (no phone license). Give them one with /phone assign.',
    );
  });

  it('names, under the field, an assistant circle by names', async () => {
    await setupAccount();
    await license([C1, colleague(2)], 'plan:200');
    await phoneChange(`delegate add <@${colleague(2)}> <@${C1}>`);
    const form = await openSection(C1, 'assistants');
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: colleague(2) } },
    });
    expect(readable(errors?.[LIST_BLOCKS.assistant])).toContain(
      'Colleague 2 Smith cannot become an assistant of Colleague 1 Smith: Colleague 1 Smith answers the calls of Colleague 2 Smith',
    );
  });

  it('says in words who changed what since the form opened, on top of the list', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`forward add <@${C1}> ${MOBILE}`);
    const form = await openSection(C1, 'forward');
    await phoneChange(`set <@${C1}> language=de-DE`);
    await remove(ADMIN_ID, form, 'forward', MOBILE);
    const shown = await sb.slack.waitFor(() => {
      const t = viewText(sb.slack.openViews(ADMIN_ID)[1]);
      return t.includes(':warning:') ? t : undefined;
    });
    expect(readable(shown.split('\n')[0])).toBe(
      ':warning: Colleague 1 Smith was changed since you opened this form: settings changed by Ada Lovelace. Nothing was saved; open the settings again to see the new values.',
    );
  });

  it('refuses a phone user a premium-rate forward number under the number field, and lets an admin add it', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const own = await openSettings('settings', C1);
    const form = await editSection(C1, own, 'forward');
    const errors = await submit(C1, form, {
      [LIST_BLOCKS.forwardNumber]: { value: text('+1 900 234 5678') },
    });
    expect(readable(errors?.[LIST_BLOCKS.forwardNumber])).toBe(
      '+19002345678 is a premium-rate number: every call forwarded there is charged to the company at that rate, so only a phone admin can add it. Add your mobile or another ordinary number, or ask Ada Lovelace if you need this one.',
    );
    const admin = await openSection(C1, 'forward');
    expect(
      await submit(ADMIN_ID, admin, { [LIST_BLOCKS.forwardNumber]: { value: text('+19002345678') } }),
    ).toBe(undefined);
    expect(await posted('is a premium-rate number: every call forwarded there is charged')).toBeDefined();
  });
});
