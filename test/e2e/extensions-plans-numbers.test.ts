import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import {
  accountState,
  extensionsByEmail,
  mention,
  phoneCommands,
  unreadableMarkup,
} from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, license, clickOn } = phoneCommands(sb);

const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const by = mention(ADMIN_ID);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, C1, C2, C3])).toEqual([]);
});

/** Colleagues 1, 2 and 3 on extensions 1000, 1001 and 1002; nobody has a plan or a number yet. */
async function threePhoneUsers() {
  await setupAccount();
  await license([C1, C2, C3]);
}

/** What the database holds, to show that a refusal changed nothing. */
const snapshot = () => accountState(sb.app.deps.db);

describe('/phone ext', () => {
  it('changes the extension and says from what to what, with the person named by mention or extension', async () => {
    await threePhoneUsers();
    const changed = await phone(`ext <@${C1}> 4102`);
    expect(changed.text).toBe(`${by} changed the extension of ${mention(C1)} from \`1000\` to \`4102\`.`);
    expect(changed.message.text).toBe(`${by} changed the extension of ${mention(C1)} from 1000 to 4102.`);
    expect(await phoneChange('ext 1001 4103')).toBe(
      `${by} changed the extension of ${mention(C2)} from \`1001\` to \`4103\`.`,
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({
      'colleague1@example.com': '4102',
      'colleague2@example.com': '4103',
      'colleague3@example.com': '1002',
    });
  });

  it('refuses an extension someone else holds, names them and suggests free ones nearby', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply(`ext <@${C1}> 1001`)).toBe(
      `:warning: Extension \`1001\` is taken by ${mention(C2)}. Free nearby: \`1003\`, \`1004\`, \`1005\`.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a reserved extension and suggests the nearest free ones', async () => {
    await threePhoneUsers();
    expect(await phoneReply(`ext <@${C1}> 911`)).toBe(
      ':warning: Extension `911` is reserved (see `/phone reserved`). Free nearby: `910`, `912`, `909`.',
    );
  });

  it('refuses an extension that is too long or not all digits', async () => {
    await threePhoneUsers();
    const before = await snapshot();
    expect(await phoneReply(`ext <@${C1}> 1234567`)).toContain(
      'Extension `1234567` is not valid: use 2 to 6 digits, e.g. `4102`.',
    );
    expect(await phoneReply(`ext <@${C1}> 41a2`)).toContain(
      'Extension `41a2` is not valid: use 2 to 6 digits',
    );
    expect(await phoneReply(`ext <@${C1}> 7`)).toContain('Extension `7` is not valid');
    expect(await snapshot()).toEqual(before);
  });

  it('says nothing changed when the extension is the one the person has', async () => {
    await threePhoneUsers();
    expect(await phoneReply(`ext <@${C1}> 1000`)).toContain(
      'The extension is already `1000`; nothing changed.',
    );
  });

  it('refuses someone without a license and someone nobody knows', async () => {
    await threePhoneUsers();
    expect(await phoneReply(`ext <@${colleague(9)}> 4000`)).toContain(
      `${mention(colleague(9))} is not a phone user (no phone license). Give them one with \`/phone assign\`.`,
    );
    expect(await phoneReply('ext 4321 4000')).toContain('Nobody matches `4321`.');
  });
});

