import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import type { Config } from '../../src/config.ts';
import type { SipServerView } from '../../src/local/sip-server.ts';
import { type LocalWorkspace, startLocalWorkspace } from '../../src/local-workspace.ts';
import { probeOptions } from '../../src/phone-systems/kamailio/options.ts';
import { createScratchDatabase, testDatabaseUrl } from '../support/database.ts';
import { localWorkspaceConfig } from '../support/local-workspace.ts';
import { findBinary, freeUdpPort, REALM, register } from '../support/sip.ts';

/**
 * `npm start` without Slack credentials and with PHONE_SYSTEM=kamailio: the local workspace runs the SIP server
 * beside the app, and its page's endpoint lists the phones Kamailio has registered (read from Kamailio's ul.dump).
 */

const missing = (['kamailio', 'sipp'] as const).filter((name) => findBinary(name) === undefined);
const skipReason = !testDatabaseUrl
  ? 'Kamailio reads PostgreSQL; run with TEST_DATABASE_URL'
  : missing.length > 0 && !process.env.CI
    ? `${missing.join(' and ')} not installed (apt-get install kamailio kamailio-postgres-modules sip-tester)`
    : undefined;

function kamailioConfig(dir: string, port: number, databaseUrl: string | undefined): Config {
  return {
    ...localWorkspaceConfig(dir),
    databaseUrl,
    phoneSystem: {
      kind: 'kamailio',
      host: '127.0.0.1',
      port,
      realm: REALM,
      gateway: undefined,
      voicemail: undefined,
    },
  };
}

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
    const local = await startLocalWorkspace(kamailioConfig(dir, await freeUdpPort(), undefined), {
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
      const local = await startLocalWorkspace(kamailioConfig(dir, port, database.url), { empty: true });
      try {
        const before = await sipView(local);
        expect(before).toMatchObject({
          state: 'running',
          listen: `udp:127.0.0.1:${port}`,
          registrations: [],
        });

        // A phone user with credentials for their apps, as `/phone sip password` leaves them (digest hashes).
        const { db } = local.app.deps;
        await db.execute(sql`insert into sites (name) select 'Main' where not exists (select 1 from sites)`);
        const [dir1] = await queryRows<{ id: number }>(
          db,
          sql`insert into directory_users (email, first_name, last_name) values ('ada@example.com', 'Ada', 'L') returning id`,
        );
        const [user] = await queryRows<{ id: number }>(
          db,
          sql`insert into phone_users (directory_user_id, site_id, extension, short_extension)
              values (${dir1?.id}, (select min(id) from sites), '1042', '1042') returning id`,
        );
        const password = 'correct-horse-42';
        const md5 = (text: string) => createHash('md5').update(text).digest('hex');
        await db.execute(sql`insert into sip_credentials (phone_user_id, username, realm, ha1, ha1b)
          values (${user?.id}, '1042', ${REALM}, ${md5(`1042:${REALM}:${password}`)},
                  ${md5(`1042@${REALM}:${REALM}:${password}`)})`);

        const phonePort = await freeUdpPort();
        expect(await register(port, '1042', 'wrong-password', phonePort)).toBe(401);
        expect(await sipView(local)).toMatchObject({ state: 'running', registrations: [] });
        expect(await register(port, '1042', password, phonePort)).toBe(200);
        const registered = await sipView(local);
        if (registered.state !== 'running') throw new Error(`not running: ${JSON.stringify(registered)}`);
        expect(registered.reason).toBeUndefined();
        expect(registered.registrations).toHaveLength(1);
        const [phone] = registered.registrations;
        expect(phone).toMatchObject({ user: '1042', contact: `sip:1042@127.0.0.1:${phonePort}` });
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
