import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalWorkspace, startLocalWorkspace } from '../../src/local-workspace.ts';
import { chromiumPath, launchChromium, openPage, screenshots } from '../support/browser.ts';
import { createScratchDatabase, testDatabaseUrl } from '../support/database.ts';
import { localKamailioConfig } from '../support/local-workspace.ts';
import { addSipUser, freeUdpPort, register, sipSkipReason } from '../support/sip.ts';

/**
 * The local workspace's "SIP server (local)" page with a real Kamailio: a phone that registers shows up without
 * reloading the page, and goes once it unregisters.
 */
const skipReason = chromiumPath ? sipSkipReason(testDatabaseUrl) : 'no Chromium (apt-get install chromium)';

describe.skipIf(skipReason !== undefined)(
  `the SIP server page${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-browser-sip-'));
    let workspace: LocalWorkspace | undefined;
    let browser: Browser | undefined;
    let drop: (() => Promise<void>) | undefined;

    afterAll(async () => {
      await browser?.close();
      await workspace?.stop();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows where phones register, and a phone while it is registered', async () => {
      const database = await createScratchDatabase(testDatabaseUrl ?? '');
      drop = database.drop;
      const port = await freeUdpPort();
      workspace = await startLocalWorkspace(localKamailioConfig(dir, port, database.url), { empty: true });
      browser = await launchChromium();
      const page = await openPage(browser, `${workspace.slack.baseUrl}/#sip`);
      const shot = screenshots(() => page, 'sip');

      const view = page.locator('#sip-server');
      await expect
        .poll(() => view.locator('[data-sip-state]').getAttribute('data-sip-state'))
        .toBe('running');
      await expect.poll(() => view.locator('[data-sip-listen]').textContent()).toBe(`udp:127.0.0.1:${port}`);
      await expect.poll(() => view.textContent()).toContain('No phone is registered');
      await expect.poll(() => page.locator('#nav').textContent()).toContain('SIP server (local)');

      await addSipUser(workspace.app.deps.db, '2001', 'page-test-password');
      const phonePort = await freeUdpPort();
      expect(await register(port, '2001', 'page-test-password', phonePort)).toBe(200);
      // The page reads the server again while it is open: no reload.
      const row = view.locator('[data-registration="2001"]');
      await row.waitFor();
      expect(await row.textContent()).toContain(`sip:2001@127.0.0.1:${phonePort}`);
      expect(await row.textContent()).toContain('P 2001, ext. 2001 · apps');
      await shot('registered');

      expect(await register(port, '2001', 'page-test-password', 'unregister')).toBe(200);
      await row.waitFor({ state: 'detached' });
      await expect.poll(() => view.textContent()).toContain('No phone is registered');
    });
  },
);