describe('/phone plan add and remove', () => {
  it('gives a calling plan named by its short name, long name or code', async () => {
    await threePhoneUsers();
    await phoneChange('plans set "US/CA Metered" 5');
    expect(await phoneChange(`plan add <@${C1}> US/CA Unlimited`)).toBe(
      `${by} gave ${mention(C1)} the US/CA Unlimited calling plan. They can now get a direct number with \`/phone number add\`.`,
    );
    expect(await phoneChange(`plan add <@${C2}> united states/canada unlimited calling plan`)).toContain(
      'the US/CA Unlimited calling plan',
    );
    expect(await phoneChange(`plan add <@${C1}> 100`)).toContain('the US/CA Metered calling plan');
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Calling plans*\nUS/CA Metered\nUS/CA Unlimited');
    expect(await phoneReply('plans')).toContain('*US/CA Unlimited*: 2 of 50 in use');
  });

  it('refuses a plan the person has, an unknown plan and a plan with none left', async () => {
    await threePhoneUsers();
    await phoneChange(`plan add <@${C1}> 200`);
    const before = await snapshot();
    expect(await phoneReply(`plan add <@${C1}> us/ca unlimited`)).toContain(
      `${mention(C1)} already has US/CA Unlimited; nothing changed.`,
    );
    expect(await phoneReply(`plan add <@${C1}> Galactic`)).toContain('There is no calling plan `Galactic`.');
    expect(await phoneReply(`plan add <@${C1}> Global Select`)).toContain(
      'Not enough Global Select plans: 0 of 0 are in use and this needs 1.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('removes one plan and keeps the numbers while another plan remains', async () => {
    await threePhoneUsers();
    await phoneChange('plans set 100 5');
    await phoneChange('numbers add +14155550100');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`plan add <@${C1}> 100`);
    await phoneChange(`number add <@${C1}>`);
    expect(await phoneChange(`plan remove <@${C1}> US/CA Metered`)).toBe(
      `${by} removed US/CA Metered from ${mention(C1)}.`,
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Numbers*\n+14155550100');
  });

  it('asks before a plan removal releases direct numbers, naming them, and removes on confirm', async () => {
    await threePhoneUsers();
    await phoneChange('plans set 100 5');
    await phoneChange('numbers add +14155550100..+14155550101');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`plan add <@${C1}> 100`);
    await phoneChange(`number add <@${C1}>`);
    await phoneChange(`number add <@${C1}>`);
    const before = await snapshot();
    const prompt = await phone(`plan remove <@${C1}>`);
    expect(prompt.where).toBe('ephemeral');
    expect(prompt.text).toBe(
      `Remove US/CA Metered and US/CA Unlimited from ${mention(C1)}? That leaves them without a calling plan, and a direct number needs one, so \`+14155550100\` and \`+14155550101\` go back to the inventory: calls to them will no longer reach ${mention(C1)}.\nRemove and release 2 numbers\nCancel`,
    );
    expect(await snapshot()).toEqual(before);
    expect(await clickOn(prompt, ACTIONS.planRemoveCancel)).toBe(
      'Cancelled: no plan was removed and the numbers stay.',
    );
    expect(await snapshot()).toEqual(before);

    const again = await phone(`plan remove <@${C1}>`);
    const posts = sb.slack.messages(CHANNEL).length;
    expect(await clickOn(again, ACTIONS.planRemoveConfirm)).toBe(
      'Removed; 2 numbers went back to the inventory.',
    );
    const posted = await sb.slack.waitFor(() => sb.slack.messages(CHANNEL)[posts]);
    expect(visibleText(posted)).toBe(
      `${by} removed US/CA Metered and US/CA Unlimited from ${mention(C1)}. Without a calling plan they cannot keep direct numbers, so +14155550100 and +14155550101 went back to the inventory.`,
    );
    const card = await phoneReply(`show <@${C1}>`);
    expect(card).toContain('*Numbers*\nNone');
    expect(card).toContain('*Calling plans*\nNone');
    expect(await phoneReply('numbers free')).toContain('*Numbers (free)*: 2');
  });

  it('asks again, as things are now, when the numbers changed between the prompt and the click', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550101');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}>`);
    const prompt = await phone(`plan remove <@${C1}> US/CA Unlimited`);
    expect(prompt.text).toContain('so `+14155550100` goes back to the inventory');
    await phoneChange(`number add <@${C1}>`);
    const asked = await clickOn(prompt, ACTIONS.planRemoveConfirm);
    expect(asked).toContain('*Nothing was removed yet.* The numbers changed since you were asked');
    expect(asked).toContain('so `+14155550100` and `+14155550101` go back to the inventory');
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Calling plans*\nUS/CA Unlimited');
    const shown = sb.slack.ephemerals(ADMIN_ID, CHANNEL).find((e) => visibleText(e) === asked);
    if (!shown) throw new Error('the prompt shown again is not in view');
    expect(
      await clickOn({ where: 'ephemeral', text: asked, message: shown }, ACTIONS.planRemoveConfirm),
    ).toBe('Removed; 2 numbers went back to the inventory.');
    expect(await phoneReply('numbers free')).toContain('*Numbers (free)*: 2');
  });

  it('refuses a forged plan-removal button and a click by someone who is no longer an admin, removing nothing', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}>`);
    await phoneChange(`admins add <@${C2}>`);
    const prompt = await phone(`plan remove <@${C1}>`, C2);
    expect(prompt.where).toBe('ephemeral');
    expect(
      await clickOn(prompt, ACTIONS.planRemoveConfirm, { user: C2, value: '{"d":1,"p":null,"n":["x"]}' }),
    ).toBe('This button could not be read; nothing was removed. Run `/phone plan remove` again.');
    const again = await phone(`plan remove <@${C1}>`, C2);
    await phoneChange(`admins remove <@${C2}>`);
    const before = await snapshot();
    expect(await clickOn(again, ACTIONS.planRemoveConfirm, { user: C2 })).toContain(
      'Nothing was removed. Only phone admins can use `/phone plan remove`.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to remove a plan the person does not have, or from someone with none', async () => {
    await threePhoneUsers();
    await phoneChange(`plan add <@${C1}> 200`);
    expect(await phoneReply(`plan remove <@${C2}>`)).toContain(
      `${mention(C2)} has no calling plan to remove.`,
    );
    expect(await phoneReply(`plan remove <@${C1}> US/CA Metered`)).toContain(
      `${mention(C1)} does not have US/CA Metered.`,
    );
    expect(await phoneReply(`plan remove <@${C1}> Galactic`)).toContain(
      'There is no calling plan `Galactic`.',
    );
  });
});

describe('/phone number add and remove', () => {
  it('refuses a number for someone without a calling plan', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100');
    const before = await snapshot();
    expect(await phoneReply(`number add <@${C2}>`)).toContain(
      `${mention(C2)} has no calling plan, and a direct number needs one. Add a plan first with \`/phone plan add\`.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('gives the next free number when none is named, and the named one otherwise', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550102');
    await phoneChange(`plan add <@${C1}> 200`);
    expect(await phoneChange(`number add <@${C1}>`)).toBe(
      `${by} assigned \`+14155550100\` to ${mention(C1)}.`,
    );
    expect(await phoneChange(`number add <@${C1}> "+1 (415) 555-0102"`)).toBe(
      `${by} assigned \`+14155550102\` to ${mention(C1)}.`,
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Numbers*\n+14155550100\n+14155550102');
  });

  it('reads numbers typed with spaces, dots, dashes and brackets, unquoted', async () => {
    await threePhoneUsers();
    expect(await phoneChange('numbers add +1 415 555 0100 .. +1 415 555 0102')).toContain('3');
    await phoneChange(`plan add <@${C1}> 200`);
    expect(await phoneChange(`number add <@${C1}> +1 (415) 555-0101`)).toBe(
      `${by} assigned \`+14155550101\` to ${mention(C1)}.`,
    );
    expect(await phoneChange(`number add <@${C1}> +1.415.555.0102`)).toBe(
      `${by} assigned \`+14155550102\` to ${mention(C1)}.`,
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Numbers*\n+14155550101\n+14155550102');
  });

  it('refuses an invalid number, one not in the inventory and one someone else holds', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`plan add <@${C2}> 200`);
    await phoneChange(`number add <@${C1}> +14155550100`);
    const before = await snapshot();
    expect(await phoneReply(`number add <@${C2}> 4155550100`)).toContain(
      `\`+14155550100\` is already assigned to ${mention(C1)}.`,
    );
    expect(await phoneReply(`number add <@${C2}> 0155550100`)).toContain(
      '`0155550100` is not a phone number of the United States (US), where a number without + is read.',
    );
    expect(await phoneReply(`number add <@${C2}> +1415555`)).toContain(
      '`+1415555` is not a valid phone number',
    );
    expect(await phoneReply(`number add <@${C2}> +14155550199`)).toContain(
      "`+14155550199` is not in the account's numbers. Add it with `/phone numbers add +14155550199` first.",
    );
    expect(await phoneReply(`number add <@${C2}> +14155550100`)).toContain(
      `\`+14155550100\` is already assigned to ${mention(C1)}.`,
    );
    expect(await phoneReply(`number add <@${C2}>`)).toContain(
      'There is no free number for site Main. Add numbers with `/phone numbers add &lt;+E164&gt;`.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('releases one named number, or all of them, back to the inventory', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550102');
    await phoneChange(`plan add <@${C1}> 200`);
    for (let i = 0; i < 3; i++) await phoneChange(`number add <@${C1}>`);
    expect(await phoneChange(`number remove <@${C1}> +14155550101`)).toBe(
      `${by} released \`+14155550101\` from ${mention(C1)}; back in the inventory.`,
    );
    expect(await phoneChange(`number remove <@${C1}>`)).toBe(
      `${by} released \`+14155550100\` and \`+14155550102\` from ${mention(C1)}; back in the inventory.`,
    );
    expect(await phoneReply(`number remove <@${C1}>`)).toContain(
      `${mention(C1)} has no direct number to remove.`,
    );
    expect(await phoneReply('numbers free')).toContain('*Numbers (free)*: 3');
  });

  it('refuses to release a number the person does not have', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550101');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}>`);
    expect(await phoneReply(`number remove <@${C1}> +14155550101`)).toContain(
      `${mention(C1)} does not have \`+14155550101\`.`,
    );
  });
});

