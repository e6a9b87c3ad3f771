import { afterEach, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/slack/ids.ts';
import { ADDRESS_BLOCKS } from '../../src/slack/views/settings/address-form.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { deniedAttempts, phoneCommands } from '../support/phone.ts';
import { checks, radio, settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, openSettings, editSection, editButtons, submit, closeAll, posted, confirmedPrivately } =
  settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const C1 = colleague(1);
const parts = (line1: string, city: string, state: string, postal: string, country: string) => ({
  [ADDRESS_BLOCKS.source]: { source: radio('own') },
  [ADDRESS_BLOCKS.line1]: { value: text(line1) },
  [ADDRESS_BLOCKS.city]: { value: text(city) },
  [ADDRESS_BLOCKS.state]: { value: text(state) },
  [ADDRESS_BLOCKS.postalCode]: { value: text(postal) },
  [ADDRESS_BLOCKS.country]: { value: text(country) },
});

describe('the emergency address section of the settings form', () => {
  it('saves an address of the user’s own and the self-service switch, posting both', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'address');
    expect(form.callback_id).toBe(VIEWS.settingsAddress);
    const errors = await submit(ADMIN_ID, form, {
      ...parts('500 Howard St', 'San Francisco', 'CA', '94105', 'us'),
      [ADDRESS_BLOCKS.allow]: { allow: checks('allow') },
    });
    expect(errors).toBeUndefined();
    expect(visibleText((await posted('500 Howard St')) as never)).toContain(`<@${ADMIN_ID}>`);
    expect(await posted('allowed')).toBeDefined();
    expect(await phoneReply(`show <@${C1}>`)).toContain('500 Howard St, San Francisco, CA 94105, US');
  });

  it('names each missing part under its own field, and saves nothing', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'address');
    const errors = await submit(ADMIN_ID, form, parts('500 Howard St', '', 'CA', '', 'US'));
    expect(errors).toEqual({
      [ADDRESS_BLOCKS.city]: 'Enter the city: emergency services need it to find the caller.',
      [ADDRESS_BLOCKS.postalCode]: 'Enter the postal code: emergency services need it to find the caller.',
    });
    const country = await submit(ADMIN_ID, form, parts('500 Howard St', 'SF', 'CA', '94105', 'XX'));
    expect(Object.keys(country ?? {})).toEqual([ADDRESS_BLOCKS.country]);
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Emergency address*\n:warning: None');
  });

  it('refuses a state or postal code that is not of the country under its own field, in plain words', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'address');
    const state = await submit(
      ADMIN_ID,
      form,
      parts('500 Howard St', 'San Francisco', 'Calfornia', '94105', 'US'),
    );
    expect(state).toEqual({
      [ADDRESS_BLOCKS.state]:
        "The state Calfornia does not exist in US, so a dispatcher could not place the address; nothing was saved. Use the state's two-letter code or its name, e.g. CA or California; DC and the territories (PR, GU, VI…) count.",
    });
    const postal = await submit(ADMIN_ID, form, parts('24 Sussex Dr', 'Ottawa', 'ON', '94105', 'CA'));
    expect(Object.keys(postal ?? {})).toEqual([ADDRESS_BLOCKS.postalCode]);
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Emergency address*\n:warning: None');
  });

  it('puts the user back on the site default, and says so when the site has none', async () => {
    await setupAccount();
    await license([C1]);
    await phoneChange(`address <@${C1}> "500 Howard St" "San Francisco" CA 94105 US`);
    const form = await openSection(C1, 'address');
    const none = await submit(ADMIN_ID, form, { [ADDRESS_BLOCKS.source]: { source: radio('site') } });
    expect(none?.[ADDRESS_BLOCKS.source]).toBeDefined();
    await phoneChange('site address Main "1 Main St" "San Francisco" CA 94105 US');
    await closeAll(ADMIN_ID);
    const again = await openSection(C1, 'address');
    expect(
      await submit(ADMIN_ID, again, { [ADDRESS_BLOCKS.source]: { source: radio('site') } }),
    ).toBeUndefined();
    expect(await posted('back on the default of site')).toBeDefined();
    expect(await phoneReply(`show <@${C1}>`)).toContain(
      '1 Main St, San Francisco, CA 94105, US _(site default)_',
    );
  });

  it('refuses a save when someone changed the user since the form opened', async () => {
    await setupAccount();
    await license([C1]);
    const form = await openSection(C1, 'address');
    await phoneChange(`address <@${C1}> "1 Market St" "San Francisco" CA 94105 US`);
    const errors = await submit(ADMIN_ID, form, parts('500 Howard St', 'San Francisco', 'CA', '94105', 'US'));
    expect(errors?.[ADDRESS_BLOCKS.source]).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${C1}>`)).toContain('1 Market St');
  });

  it('gives a phone user an Edit button only once an admin allowed it, and no self-service switch', async () => {
    await setupAccount();
    await license([C1]);
    expect(editButtons(await openSettings('settings', C1))).not.toContain('address');
    const before = await deniedAttempts(sb.app.deps.db);
    expect(await phoneReply(`address <@${C1}> "1 Main St" "San Francisco" CA 94105 US`, C1)).toContain(
      'Your phone admin manages your emergency address',
    );
    expect((await deniedAttempts(sb.app.deps.db)).length).toBe(before.length + 1);
    await closeAll(C1);

    await phoneChange(`address <@${C1}> allow-self on`);
    const own = await openSettings('settings', C1);
    expect(editButtons(own)).toContain('address');
    const form = await editSection(C1, own, 'address');
    expect(JSON.stringify(form.blocks)).not.toContain(ADDRESS_BLOCKS.allow);
    expect(await submit(C1, form, parts('9 Elm St', 'Oakland', 'CA', '94607', 'US'))).toBeUndefined();
    expect(await confirmedPrivately(C1, '9 Elm St')).toBeDefined();
    expect(await phoneReply(`show <@${C1}>`)).toContain('9 Elm St, Oakland, CA 94607, US');
  });
});
