import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../../../src/local/fake-slack.ts';
import type { FakeSlack } from '../../../src/local/types.ts';
import { phoneSystemHtml } from '../../../src/local/ui/phone-system.js';
import { type PhoneSystemView, phoneSystemViewOf } from '../../../src/local/zoom/phone-system-view.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.ts';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

const CREATION_MS = 3000;
const PIN = '4821';

describe('the page’s view of the local phone system', () => {
  let zoom: ZoomHarness;
  let slack: FakeSlack;
  let ada: string;
  let grace: string;

  const get = (path: string) => fetch(`${slack.baseUrl}${path}`);
  const view = async () => {
    const response = await get('/ui/api/phone-system');
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as PhoneSystemView;
  };

  beforeEach(async () => {
    zoom = await startZoomHarness({ creationDelayMs: CREATION_MS });
    [ada, grace] = zoom.zoom
      .seedUsers([
        {
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          zoomPhone: { extensionNumber: '1000' },
        },
        { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
        { email: 'eve@example.com', firstName: '<img src=x onerror=alert(1)>', lastName: 'Eve' },
      ])
      .map((u) => u.id) as [string, string];
    zoom.zoom.seedPlans([{ type: 200, subscribed: 3 }]);
    zoom.zoom.seedNumbers(['+14155550100', '+14155550101']);
    const phone = zoom.zoom;
    slack = await startFakeSlack({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      phoneSystemView: () => phoneSystemViewOf(phone.snapshot()),
    });
    slack.addUser({ id: 'U0ADA0001', name: 'ada', realName: 'Ada Lovelace' });
  });
  afterEach(async () => {
    expect(zoom.zoom.violations()).toEqual([]);
    await slack.stop();
    await zoom.stop();
  });

  it('shows each line with its plans by name and numbers, the plans, the numbers and who has no line', async () => {
    await zoom.call('POST', `/phone/users/${ada}/calling_plans`, { calling_plans: [{ type: 200 }] });
    await zoom.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }],
    });

    const shown = await view();

    expect(shown.phoneUsers).toEqual([
      {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        extension: '1000',
        site: 'Main',
        plans: ['United States/Canada Unlimited Calling Plan'],
        numbers: ['+14155550100'],
        status: 'active',
      },
    ]);
    expect(shown.plans).toEqual([
      { name: 'United States/Canada Unlimited Calling Plan', subscribed: 3, assigned: 1, available: 2 },
    ]);
    expect(shown.numbers).toEqual([
      { number: '+14155550100', site: 'Main', assignedTo: 'Ada Lovelace', autoReceptionist: false },
      { number: '+14155550101', site: 'Main', assignedTo: null, autoReceptionist: false },
    ]);
    expect(shown.withoutPhone.map((p) => p.email)).toEqual(['eve@example.com', 'grace@example.com']);
    expect((await (await get('/ui/api/workspace')).json()) as object).toMatchObject({ phoneSystem: true });
  });

  it('shows a line as being created until the phone system has made it', async () => {
    await zoom.call('PATCH', `/users/${grace}`, { feature: { zoom_phone: true } });

    expect((await view()).phoneUsers.find((u) => u.email === 'grace@example.com')).toMatchObject({
      extension: '',
      status: 'creating',
    });
    expect((await view()).withoutPhone.map((p) => p.email)).toEqual(['eve@example.com']);

    zoom.clock.advance(CREATION_MS);

    expect((await view()).phoneUsers.find((u) => u.email === 'grace@example.com')).toMatchObject({
      extension: expect.stringMatching(/^\d+$/),
      site: 'Main',
      status: 'active',
    });
  });

  it('leaves out the voicemail PIN and the account’s credentials', async () => {
    const set = await zoom.call('PATCH', `/phone/users/${ada}/settings/desk_phone`, {
      desk_phone: { pin_code: PIN },
    });
    expect(set.status).toBe(204);
    expect(zoom.zoom.snapshot().phoneUsers[0]?.settings.pinCode).toBe(PIN);

    const text = await (await get('/ui/api/phone-system')).text();

    expect(text).not.toContain(PIN);
    expect(text).not.toMatch(/pin/i);
    expect(text).not.toContain(zoom.zoom.clientSecret);
    expect(text).not.toContain(zoom.zoom.clientId);
    expect(text).not.toContain(await zoom.token());
  });

  it('escapes every value it draws', async () => {
    const html = phoneSystemHtml(await view());

    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Eve');
  });
});

describe('the page without a phone system', () => {
  it('offers no such view', async () => {
    const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    try {
      const route = await fetch(`${slack.baseUrl}/ui/api/phone-system`);
      const workspace = (await (await fetch(`${slack.baseUrl}/ui/api/workspace`)).json()) as object;

      expect(route.status).toBe(404);
      expect(await route.json()).toEqual({ error: 'this workspace has no local phone system to show' });
      expect(workspace).toMatchObject({ phoneSystem: false });
    } finally {
      await slack.stop();
    }
  });
});
