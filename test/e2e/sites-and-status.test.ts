import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import {
  accountState,
  extensionsByEmail,
  mention,
  phoneCommands,
  unreadableMarkup,
} from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license, directMessage } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const by = mention(ADMIN_ID);
const snapshot = () => accountState(sb.app.deps.db);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1, C2, C3])).toEqual([]);
});

describe('/phone sites and site add', () => {
  it('lists the sites with their codes and first extensions', async () => {
    expect(await phoneReply('sites')).toBe('*Sites* (site codes off)\n• *Main* · first extension `1000`');
    await phoneChange('site add "New York" code:12 first:1200');
    expect(await phoneReply('sites')).toBe(
      '*Sites* (site codes off)\n• *Main* · first extension `1000`\n• *New York* · site code `12` · first extension `1200`',
    );
  });

  it('adds a site with a code and a first extension, and assigns from that extension up', async () => {
    await setupAccount();
    expect(await phoneChange('site add New York code:12 first:1200')).toBe(
      `${by} added the site *New York* (site code \`12\`, extensions from \`1200\`).`,
    );
    expect(await license([C1], 'site:"new york"')).toContain(`${mention(C1)}: extension *1200*`);
  });

  it("reads numbers typed without + in the country of the person's site, else in the account's", async () => {
    await setupAccount();
    expect(await phoneChange('site add London country:gb')).toBe(
      `${by} added the site *London* (numbers read in the United Kingdom (GB)).`,
    );
    expect(await phoneReply('site add Paris country:XX')).toContain(
      '`XX` is not a country code. Give the two letters of ISO 3166, e.g. `country:GB` or `country:US`.',
    );
    expect(await phoneChange('numbers add 020 7946 0958 site:London')).toContain('+442079460958');
    expect(await phoneChange('numbers add (415) 555-0100')).toContain('+14155550100');
    await license([C1], 'site:London');
    await license([C2]);
    await phoneChange(`plan add <@${C1}> 200`);
    await phoneChange(`plan add <@${C2}> 200`);
    expect(await phoneChange(`number add <@${C1}> 020 7946 0958`)).toBe(
      `${by} assigned \`+442079460958\` to ${mention(C1)}.`,
    );
    expect(await phoneChange(`number add <@${C2}> 415.555.0100`)).toBe(
      `${by} assigned \`+14155550100\` to ${mention(C2)}.`,
    );
    expect(await phoneChange(`forward add <@${C1}> 07911 123456 Mobile`)).toContain('+447911123456');
    expect(await phoneReply(`forward add <@${C2}> 07911 123456 Mobile`)).toContain(
      '`07911 123456` is not a phone number of the United States (US), where a number without + is read.',
    );
    expect(await phoneChange('site edit Main country:GB')).toContain(
      'numbers read in the United Kingdom (GB)',
    );
    expect(await phoneChange(`forward add <@${C2}> 07911 123456 Mobile`)).toContain('+447911123456');
  });

  it('refuses a site that exists, a bad or taken code and a bad first extension', async () => {
    await phoneChange('site add Boston code:2');
    const before = await snapshot();
    expect(await phoneReply('site add main')).toContain(
      'A site called `main` already exists (names ignore case). Pick another name.',
    );
    expect(await phoneReply('site add Denver code:0')).toContain(
      'Site code `0` is not valid: use 1 or 2 digits not starting with 0, e.g. `code:2`.',
    );
    expect(await phoneReply('site add Denver code:123')).toContain('Site code `123` is not valid');
    expect(await phoneReply('site add Denver code:2')).toContain(
      'Site code `2` is already used by Boston. Pick another code.',
    );
    expect(await phoneReply('site add Denver first:7')).toContain(
      'First extension `7` is not valid: use 2 to 6 digits, e.g. `first:2000`.',
    );
    expect(await phoneReply('site add')).toContain('`site add` needs a site name');
    expect(await snapshot()).toEqual(before);
  });
});