describe('/phone numbers', () => {
  it('lists the inventory, only the free numbers, or those of one site', async () => {
    await threePhoneUsers();
    await phoneChange('site add Boston');
    await phoneChange('numbers add +14155550100..+14155550101');
    await phoneChange('numbers add +16175550100 site:Boston');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}>`);

    const all = await phoneReply('numbers');
    expect(all).toContain('*Numbers*: 3');
    expect(all).toContain('• `+14155550100` · colleague1@example.com');
    expect(all).toContain('• `+14155550101` · free');
    expect(all).toContain('• `+16175550100` · Boston · free');

    const free = await phoneReply('numbers free');
    expect(free).toContain('*Numbers (free)*: 2');
    expect(free).not.toContain('+14155550100');

    const boston = await phoneReply('numbers site:Boston');
    expect(boston).toContain('*Numbers (in Boston)*: 1');
    expect(await phoneReply('numbers site:Atlantis')).toContain('There is no site called `Atlantis`.');
  });

  it('shows consecutive free numbers as one range with how many it holds', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550149');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}> +14155550120`);
    const free = await phoneReply('numbers free');
    expect(free).toContain(
      '*Numbers (free)*: 49\n• `+14155550100`–`+14155550119` (20) · free\n• `+14155550121`–`+14155550149` (29) · free',
    );
    const all = await phoneReply('numbers');
    expect(all).toContain(
      '• `+14155550120` · colleague1@example.com\n• `+14155550121`–`+14155550149` (29) · free',
    );
  });

  it('pages a long list by the lines shown: a range is one line, and More goes on after the last one', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550219');
    // 55 numbers with a gap after each: a line each.
    const singles = Array.from({ length: 55 }, (_, i) => `+1415555${String(300 + 2 * i).padStart(4, '0')}`);
    for (const number of singles) await phoneChange(`numbers add ${number}`);
    const first = await phone('numbers free');
    expect(first.text).toContain('*Numbers (free)*: 175\n• `+14155550100`–`+14155550219` (120) · free');
    const lines = (text: string) => text.split('\n').filter((line) => line.startsWith('• '));
    expect(lines(first.text)).toHaveLength(50);
    expect(first.text).toContain(`• \`${singles[48]}\` · free`);
    expect(first.text).not.toContain(singles[49]);
    expect(first.text).toContain('Showing 1–169 of 175; *More* shows the next ones.');
    const second = await clickOn(first, ACTIONS.numbersMore);
    expect(lines(second)).toEqual(singles.slice(49).map((number) => `• \`${number}\` · free`));
    expect(second).toContain('Showing 170–175 of 175.');
    expect(second).not.toContain('More');
    expect(sb.slack.ephemerals(ADMIN_ID, CHANNEL)).toHaveLength(1);
  });

  it('shows a range longer than one read of the inventory whole, on one line', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155551099');
    const list = await phone('numbers');
    expect(list.text).toContain('• `+14155550100`–`+14155551099` (1000) · free');
    expect(list.text).not.toContain('Showing');
  });

  it('says how to add numbers when there are none', async () => {
    expect(await phoneReply('numbers')).toBe(
      '*Numbers*: 0\nAdd some with `/phone numbers add &lt;+E164&gt;[..&lt;+E164&gt;]`.',
    );
  });

  it('adds one number, normalised to E.164', async () => {
    expect(await phoneChange('numbers add "+1 415 555 0100"')).toBe(
      `${by} added 1 number (\`+14155550100\`) to the inventory.`,
    );
  });

  it('adds a range of numbers, optionally for a site', async () => {
    await phoneChange('site add Boston');
    expect(await phoneChange('numbers add +14155550100..+14155550199 site:Boston')).toBe(
      `${by} added 100 numbers (\`+14155550100\` to \`+14155550199\`) for Boston to the inventory.`,
    );
    expect((await snapshot()).numbers).toHaveLength(100);
  });

  it('refuses a range of more than 1000 numbers, a backwards range and numbers already there', async () => {
    await phoneChange('numbers add +14155550100');
    const before = await snapshot();
    expect(await phoneReply('numbers add +14155550000..+14155551000')).toContain(
      'That range holds 1001 numbers; add at most 1000 at once.',
    );
    expect(await phoneReply('numbers add +14155550199..+14155550100')).toContain(
      'The range `+14155550199`..`+14155550100` runs backwards; put the lower number first.',
    );
    expect(await phoneReply('numbers add +14155550099..+14155550101')).toContain(
      'Nothing was added: `+14155550100` is already in the inventory.',
    );
    expect(await phoneReply('numbers add 12345')).toContain(
      '`12345` is not a phone number of the United States (US)',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('removes a free number, and refuses one in use or one not in the inventory', async () => {
    await threePhoneUsers();
    await phoneChange('numbers add +14155550100..+14155550101');
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`number add <@${C1}>`);
    expect(await phoneChange('numbers remove +14155550101')).toBe(
      `${by} removed \`+14155550101\` from the inventory.`,
    );
    expect(await phoneReply('numbers remove +14155550100')).toContain(
      `\`+14155550100\` is assigned to ${mention(C1)}; release it with \`/phone number remove\` before removing it from the inventory.`,
    );
    expect(await phoneReply('numbers remove +14155550199')).toContain(
      "`+14155550199` is not in the account's numbers.",
    );
    expect((await snapshot()).numbers.map((n) => n.number)).toEqual(['+14155550100']);
  });
});

