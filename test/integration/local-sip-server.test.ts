import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SipServerView } from '../../src/local/sip-server.ts';
import { type LocalWorkspace, startLocalWorkspace } from '../../src/local-workspace.ts';
import { probeOptions } from '../../src/phone-systems/kamailio/options.ts';
import { createScratchDatabase, testDatabaseUrl } from '../support/database.ts';
import { localKamailioConfig } from '../support/local-workspace.ts';
import { addSipUser, freeUdpPort, register, sipSkipReason } from '../support/sip.ts';

/**
 * `npm start` without Slack credentials and with PHONE_SYSTEM=kamailio: the local workspace runs the SIP server
 * beside the app, and its page's endpoint lists the phones Kamailio has registered (read from Kamailio's ul.dump).
 */

const skipReason = sipSkipReason(testDatabaseUrl);

async function sipView(local: LocalWorkspace): Promise<SipServerView> {
  const response = await fetch(`${local.slack.baseUrl}/ui/api/sip-server`);
  expect(response.status).toBe(200);
  return (await response.json()) as SipServerView;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the local workspace without PostgreSQL', () => {
  it('starts without the SIP server and says why on the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-sip-'));
    dirs.push(dir);
    const local = await startLocalWorkspace(localKamailioConfig(dir, await freeUdpPort(), undefined), {
      empty: true,
    });
    try {
      const view = await sipView(local);
      expect(view.state).toBe('off');
      expect(view.state === 'off' && view.reason).toMatch(/PGlite.*DATABASE_URL=postgres/);
      const workspace = (await (await fetch(`${local.slack.baseUrl}/ui/api/workspace`)).json()) as {
        sipServer: boolean;
      };
      expect(workspace.sipServer).toBe(true);
    } finally {
      await local.stop();
    }
  });
});

describe.skipIf(skipReason !== undefined)(
  `the local workspace's SIP server${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('runs Kamailio, lists a phone once it registers and not after it unregisters, and stops it on exit', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'local-sip-'));
      dirs.push(dir);
      const database = await createScratchDatabase(testDatabaseUrl ?? '');
      const port = await freeUdpPort();
      const local = await startLocalWorkspace(localKamailioConfig(dir, port, database.url), { empty: true });
      try {
        const before = await sipView(local);
        expect(before).toMatchObject({
          state: 'running',
          listen: `udp:127.0.0.1:${port}`,
          registrations: [],
        });

        const password = 'correct-horse-42';
        await addSipUser(local.app.deps.db, '1042', password);

        const phonePort = await freeUdpPort();
        expect(await register(port, '1042', 'wrong-password', phonePort)).toBe(401);
        expect(await sipView(local)).toMatchObject({ state: 'running', registrations: [] });
        expect(await register(port, '1042', password, phonePort)).toBe(200);
        const registered = await sipView(local);
        if (registered.state !== 'running') throw new Error(`not running: ${JSON.stringify(registered)}`);
        expect(registered.reason).toBeUndefined();
        expect(registered.registrations).toHaveLength(1);
        const [phone] = registered.registrations;
        expect(phone).toMatchObject({
          user: '1042',
          contact: `sip:1042@127.0.0.1:${phonePort}`,
          owner: { name: 'P 1042', extension: '1042', deskPhone: null },
        });
        // sipp sends no User-Agent: Kamailio's placeholder for it is not shown as a phone model.
        expect(phone?.userAgent).toBeUndefined();
        expect(phone?.expiresInSeconds).toBeGreaterThan(0);
        expect(phone?.expiresInSeconds).toBeLessThanOrEqual(600);

        expect(await register(port, '1042', password, 'unregister')).toBe(200);
        expect(await sipView(local)).toMatchObject({ state: 'running', registrations: [] });
      } finally {
        await local.stop();
        await database.drop();
      }
      // Stopping the workspace stopped Kamailio: nothing answers on its port any more.
      expect((await probeOptions({ host: '127.0.0.1', port }, 500)).ok).toBe(false);
    });
  },
);