describe('/phone site edit', () => {
  it('gives an existing site a code and a first extension', async () => {
    await setupAccount();
    expect(await phoneChange('site edit Main code:1 first:2000')).toBe(
      `${by} changed the site *Main*: site code \`1\`, extensions from \`2000\`.`,
    );
    expect(await phoneReply('sites')).toContain('• *Main* · site code `1` · first extension `2000`');
    expect(await license([C1])).toContain(`${mention(C1)}: extension *2000*`);
  });

  it('renumbers the people of a site whose code changes while site codes are on', async () => {
    await setupAccount();
    await phoneChange('site edit Main code:1');
    await phoneChange('site add Boston code:2 first:200');
    await license([C2], 'site:Boston');
    await phoneChange('sitecodes on');
    expect(await phoneChange('site edit Boston code:3')).toBe(
      `${by} changed the site *Boston*: site code \`3\`, extensions from \`200\`. 1 extension now dial differently: \`2200\` → \`3200\`.`,
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({ 'colleague2@example.com': '3200' });
  });

  it('refuses an unknown site, a taken code and an edit with nothing to change', async () => {
    await phoneChange('site add Boston code:2');
    const before = await snapshot();
    expect(await phoneReply('site edit Atlantis code:5')).toContain('There is no site called `Atlantis`.');
    expect(await phoneReply('site edit Main code:2')).toContain('Site code `2` is already used by Boston.');
    expect(await phoneReply('site edit Main')).toContain('`site edit` needs `code:`, `first:` or `country:`');
    expect(await snapshot()).toEqual(before);
  });
});

describe('/phone sitecodes', () => {
  it('refuses to switch site codes on while a site has no code', async () => {
    await phoneChange('site add Boston code:2');
    expect(await phoneReply('sitecodes on')).toContain(
      'With site codes on, every site needs a code. Missing for: `Main`.',
    );
    expect(await phoneReply('sites')).toContain('(site codes off)');
  });

  it('renumbers everyone as site code + extension when switched on, and back when switched off', async () => {
    await setupAccount();
    await phoneChange('site edit Main code:1');
    await phoneChange('site add Boston code:2 first:200');
    await license([C1]);
    await license([C2], 'site:Boston');

    expect(await phoneChange('sitecodes on')).toBe(
      `${by} turned site codes *on*. 2 extensions now dial differently: \`1000\` → \`11000\` and \`200\` → \`2200\`.`,
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({
      'colleague1@example.com': '11000',
      'colleague2@example.com': '2200',
    });
    expect(await phoneReply(`show <@${C2}>`)).toContain('*Extension*\n2200 (site code 2 + 200)');
    expect(await phoneReply('sitecodes on')).toContain('Site codes are already on; nothing changed.');
    expect(await phoneReply('site add Denver')).toContain('Missing for: `Denver`.');

    expect(await phoneChange('sitecodes off')).toContain('turned site codes *off*. 2 extensions');
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({
      'colleague1@example.com': '1000',
      'colleague2@example.com': '200',
    });
  });

  it('refuses a switch other than on or off', async () => {
    expect(await phoneReply('sitecodes maybe')).toContain('`sitecodes` needs `on` or `off`, not `maybe`');
  });
});

describe('/phone move', () => {
  it('moves a person to another site and keeps their extension when site codes are off', async () => {
    await setupAccount();
    await phoneChange('site add Boston');
    await license([C1]);
    expect(await phoneChange(`move <@${C1}> site:Boston`)).toBe(
      `${by} moved ${mention(C1)} from Main to Boston. Extension: \`1000\`.`,
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Site*\nBoston');
  });

  it('gives the next free extension of the new site when the same extension is taken there', async () => {
    await setupAccount();
    await phoneChange('site edit Main code:1');
    await phoneChange('site add Boston code:2 first:200');
    await phoneChange('sitecodes on');
    await license([C2], 'site:Boston');
    await license([C3]);
    await phoneChange(`ext <@${C3}> 200`);
    expect(await phoneChange(`move <@${C3}> site:Boston`)).toBe(
      `${by} moved ${mention(C3)} from Main to Boston. Their extension \`1200\` was taken there, so it is now \`2201 (site code 2 + 201)\`.`,
    );
  });

  it('refuses an unknown site, the site the person is in, and a move without a site', async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();
    expect(await phoneReply(`move <@${C1}> site:Atlantis`)).toContain(
      'There is no site called `Atlantis`. Sites: `Main`.',
    );
    expect(await phoneReply(`move <@${C1}> site:main`)).toContain(
      `${mention(C1)} is already in Main; nothing changed.`,
    );
    expect(await phoneReply(`move <@${C1}>`)).toContain('`move` needs the site as `site:`');
    expect(await snapshot()).toEqual(before);
  });
});

describe('/phone deactivate and activate', () => {
  it('deactivates a person, keeping their extension, and tells them in a DM', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneChange(`deactivate <@${C1}>`)).toBe(
      `${by} deactivated ${mention(C1)}: they keep extension \`1000\`, numbers and settings, but cannot make or receive calls until activated.`,
    );
    expect(await directMessage(C1, 'deactivated')).toBe(
      'Your phone line was deactivated: you cannot make or receive calls for now. Your extension, numbers and voicemail are kept. Ask a phone admin if this is unexpected.',
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Status*\nInactive (cannot make or receive calls)');
    expect(await phoneReply('licenses')).toContain('1 of 50 phone licenses in use (0 active, 1 inactive)');
  });

  it('activates a person again and tells them in a DM', async () => {
    await setupAccount();
    await license([C1]);
    await phoneChange(`deactivate <@${C1}>`);
    expect(await phoneChange(`activate <@${C1}>`)).toBe(
      `${by} activated ${mention(C1)}: extension \`1000\` can make and receive calls again.`,
    );
    expect(await directMessage(C1, 'active again')).toBe(
      'Your phone line is active again: extension *1000* can make and receive calls.',
    );
    expect(await phoneReply(`show <@${C1}>`)).toContain('*Status*\nActive');
  });

  it('says nothing changed when the person already has that status', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneReply(`activate <@${C1}>`)).toContain(
      `${mention(C1)} is already active; nothing changed.`,
    );
    await phoneChange(`deactivate <@${C1}>`);
    expect(await phoneReply('deactivate 1000')).toContain(
      `${mention(C1)} is already inactive; nothing changed.`,
    );
    expect(await phoneReply(`deactivate <@${C2}>`)).toContain(`${mention(C2)} is not a phone user`);
  });
});