describe('/phone plans', () => {
  it('lists the catalog with how many of each plan are owned and in use', async () => {
    await threePhoneUsers();
    await phoneChange(`plan add <@${C1}> 200`);
    const plans = await phoneReply('plans');
    expect(plans).toContain('*Calling plans* (code, name: in use of owned)');
    expect(plans).toContain(
      '• `200` *US/CA Unlimited*: 1 of 50 in use · _United States/Canada Unlimited Calling Plan_',
    );
    expect(plans).toContain('• `100` *US/CA Metered*: 0 of 0 in use');
    expect(plans).toContain('• `1000` *Global Select*: 0 of 0 in use');
    expect(plans).toContain('• `4000` *International Calling Add-On*: 0 of 0 in use');
    expect(plans).toContain(
      'Set how many the account owns with `/phone plans set &lt;plan&gt; &lt;count&gt;`.',
    );
  });

  it('sets how many of a plan the account owns', async () => {
    expect(await phoneChange('plans set Global Select 1000')).toBe(
      `${by} set *Global Select* to 1000 owned (0 in use).`,
    );
    expect(await phoneReply('plans')).toContain('*Global Select*: 0 of 1000 in use');
  });

  it('refuses a count below the plans in use, an unknown plan and a count that is no number', async () => {
    await threePhoneUsers();
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`plan add <@${C2}> 200`);
    const before = await snapshot();
    expect(await phoneReply('plans set 200 1')).toContain(
      'US/CA Unlimited cannot be set to 1: 2 are in use. Remove the plan from people first, or set at least 2.',
    );
    expect(await phoneReply('plans set Galactic 5')).toContain('There is no calling plan `Galactic`.');
    expect(await phoneReply('plans set 200 many')).toContain('`plans set` needs a plan and then a count');
    expect(await snapshot()).toEqual(before);
  });
});

