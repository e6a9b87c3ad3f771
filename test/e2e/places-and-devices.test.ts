import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, deniedAttempts, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { placesAndDevicesState } from '../support/places-and-devices.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, ownChange, setupAccount, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);
const by = mention(ADMIN_ID);
const snapshot = async () => ({
  account: await accountState(sb.app.deps.db),
  area: await placesAndDevicesState(sb.app.deps.db),
});
const ADDRESS = '"1 Main St" "San Francisco" CA 94105 US';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1, C2])).toEqual([]);
});

describe('/phone site address', () => {
  it("sets a site's default address, which the card of everyone there shows", async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneChange(`site address Main ${ADDRESS}`)).toBe(
      `${by} set the default emergency address of site *Main* to 1 Main St, San Francisco, CA 94105, US. It applies to everyone there without an address of their own.`,
    );
    expect(await phoneReply(`show ${mention(C1)}`)).toContain(
      '*Emergency address*\n1 Main St, San Francisco, CA 94105, US _(site default)_',
    );
  });

  it('refuses a missing city, a bad country and an unknown site, changing nothing', async () => {
    const before = await snapshot();
    expect(await phoneReply('site address Main "1 Main St" "" CA 94105 US')).toBe(
      ':warning: City is missing from the emergency address; nothing was saved. Give every part, quoted where it has spaces, in this order: `"line 1" "city" "state" "postal code" country`, e.g. `"1 Main St" "San Francisco" CA 94105 US`.',
    );
    expect(await phoneReply('site address Main "1 Main St" "San Francisco" CA 94105 XX')).toContain(
      'The country `XX` is not an ISO 3166 two-letter country code. Use codes like `US`, `GB`, `DE` or `JP`.',
    );
    expect(await phoneReply(`site address Atlantis ${ADDRESS}`)).toContain(
      'There is no site called `Atlantis`.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a non-admin and audits the attempt', async () => {
    const before = await snapshot();
    expect(await phoneReply(`site address Main ${ADDRESS}`, MALLORY)).toContain(
      'Only phone admins can use `/phone site address`.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'site address' }]);
  });
});

describe('/phone address', () => {
  it('gives a person their own address, line 2 included, and shows it on their card', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneChange(`address ${mention(C1)} ${ADDRESS} line2:"Suite 5"`)).toBe(
      `${by} set the emergency address of ${mention(C1)} to 1 Main St, Suite 5, San Francisco, CA 94105, US.`,
    );
    expect(await phoneReply(`show ${mention(C1)}`)).toContain(
      '*Emergency address*\n1 Main St, Suite 5, San Francisco, CA 94105, US',
    );
  });

  it('refuses a missing city, missing parts, a bad country and a too-long postal code, changing nothing', async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" "" CA 94105 US`)).toContain(
      'City is missing from the emergency address; nothing was saved.',
    );
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" "" "" 94105 US`)).toContain(
      'City and state are missing from the emergency address',
    );
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" CA 94105 US`)).toBe(
      ':warning: `address` takes five parts after the user, in this order: `"line 1" "city" "state" "postal code" country`; you gave 4: `1 Main St` `CA` `94105` `US`. Quote each part that has spaces, e.g. `/phone address @ada "1 Main St" "San Francisco" CA 94105 US`.',
    );
    expect(await phoneReply(`address ${mention(C1)} "1 Main St" "London" London "SW1A 1AA" UK`)).toContain(
      'The country `UK` is not an ISO 3166 two-letter country code. Did you mean `GB`?',
    );
    expect(
      await phoneReply(`address ${mention(C1)} "1 Main St" "San Francisco" CA "94105 1234 5678" US`),
    ).toContain(
      'The postal code `94105 1234 5678` is not valid: use up to 12 letters, digits, spaces or dashes',
    );
    expect(await snapshot()).toEqual(before);
  });

  it("puts a person back on their site's default, and says when there is none", async () => {
    await setupAccount();
    await license([C1]);
    await phoneChange(`address ${mention(C1)} ${ADDRESS}`);
    expect(await phoneReply(`address ${mention(C1)} site-default`)).toContain(
      'Site Main has no default emergency address yet, so nothing changed. Set one first with `/phone site address "Main" "&lt;line 1&gt;"',
    );
    await phoneChange('site address Main "2 Market St" "San Francisco" CA 94105 US');
    expect(await phoneChange(`address ${mention(C1)} site-default`)).toBe(
      `${by} put the emergency address of ${mention(C1)} back on the default of site *Main*: 2 Market St, San Francisco, CA 94105, US.`,
    );
    expect(await phoneReply(`address ${mention(C1)} site-default`)).toContain(
      `${mention(C1)} already uses the default emergency address of Main; nothing changed.`,
    );
  });

  it('lets a phone user change their own address only once an admin allows it', async () => {
    await setupAccount();
    await license([MALLORY, C1]);
    const before = await snapshot();
    expect(await phoneReply(`address ${mention(MALLORY)} ${ADDRESS}`, MALLORY)).toBe(
      ':warning: Your phone admin manages your emergency address; ask them to change it, or to allow you to manage it yourself.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await phoneChange(`address ${mention(MALLORY)} allow-self on`)).toBe(
      `${by} allowed ${mention(MALLORY)} to manage their own emergency address (with \`/phone address\`).`,
    );
    expect(await ownChange(`address ${mention(MALLORY)} ${ADDRESS}`, MALLORY)).toBe(
      `${mention(MALLORY)} set their own emergency address to 1 Main St, San Francisco, CA 94105, US.`,
    );
    expect(await phoneReply('me', MALLORY)).toContain(
      '*Emergency address*\n1 Main St, San Francisco, CA 94105, US · the user may change it',
    );
    expect(await phoneReply(`address ${mention(C1)} ${ADDRESS}`, MALLORY)).toContain(
      'Only phone admins can use `/phone address` for someone else.',
    );
    expect(await phoneReply(`address ${mention(MALLORY)} allow-self off`, MALLORY)).toContain(
      'Only phone admins can use `/phone address allow-self`.',
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: MALLORY, command: 'address' },
      { actor: MALLORY, command: 'address' },
      { actor: MALLORY, command: 'address allow-self' },
    ]);
    expect(await phoneChange(`address ${mention(MALLORY)} allow-self off`)).toBe(
      `${by} stopped ${mention(MALLORY)} managing their own emergency address; a phone admin now keeps it up to date.`,
    );
    expect(await phoneReply(`address ${mention(MALLORY)} site-default`, MALLORY)).toContain(
      'Your phone admin manages your emergency address',
    );
  });
});

