import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHANNELS, teammate } from '../../src/local/demo.ts';
import { type LocalWorkspace, startLocalWorkspace } from '../../src/local-workspace.ts';
import { chromiumPath, launchChromium, openPage, screenshots } from '../support/browser.ts';
import { localWorkspaceConfig } from '../support/local-workspace.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';

const BAD_ROW_CSV = [
  'Email,First Name,Last Name,Extension',
  'new.hire@example.com,New,Hire,',
  'second.hire@example.com,Second,Hire,911',
  'third.hire@example.com,Third,Hire,',
].join('\n');

/**
 * The local workspace in a real browser: what a newcomer does after `npm start` without Slack credentials, each
 * step through the page, the stand-in's signed requests (or Socket Mode envelopes) and the real app.
 */
describe.skipIf(!chromiumPath).each(['http', 'socket'] as const)(
  'the local workspace in a browser, over %s',
  (transport) => {
    const dir = mkdtempSync(join(tmpdir(), `switchboard-browser-${transport}-`));
    let workspace: LocalWorkspace;
    let browser: Browser;
    let page: Page;
    const shot = screenshots(() => page, transport);

    const config = localWorkspaceConfig(dir);

    beforeAll(async () => {
      workspace = await startLocalWorkspace(config, {
        empty: false,
        transport,
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

    /** Types a command in the composer and sends it. */
    async function type(command: string) {
      await page.locator('#composer-text').fill(command);
      await page.locator('#composer-text').press('Enter');
    }

    const timeline = () => page.locator('#timeline');

    it('licenses two teammates and shows one', async () => {
      await type('/phone assign donald.knuth@example.com margaret.hamilton@example.com');
      await expect
        .poll(() => timeline().innerText())
        .toMatch(/gave phone licenses to 2 people[\s\S]*Donald Knuth[\s\S]*Margaret Hamilton/);
      await type('/phone show donald.knuth@example.com');
      const shown = page.locator('article.ephemeral').last();
      await expect.poll(() => shown.innerText()).toContain('Only visible to you');
      expect(await shown.innerText()).toContain('Donald Knuth');
      await shot('assigned-and-shown');
    });

    it('shows the local phone system, where the teammates just licensed get their lines', async () => {
      const zoom = workspace.zoom;
      if (!zoom) throw new Error('the local workspace runs without a phone system of its own');
      await page.locator('#nav a.nav-item', { hasText: 'Zoom Phone (local)' }).click();
      await expect.poll(() => page.locator('#title').innerText()).toBe('Zoom Phone (local)');
      const row = (email: string) => page.locator(`#phone-system tr[data-phone-user="${email}"]`);
      // Read on every try: the phone system may still be taking the demo's changes, and the page follows it.
      const adaShown = async () => {
        const ada = zoom.snapshot().phoneUsers.find((p) => p.email === 'ada.lovelace@example.com');
        const text = await row('ada.lovelace@example.com').innerText();
        return ada !== undefined && /^\d+$/.test(ada.extensionNumber) && text.includes(ada.extensionNumber);
      };
      await expect.poll(adaShown, { timeout: 30_000 }).toBe(true);
      // The view is read again while shown: the lines the phone system creates seconds later appear by themselves.
      for (const email of ['donald.knuth@example.com', 'margaret.hamilton@example.com'])
        await expect.poll(() => row(email).innerText(), { timeout: 60_000 }).toMatch(/\d+[\s\S]*Active/);
      await shot('phone-system');
      await page.locator('#nav a.nav-item', { hasText: 'phone-admins' }).click();
      await expect.poll(() => page.locator('#composer').isVisible()).toBe(true);
    });

    it('opens the channel the printed address names, in a fresh page', async () => {
      const general = workspace.url.replace(/#.*$/, `#${DEMO_CHANNELS.general}`);
      for (const [url, name] of [
        [workspace.url, 'phone-admins'],
        [general, 'general'],
      ] as const) {
        const fresh = await browser.newPage({ viewport: { width: 1280, height: 860 } });
        try {
          await fresh.goto(url);
          await expect.poll(() => fresh.locator('#title').textContent()).toBe(`#${name}`);
          expect(await fresh.locator('#nav a.nav-item.current').textContent()).toBe(`#${name}`);
          // Slack's messages live in memory: the page says so, and where an import's undo stays.
          expect(await fresh.locator('#notice').innerText()).toContain('/phone imports');
        } finally {
          await fresh.close();
        }
      }
    });

    it('sends a member picked from the list that @ opens as their mention', async () => {
      const box = page.locator('#composer-text');
      const list = page.locator('#mention-list');
      await box.fill('/phone show @');
      await expect.poll(() => list.locator('[role="option"]').count()).toBeGreaterThan(1);
      const second = await list.locator('[role="option"]').nth(1).innerText();
      await box.press('ArrowDown');
      expect(await list.locator('[aria-selected="true"]').innerText()).toBe(second);
      await box.press('Escape');
      expect(await list.isVisible()).toBe(false);
      expect(await box.inputValue()).toBe('/phone show @');
      await box.fill('/phone show ');
      await box.pressSequentially('@kath');
      const chosen = page.locator('#mention-list [aria-selected="true"]');
      await expect.poll(() => chosen.innerText()).toContain('Katherine Johnson');
      await shot('mention-list');
      await box.press('Enter');
      expect(await box.inputValue()).toBe('/phone show @katherine.johnson ');
      expect(await page.locator('#mention-list').isVisible()).toBe(false);
      await box.press('Enter');
      const shown = page.locator('article.ephemeral').last();
      await expect.poll(() => shown.innerText()).toContain('Katherine Johnson');
      // As README's first example writes it: display names typed in full are mentions too.
      await type('/phone assign @ada @grace plan:"US/CA Unlimited"');
      await expect
        .poll(() => page.locator('article.ephemeral').last().innerText())
        .toMatch(/Ada Lovelace[\s\S]*Grace Hopper/);
    });

    it('changes business hours in the form, after one inline error', async () => {
      // Enter picks the member the list shows; the second one sends.
      await type('/phone settings @donald');
      await page.locator('#composer-text').press('Enter');
      const summary = page.locator('.modal').last();
      await summary.locator('button[data-block-id="summary_hours"]').click();
      const form = page.locator('.modal').last();
      await expect.poll(() => form.locator('h2').innerText()).toBe('Business hours');
      await form.getByLabel('Weekly schedule').check();
      await form.locator('input[data-block-id="hours_mon_to"]').fill('09:00');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => form.locator('[data-input-block="hours_mon_to"]').innerText())
        .toContain('Monday would open and close at 09:00');
      await shot('inline-error');
      await form.locator('input[data-block-id="hours_mon_to"]').fill('17:00');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.locator('.modal').count()).toBe(1);
      await page.locator('.modal [data-close]').first().click();
      await expect.poll(() => timeline().innerText()).toContain('set the business hours of @Donald Knuth');
      await shot('hours-saved');
    });

    it('uploads a CSV with one bad row, imports the others, and exports', async () => {
      // In a channel a CSV is for the app only when its message addresses it: here, a mention typed as in Slack.
      await page.locator('#composer-text').fill('@Switchboard the new hires');
      await page.locator('#file-picker').setInputFiles({
        name: 'new-hires.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(BAD_ROW_CSV, 'utf8'),
      });
      // The preview is a reply in the file's thread, collapsed under "N replies" as in Slack.
      const upload = timeline().locator('article.msg', { hasText: 'new-hires.csv' }).last();
      await upload.locator('.replies-link').click();
      const thread = page.locator('#thread-messages');
      const ignore = thread.getByRole('button', { name: 'Ignore issues and import 2 others' });
      await ignore.waitFor();
      expect(await thread.innerText()).toContain('Line 3, Extension: Extension 911 is reserved');
      // The errors file follows the preview into the thread.
      await expect.poll(() => thread.innerText()).toContain('new-hires-errors.csv');
      await shot('preview');
      await ignore.click();
      await expect.poll(() => thread.innerText()).toContain('2 created, 0 updated, 0 unchanged, 1 skipped');
      await shot('imported');

      // The fixed row, sent from the thread's reply box: it goes into the thread, and so does the app's answer.
      const replies = await thread.locator('article.msg').count();
      await page.locator('#thread-text').fill('import');
      await page.locator('#thread-file-picker').setInputFiles({
        name: 'second-hire.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Email,First Name,Last Name\nsecond.hire@example.com,Second,Hire\n', 'utf8'),
      });
      await thread.getByRole('button', { name: /Import 1/ }).waitFor();
      expect(await thread.locator('article.msg').count()).toBeGreaterThan(replies + 1);
      expect(await upload.locator('.replies-link').innerText()).toMatch(/\d+ replies/);
      await shot('thread-reply');
      await page.locator('#thread [data-close-thread]').click();
      await expect.poll(() => page.locator('#thread').isVisible()).toBe(false);

      expect(await timeline().locator('.mention', { hasText: '@Switchboard' }).count()).toBeGreaterThan(0);

      // The export holds everyone's details: it goes to the app's DM, and the channel is told so.
      await type('/phone export');
      const note = page.locator('article.ephemeral').last();
      await expect.poll(() => note.innerText()).toContain('the file is in your direct messages with the app');
      await page.locator('#nav a.nav-item', { hasText: 'APP' }).click();
      const download = page.getByRole('link', { name: /Download/ }).last();
      await expect.poll(() => timeline().innerText()).toMatch(/phone-users-\d{4}-\d{2}-\d{2}\.csv/);
      const href = await download.getAttribute('href');
      const file = await (await fetch(new URL(href ?? '', workspace.slack.baseUrl))).text();
      expect(file).toContain('new.hire@example.com');
      expect(file).not.toContain('second.hire@example.com');
      await shot('exported');
      await page.locator('#nav a.nav-item', { hasText: 'phone-admins' }).click();
    });

    it('refuses a non-admin', async () => {
      await page.locator('#acting-as').selectOption(teammate(9));
      await type('/phone assign grace.hopper@example.com');
      const refused = page.locator('article.ephemeral').last();
      await expect.poll(() => refused.innerText()).toContain('Only phone admins');
      await shot('non-admin-refused');
      expect(workspace.slack.violations()).toEqual([]);
    });
  },
);
