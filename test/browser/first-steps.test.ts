import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorkspace, startLocalWorkspace } from '../../src/local-workspace.ts';
import { ASSIGN_BLOCKS } from '../../src/slack/ids.ts';
import { chromiumPath, launchChromium, openPage, screenshots } from '../support/browser.ts';
import { localWorkspaceConfig } from '../support/local-workspace.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';

/**
 * A new admin's first steps in the local workspace page, after the demo account is laid out: the assign form and
 * its inline error, a member picked from the `@` list, a thread, and a person's history in sentences. Each step is
 * a screenshot in test-artifacts/browser/.
 */
describe.skipIf(!chromiumPath)('first steps of a new admin in the local workspace page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-first-steps-'));
  let workspace: LocalWorkspace;
  let browser: Browser;
  let page: Page;
  const shot = screenshots(() => page, 'first-steps');

  beforeAll(async () => {
    workspace = await startLocalWorkspace(localWorkspaceConfig(dir), {
      empty: false,
      transport: 'http',
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
    });
    await workspace.demo?.();
    browser = await launchChromium();
    page = await openPage(browser, workspace.url);
  });

  afterAll(async () => {
    await browser?.close();
    await workspace?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const composer = () => page.locator('#composer-text');
  const timeline = () => page.locator('#timeline');
  const thread = () => page.locator('#thread-messages');

  /** The first ephemeral answer to appear in `scope` after `act`, that only the person acting sees. */
  async function answerIn(scope: Locator, act: () => Promise<void>): Promise<Locator> {
    const before = await scope.locator('article.ephemeral').count();
    await act();
    await expect.poll(() => scope.locator('article.ephemeral').count()).toBeGreaterThan(before);
    return scope.locator('article.ephemeral').nth(before);
  }

  /** Types `typed` after what the box holds, then Enter picks the member the `@` list has chosen. */
  async function pickMember(box: Locator, typed: string, member: string, shotName?: string) {
    await box.pressSequentially(typed);
    const chosen = box.locator('xpath=ancestor::form').locator('.mention-list [aria-selected="true"]');
    await expect.poll(() => chosen.innerText()).toContain(member);
    if (shotName) await shot(shotName);
    await box.press('Enter');
  }

  it('keeps the assign form open, with what was chosen, when someone chosen already has a license', async () => {
    await composer().fill('/phone assign');
    await composer().press('Enter');
    const form = page.locator('.modal').last();
    await expect.poll(() => form.locator('h2').innerText()).toBe('Assign phone licenses');
    const people = form.locator(`[data-input-block="${ASSIGN_BLOCKS.users}"]`);
    // Ada was licensed by the demo account; Donald was not.
    await people.getByLabel('Ada Lovelace').check();
    await people.getByLabel('Donald Knuth').check();
    const chips = () => people.locator('.bk-chip').allInnerTexts();
    expect(await chips()).toEqual(['Ada Lovelace', 'Donald Knuth']);
    const plans = form.locator(`[data-input-block="${ASSIGN_BLOCKS.plan}"] select`);
    const plan = await plans.locator('option', { hasText: 'US/CA Unlimited' }).getAttribute('value');
    await plans.selectOption(plan ?? '');
    await form.getByRole('button', { name: 'Assign' }).click();

    const error = people.locator('.bk-error');
    await expect.poll(() => error.innerText()).toMatch(/Ada Lovelace/);
    expect(await error.innerText()).toMatch(/already/i);
    await shot('assign-inline-error');
    expect(await page.locator('.modal').count()).toBe(1);
    expect(await form.locator('h2').innerText()).toBe('Assign phone licenses');
    expect(await people.getByLabel('Ada Lovelace').isChecked()).toBe(true);
    expect(await people.getByLabel('Donald Knuth').isChecked()).toBe(true);
    expect(await chips()).toEqual(['Ada Lovelace', 'Donald Knuth']);
    expect(await plans.inputValue()).toBe(plan);

    await people.getByLabel('Ada Lovelace').uncheck();
    await form.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('.modal').count()).toBe(0);
    const posted = timeline().locator('article.msg:not(.ephemeral)').last();
    await expect.poll(() => posted.innerText()).toMatch(/Donald Knuth/);
    expect(await posted.innerText()).not.toMatch(/Ada Lovelace/);
    await shot('assigned');
  });

  it('sends a member picked from the list as their mention, and the app names them', async () => {
    const card = await answerIn(timeline(), async () => {
      await composer().fill('/phone show ');
      await pickMember(composer(), '@donal', 'Donald Knuth', 'mention-list');
      expect(await composer().inputValue()).toBe('/phone show @donald.knuth ');
      await composer().press('Enter');
    });
    // Only a mention names the person in Slack's directory: typed text would be a name the app looks up.
    await expect.poll(() => card.innerText()).toContain('Donald Knuth');
    expect(await card.innerText()).toContain('Only visible to you');
    await card.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shot('card-of-mentioned');
  });

  it('starts a thread under the app’s message, replies in it, and finds the reply under "1 reply"', async () => {
    const root = timeline().locator('article.msg:not(.ephemeral)', { hasText: 'Donald Knuth' }).last();
    await root.hover();
    await root.getByRole('button', { name: 'Reply in thread' }).click();
    await expect.poll(() => page.locator('#thread').isVisible()).toBe(true);
    await page.locator('#thread-text').fill('Welcome aboard, @donald.knuth: your phone is ready.');
    await page.locator('#thread-text').press('Enter');
    const reply = thread().locator('article.msg', { hasText: 'Welcome aboard' });
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.locator('.mention').innerText()).toContain('Donald');
    await expect.poll(() => root.locator('.replies-link').innerText()).toMatch(/^1 reply/m);
    // A reply stays in its thread: the channel shows only "1 reply" under its first message.
    expect(await timeline().locator('article.msg', { hasText: 'Welcome aboard' }).count()).toBe(0);
    await shot('thread-reply');

    await page.locator('#thread [data-close-thread]').click();
    await expect.poll(() => page.locator('#thread').isVisible()).toBe(false);
    await root.locator('.replies-link').click();
    await expect.poll(() => thread().locator('article.msg', { hasText: 'Welcome aboard' }).count()).toBe(1);
  });

  it('answers a /phone command typed in a thread in that thread, not in the channel', async () => {
    const inChannel = await timeline().locator('article.ephemeral').count();
    const reply = page.locator('#thread-text');
    const history = await answerIn(thread(), async () => {
      await pickMember(reply, '/phone history @donald', 'Donald Knuth');
      await reply.press('Enter');
    });
    await expect.poll(() => history.innerText()).toMatch(/gave @?Donald Knuth a phone license/);
    expect(await history.innerText()).toContain('Only visible to you');
    expect(await timeline().locator('article.ephemeral').count()).toBe(inChannel);
    expect(await timeline().innerText()).not.toContain('History of');
    await shot('command-in-thread');
    await page.locator('#thread [data-close-thread]').click();
    await expect.poll(() => page.locator('#thread').isVisible()).toBe(false);
  });

  it('tells a change in the history in a sentence, dated in the reader’s time', async () => {
    const changed = timeline().locator('article.msg:not(.ephemeral)', { hasText: '1234' });
    await composer().fill('/phone ext @donald.knuth 1234');
    await composer().press('Enter');
    await expect.poll(() => changed.count()).toBeGreaterThan(0);
    await shot('extension-changed');

    const history = await answerIn(timeline(), async () => {
      await composer().fill('/phone history ');
      await pickMember(composer(), '@donald', 'Donald Knuth');
      await composer().press('Enter');
    });
    await expect
      .poll(() => history.innerText())
      .toMatch(/changed the extension of @?Donald Knuth from \S+ to 1234/);
    const text = await history.innerText();
    // Slack's date token, shown as Slack's client shows it: never the token itself.
    expect(text).toMatch(/(Today|Yesterday) \d{1,2}:\d{2} [AP]M/);
    expect(text).not.toMatch(/<!date|date\^/);
    await shot('history');
    expect(workspace.slack.violations()).toEqual([]);
  });
});