describe('/phone phone add and remove', () => {
  it('adds a desk phone with its call route, both shown on the card, and removes it again', async () => {
    await setupAccount();
    await license([C1]);
    expect(await phoneChange(`phone add ${mention(C1)} 00-1a-2b-3c-4d-5e Model A20`)).toBe(
      `${by} added the desk phone Model A20 \`00:1A:2B:3C:4D:5E\` to ${mention(C1)} (1 desk phone now). It rings with their other phones: a call route was added.`,
    );
    const card = await phoneReply(`show ${mention(C1)}`);
    expect(card).toContain('*Phones*\nDesktop and mobile apps\nModel A20 00:1A:2B:3C:4D:5E');
    expect(card).toContain('✓ Desk phone Model A20 00:1A:2B:3C:4D:5E (20 s)');
    expect(await phoneChange(`phone remove ${mention(C1)} 001a.2b3c.4d5e`)).toBe(
      `${by} removed the desk phone Model A20 \`00:1A:2B:3C:4D:5E\` from ${mention(C1)}, and its call route.`,
    );
    expect(await phoneReply(`show ${mention(C1)}`)).not.toContain('Model A20');
  });

  it('refuses a 4th desk phone, a duplicate MAC and a bad MAC, changing nothing', async () => {
    await setupAccount();
    await license([C1, C2]);
    for (const mac of ['001A2B3C4D51', '001A2B3C4D52', '001A2B3C4D53']) {
      await phoneChange(`phone add ${mention(C1)} ${mac} Model A20`);
    }
    const before = await snapshot();
    expect(await phoneReply(`phone add ${mention(C1)} 001A2B3C4D54 Model A20`)).toBe(
      `:warning: ${mention(C1)} already has 3 desk phones, the most one person can have. Remove one first with \`/phone phone remove &lt;user&gt; &lt;MAC&gt;\`.`,
    );
    expect(await phoneReply(`phone add ${mention(C2)} 00:1a:2b:3c:4d:51 Model B10`)).toBe(
      `:warning: The desk phone \`00:1A:2B:3C:4D:51\` belongs to ${mention(C1)}: a MAC address can be used once in the account. Remove it from them first with \`/phone phone remove colleague1@example.com 00:1A:2B:3C:4D:51\`.`,
    );
    expect(await phoneReply(`phone add ${mention(C2)} 00:1A:2B:3C:4D Model B10`)).toBe(
      ":warning: `00:1A:2B:3C:4D` is not a MAC address. Type the 12 hex digits printed on the phone's label, e.g. `00:1A:2B:3C:4D:5E`, `00-1A-2B-3C-4D-5E`, `001A.2B3C.4D5E` or `001A2B3C4D5E`.",
    );
    expect(await phoneReply(`phone add ${mention(C2)} 001A2B3C4D59`)).toBe(
      ":warning: `phone add` needs the phone's model after the MAC address, e.g. `/phone phone add @ada 00:1A:2B:3C:4D:5E Model A20`.",
    );
    expect(await phoneReply(`phone remove ${mention(C2)} 001A2B3C4D51`)).toContain(
      `${mention(C2)} has no desk phone \`00:1A:2B:3C:4D:51\`. It belongs to ${mention(C1)}.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a phone user adding a desk phone, even their own, and audits it', async () => {
    await setupAccount();
    await license([MALLORY]);
    const before = await snapshot();
    expect(await phoneReply(`phone add ${mention(MALLORY)} 001A2B3C4D5E Model A20`, MALLORY)).toContain(
      'Only phone admins can change desk phones.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'phone add' }]);
  });
});

describe('/phone queue and queues', () => {
  it('adds a queue, manages its members and shows membership on the card', async () => {
    await setupAccount();
    await license([C1, C2]);
    expect(await phoneChange('queue add Sales Team 2000')).toBe(
      `${by} added the call queue *Sales Team* with extension \`2000\` at site Main. Add members with \`/phone queue member add "Sales Team" &lt;user&gt;\`.`,
    );
    expect(await phoneChange(`queue member add sales team ${mention(C1)} manager`)).toBe(
      `${by} added ${mention(C1)} to the call queue *Sales Team* as a manager.`,
    );
    expect(await phoneChange(`queue member add "Sales Team" ${mention(C2)}`)).toBe(
      `${by} added ${mention(C2)} to the call queue *Sales Team*.`,
    );
    expect(await phoneReply(`show ${mention(C1)}`)).toContain('*Call queues*\nSales Team (manager)');
    expect(await phoneReply('queues')).toBe(
      `*Call queues*\n• *Sales Team* · ext \`2000\` · Main · ${mention(C1)} (manager), ${mention(C2)}`,
    );
    expect(await phoneChange(`queue member remove "Sales Team" ${mention(C1)} manager`)).toBe(
      `${by} took away the manager role of ${mention(C1)} in the call queue *Sales Team*; they stay a member.`,
    );
    expect(await phoneChange(`queue member remove "Sales Team" ${mention(C2)}`)).toBe(
      `${by} removed ${mention(C2)} from the call queue *Sales Team*.`,
    );
    expect(await phoneReply(`queue member remove "Sales Team" ${mention(C2)}`)).toContain(
      `${mention(C2)} is not a member of the call queue Sales Team; nothing changed.`,
    );
  });

  it("refuses a queue on a user's extension, and a user's later change to the queue's", async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();
    expect(await phoneReply('queue add Sales 1000')).toBe(
      `:warning: Extension \`1000\` is taken by ${mention(C1)}. Free nearby: \`1001\`, \`1002\`, \`1003\`.`,
    );
    expect(await snapshot()).toEqual(before);
    await phoneChange('queue add Sales 2000');
    expect(await phoneReply(`ext ${mention(C1)} 2000`)).toBe(
      ':warning: Extension `2000` is taken by call queue Sales. Free nearby: `1999`, `2001`, `1998`.',
    );
    expect(await phoneReply('queue add sales 2001')).toContain(
      'A call queue called `Sales` already exists (names ignore case). Pick another name.',
    );
    expect(await phoneReply(`queue member add Support ${mention(C1)}`)).toContain(
      'There is no call queue called `Support`. Call queues: `Sales`.',
    );
  });

  it('lists no queues yet, and refuses a non-admin, auditing the attempts', async () => {
    expect(await phoneReply('queues')).toContain('*Call queues*\nNone yet.');
    const before = await snapshot();
    expect(await phoneReply('queue add Sales 2000', MALLORY)).toContain(
      'Only phone admins can use `/phone queue add`.',
    );
    expect(await phoneReply('queues', MALLORY)).toContain('Only phone admins can use `/phone queues`.');
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: MALLORY, command: 'queue add' },
      { actor: MALLORY, command: 'queues' },
    ]);
  });
});