describe('/phone admins', () => {
  it('lists the admins and which come from ADMIN_USER_IDS', async () => {
    expect(await phoneReply('admins')).toBe(`*Phone admins*\n• ${mention(ADMIN_ID)} (from ADMIN_USER_IDS)`);
  });

  it('adds an admin, who can then administer, and removes them again', async () => {
    expect(await phoneChange(`admins add <@${MALLORY}>`)).toBe(
      `${by} made ${mention(MALLORY)} a phone admin.`,
    );
    expect(await phoneReply('admins')).toContain(`• ${mention(MALLORY)}`);
    expect(await phoneReply('licenses', MALLORY)).toContain('0 of 0 phone licenses in use');
    expect(await phoneChange(`admins remove <@${MALLORY}>`)).toBe(
      `${by} removed ${mention(MALLORY)} from the phone admins.`,
    );
    expect(await phoneReply('licenses', MALLORY)).toContain('Only phone admins can use `/phone licenses`');
  });

  it('refuses to remove an admin who comes from ADMIN_USER_IDS', async () => {
    await phoneChange(`admins add <@${MALLORY}>`);
    const before = await snapshot();
    expect(await phoneReply(`admins remove <@${ADMIN_ID}>`, MALLORY)).toContain(
      `${mention(ADMIN_ID)} is an admin through the ADMIN_USER_IDS setting; remove them there and restart.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an admin twice, removing someone who is no admin, and naming an admin by email', async () => {
    await phoneChange(`admins add <@${MALLORY}>`);
    expect(await phoneReply(`admins add <@${MALLORY}>`)).toContain(
      `${mention(MALLORY)} is already a phone admin.`,
    );
    expect(await phoneReply(`admins remove <@${C1}>`)).toContain(`${mention(C1)} is not a phone admin.`);
    expect(await phoneReply('admins add colleague1@example.com')).toContain(
      'Name the admin with a mention, e.g. `/phone admins add @ada`.',
    );
  });
});
