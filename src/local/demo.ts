import type { FakeSlack } from './types.ts';
import type { ZoomStandIn } from './zoom/index.ts';

/** "You": the person at the keyboard, a phone admin of the demo account. */
export const DEMO_ADMIN = 'U0YOU00001';
export const DEMO_CHANNELS = { admins: 'C0PHONEADM', general: 'C0GENERAL1' } as const;

const TEAMMATES: [first: string, last: string, tz: string][] = [
  ['Ada', 'Lovelace', 'Europe/London'],
  ['Grace', 'Hopper', 'America/New_York'],
  ['Alan', 'Turing', 'Europe/London'],
  ['Katherine', 'Johnson', 'America/New_York'],
  ['Edsger', 'Dijkstra', 'Europe/Amsterdam'],
  ['Barbara', 'Liskov', 'America/New_York'],
  ['Donald', 'Knuth', 'America/Los_Angeles'],
  ['Margaret', 'Hamilton', 'America/New_York'],
  ['Ken', 'Thompson', 'America/Los_Angeles'],
  ['Dennis', 'Ritchie', 'America/New_York'],
  ['Frances', 'Allen', 'America/New_York'],
  ['John', 'Backus', 'America/Los_Angeles'],
  ['Radia', 'Perlman', 'America/New_York'],
  ['Tim', 'Berners-Lee', 'Europe/London'],
  ['Hedy', 'Lamarr', 'America/Los_Angeles'],
  ['Claude', 'Shannon', 'America/New_York'],
  ['Sophie', 'Wilson', 'Europe/London'],
  ['Linus', 'Torvalds', 'America/Los_Angeles'],
  ['Annie', 'Easley', 'America/Chicago'],
  ['Niklaus', 'Wirth', 'Europe/Zurich'],
  ['Evelyn', 'Boyd Granville', 'America/Chicago'],
  ['Guido', 'van Rossum', 'Europe/Amsterdam'],
  ['Mary', 'Kenneth Keller', 'America/Chicago'],
  ['Bjarne', 'Stroustrup', 'America/New_York'],
  ['Shafi', 'Goldwasser', 'America/Los_Angeles'],
];

/** The Slack id of the n-th teammate (1-based), stable from start to start so the saved account matches. */
export const teammate = (n: number) => `U0TEAM${String(n).padStart(4, '0')}`;

/**
 * The Slack side of the demo: you, 25 teammates with names, emails and time zones, `#phone-admins` and
 * `#general`. The stand-in keeps Slack in memory, so this is laid out again on every start.
 */
export function seedDemoWorkspace(slack: FakeSlack): void {
  slack.addUser({
    id: DEMO_ADMIN,
    name: 'you',
    realName: 'You',
    email: 'you@example.com',
    tz: 'America/New_York',
  });
  TEAMMATES.forEach(([first, last, tz], i) => {
    const handle = `${first}.${last}`.toLowerCase().replace(/\s+/g, '-');
    slack.addUser({
      id: teammate(i + 1),
      name: handle,
      realName: `${first} ${last}`,
      // As people set theirs in Slack: `@ada` in a command, as the README writes it, names Ada Lovelace.
      displayName: first,
      email: `${handle}@example.com`,
      tz,
    });
  });
  slack.addChannel({ id: DEMO_CHANNELS.admins, name: 'phone-admins' });
  slack.addChannel({ id: DEMO_CHANNELS.general, name: 'general' });
}

/**
 * The phone system side of the demo: the same people as Zoom users (without Zoom Phone until Switchboard gives it
 * to them), the demo's sites, calling plans and direct numbers. Kept in memory, so laid out again on every start.
 */
export function seedDemoPhoneSystem(zoom: ZoomStandIn): void {
  zoom.seedUsers([
    { email: 'you@example.com', firstName: 'You', lastName: '' },
    ...TEAMMATES.map(([first, last]) => ({
      email: `${`${first}.${last}`.toLowerCase().replace(/\s+/g, '-')}@example.com`,
      firstName: first,
      lastName: last,
    })),
  ]);
  const newYork = zoom.seedSite({ name: 'New York' });
  zoom.seedPlans([
    { type: 200, subscribed: 30 },
    { type: 202, subscribed: 10 },
  ]);
  zoom.seedNumbers(range('+1415555', 100, 150).map((number) => ({ number, siteId: zoom.mainSiteId })));
  zoom.seedNumbers(range('+1212555', 100, 130).map((number) => ({ number, siteId: newYork.id })));
}

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}0${from + i}`);

const mention = (n: number) => `<@${teammate(n)}>`;

/**
 * The phone account of the demo, built the way an admin would: `/phone` commands typed by you in #phone-admins,
 * so that each step is checked, audited and visible in the channel like any other change.
 */
export const DEMO_COMMANDS: readonly string[] = [
  'licenses 50',
  'plans set US/CA Unlimited 30',
  'plans set UK/Ireland Unlimited 10',
  'site add "New York" first:2000',
  'numbers add +14155550100..+14155550149 site:Main',
  'numbers add +12125550100..+12125550129 site:"New York"',
  `assign ${mention(1)} ${mention(2)} ${mention(3)} plan:"US/CA Unlimited"`,
  `assign ${mention(4)} ${mention(6)} site:"New York" plan:"US/CA Unlimited"`,
  `number add ${mention(1)} +14155550100`,
  `number add ${mention(4)} +12125550100`,
  `hours ${mention(1)} mon-fri 09:00-17:00`,
  `forward add ${mention(2)} +14155550199 "Mobile"`,
  'queue add Sales 3000 site:Main',
  `queue member add Sales ${mention(1)} manager`,
  `queue member add Sales ${mention(2)}`,
];

/**
 * Types the demo commands one after the other, each once the app has answered the one before. A refusal stops
 * the seeding with the app's own words, since the rest would build on it.
 */
export async function seedDemoAccount(slack: FakeSlack): Promise<void> {
  const channel = DEMO_CHANNELS.admins;
  for (const text of DEMO_COMMANDS) {
    const posts = slack.messages(channel).length;
    const replies = slack.ephemerals(DEMO_ADMIN, channel).length;
    const ack = await slack.slash({ user: DEMO_ADMIN, channel, text });
    if (ack.status !== 200) throw new Error(`/phone ${text}: the app answered HTTP ${ack.status}`);
    await slack.waitFor(
      () => slack.messages(channel).length > posts || slack.ephemerals(DEMO_ADMIN, channel).length > replies,
      { timeoutMs: 30_000 },
    );
    // Changes are posted to the channel; a reply only you see is a refusal when it warns (after an interrupted
    // first start, a step already done answers "nothing changed", which is fine).
    const reply = slack.ephemerals(DEMO_ADMIN, channel)[replies];
    if (reply && /^:(warning|x):/.test(reply.text)) throw new Error(`/phone ${text}: ${reply.text}`);
  }
}