describe('/phone receptionist and receptionists', () => {
  it('adds a receptionist with an operator, changes the operator and lists them', async () => {
    await setupAccount();
    await license([C1, C2]);
    expect(await phoneChange(`receptionist add "Main line" 2100 operator:${mention(C1)}`)).toBe(
      `${by} added the auto receptionist *Main line* with extension \`2100\` at site Main, operator ${mention(C1)}.`,
    );
    expect(await phoneReply(`show ${mention(C1)}`)).toContain('*Operator for*\nMain line');
    expect(await phoneChange(`receptionist operator main line ${mention(C2)}`)).toBe(
      `${by} made ${mention(C2)} the operator of the auto receptionist *Main line* instead of ${mention(C1)}.`,
    );
    expect(await phoneReply('receptionists')).toBe(
      `*Auto receptionists*\n• *Main line* · ext \`2100\` · Main · operator ${mention(C2)}`,
    );
    expect(await phoneChange('receptionist operator "Main line" none')).toBe(
      `${by} removed the operator of the auto receptionist *Main line*; it has none now.`,
    );
    expect(await phoneReply('receptionist operator "Main line" none')).toContain(
      'Main line has no operator already; nothing changed.',
    );
  });

  it('refuses a receptionist on a queue extension and an unknown receptionist', async () => {
    await phoneChange('queue add Sales 2000');
    expect(await phoneReply('receptionist add Main line 2000')).toContain(
      'Extension `2000` is taken by call queue Sales.',
    );
    expect(await phoneReply(`receptionist operator Front desk ${mention(C1)}`)).toContain(
      'There is no auto receptionist called `Front desk`. Auto receptionists: none yet.',
    );
  });

  it('refuses a non-admin and audits the attempt', async () => {
    expect(await phoneReply('receptionist add Main line 2100', MALLORY)).toContain(
      'Only phone admins can use `/phone receptionist add`.',
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'receptionist add' }]);
  });
});