describe('/phone reserved', () => {
  it('lists the reserved emergency and service codes', async () => {
    const reserved = await phoneReply('reserved');
    expect(reserved).toContain('*Reserved extensions* (never assigned to anyone)');
    for (const extension of ['911', '933', '988', '112', '999', '411', '611', '711']) {
      expect(reserved).toContain(`• \`${extension}\``);
    }
  });

  it('shows consecutive reserved extensions as one range', async () => {
    await setupAccount();
    for (const extension of ['4000', '4001', '4002', '4004']) await phoneChange(`reserved add ${extension}`);
    const reserved = await phoneReply('reserved');
    expect(reserved).toContain('• `4000`–`4002` (3)\n• `4004`');
  });

  it('pages a long reserved list by lines, with a More button', async () => {
    await setupAccount();
    const singles = Array.from({ length: 45 }, (_, i) => String(4000 + 2 * i));
    for (const extension of [...singles, '5000', '5001', '5002'])
      await phoneChange(`reserved add ${extension}`);
    const first = await phone('reserved');
    expect(first.where).toBe('ephemeral');
    expect(first.text).toContain('*Reserved extensions* (never assigned to anyone): 56');
    const lines = (text: string) => text.split('\n').filter((line) => line.startsWith('• '));
    // The eight standard codes, then 42 of the singles.
    expect(lines(first.text)).toHaveLength(50);
    expect(first.text).toContain('• `4082`');
    expect(first.text).not.toContain('4084');
    expect(first.text).toContain('Showing 1–50 of 56; *More* shows the next ones.');
    const second = await clickOn(first, ACTIONS.reservedMore);
    expect(lines(second)).toEqual(['• `4084`', '• `4086`', '• `4088`', '• `5000`–`5002` (3)']);
    expect(second).toContain('Showing 51–56 of 56.');
  });

  it('reserves an extension so that nobody is given it, and releases it again', async () => {
    await setupAccount();
    expect(await phoneChange('reserved add 1000')).toBe(
      `${by} reserved extension \`1000\`: it will never be assigned.`,
    );
    expect(await license([C1])).toContain(`${mention(C1)}: extension *1001*`);
    expect(await phoneReply(`ext <@${C1}> 1000`)).toContain('Extension `1000` is reserved');
    expect(await phoneChange('reserved remove 1000')).toBe(
      `${by} released the reservation of extension \`1000\`.`,
    );
    expect(await license([C2])).toContain(`${mention(C2)}: extension *1000*`);
  });

  it('refuses to reserve a held, a reserved or an invalid extension, and to release one not reserved', async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();
    expect(await phoneReply('reserved add 1000')).toContain(
      `\`1000\` belongs to ${mention(C1)}; change their extension first, then reserve it.`,
    );
    expect(await phoneReply('reserved add 911')).toContain('`911` is already reserved.');
    expect(await phoneReply('reserved add 12a')).toContain('`12a` is not an extension: use 2 to 6 digits.');
    expect(await phoneReply('reserved remove 4321')).toContain(
      '`4321` is not on the reserved list (`/phone reserved`).',
    );
    expect(await snapshot()).toEqual(before);
  });
});
