import { afterAll, describe, expect, it } from 'vitest';
import { accountSettings } from '../../db/schema/index.ts';
import type { Ephemeral, Message } from '../../src/local/index.ts';
import { UNAVAILABLE } from '../../src/slack/runtime.ts';
import { testDriver } from '../support/database.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard } from '../support/e2e.ts';
import { mention, phoneCommands } from '../support/phone.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { buttonOf } from '../support/uploads.ts';

/**
 * PostgreSQL goes away while the app runs (a restart, a failover) and comes back: every request meanwhile is
 * acknowledged and answered with a clear "try again", and the requests after it succeed, with the same app
 * process. The server is taken away through a proxy between the app and it, since other test files use the
 * same server. The embedded database lives in the app's own process and cannot go away on its own, so this runs
 * on PostgreSQL only.
 */
describe.runIf(testDriver === 'postgres')('the database restarting under a running app', () => {
  let proxy: TcpProxy | undefined;
  const sb = useSwitchboard({
    databaseUrl: async (url) => {
      const target = new URL(url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.host = `127.0.0.1:${proxy.port}`;
      return target.toString();
    },
  });
  const { phone, phoneChange, setupAccount, license } = phoneCommands(sb);

  afterAll(async () => {
    await proxy?.close();
  });

  const licensesTotal = async () => (await sb.app.deps.db.select().from(accountSettings))[0]?.licensesTotal;

  it('answers "try again" while it is away, and works again once it is back, without a restart', async () => {
    if (!proxy) throw new Error('the proxy starts with the app');
    await setupAccount();
    await license([colleague(1)]);
    const before = await phone(`show ${mention(colleague(1))}`);
    expect(before.text).toContain('*Extension*\n1000');

    await proxy.cut();
    for (const text of ['licenses 60', `show ${mention(colleague(1))}`, `assign ${mention(colleague(2))}`]) {
      const reply = await phone(text);
      expect(reply.where, `/phone ${text}`).toBe('ephemeral');
      expect(reply.text, `/phone ${text}`).toBe(`:x: ${UNAVAILABLE}`);
    }
    // A button too: the one under the lookup's card.
    const card = before.message as Ephemeral;
    const edit = buttonOf(card as unknown as Message, /^Edit settings$/);
    if (!edit) throw new Error('the card has no Edit settings button');
    const count = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    const ack = await sb.slack.click({
      user: ADMIN_ID,
      actionId: edit.action_id,
      value: edit.value,
      message: { ephemeralId: card.id },
    });
    expect(ack.status).toBe(200);
    const answer = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[count]);
    expect(answer.text).toBe(`:x: ${UNAVAILABLE}`);

    await proxy.restore();
    expect(await phoneChange('licenses 60')).toContain('60');
    expect(await licensesTotal()).toBe(60);
    expect((await phone(`show ${mention(colleague(1))}`)).text).toContain('*Extension*\n1000');
  });
});
