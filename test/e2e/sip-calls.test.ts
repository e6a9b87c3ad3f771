import { like } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { audioFiles, auditLog, sipCredentials } from '../../db/schema/index.ts';
import type { SipConfig } from '../../src/config.ts';
import { kamailioPhoneSystem } from '../../src/phone-systems/kamailio/adapter.ts';
import { HANDLING_BLOCKS } from '../../src/slack/views/settings/call-handling-form.ts';
import { wavFile } from '../support/audio.ts';
import { testDatabaseUrl } from '../support/database.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';
import { radio, select, settingsModal } from '../support/settings-modal.ts';
import {
  call,
  findBinary,
  freeUdpPort,
  invited,
  REALM,
  register,
  type SipServer,
  startSipServer,
  startUas,
} from '../support/sip.ts';

/**
 * Real calls on loopback: Switchboard's SIP server (`npm run sip`) reading this file's PostgreSQL database, sipp
 * user agents as phones, callers from the trunk, the voicemail server and the gateway, and every setting made
 * through Slack. Each case shows the SIP status the caller observed.
 */

const missing = (['kamailio', 'sipp'] as const).filter((name) => findBinary(name) === undefined);
const skipReason = !testDatabaseUrl
  ? 'Kamailio reads PostgreSQL; run with TEST_DATABASE_URL'
  : missing.length > 0 && !process.env.CI
    ? `${missing.join(' and ')} not installed (apt-get install kamailio kamailio-postgres-modules sip-tester)`
    : undefined;

describe.runIf(process.env.CI && testDatabaseUrl)('the SIP tools under CI', () => {
  it('has kamailio and sipp installed', () => {
    expect(missing, '.ci/run installs kamailio, kamailio-postgres-modules and sip-tester').toEqual([]);
  });
});

describe.skipIf(skipReason !== undefined)(
  `calls through the SIP server${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const sip: SipConfig = {
      host: '127.0.0.1',
      port: 0,
      realm: REALM,
      gateway: { host: '127.0.0.1', port: 0 },
      voicemail: { host: '127.0.0.1', port: 0 },
    };
    let server: SipServer | undefined;
    const sb = useSwitchboard({
      phoneSystem: kamailioPhoneSystem(sip),
      // The SIP server starts on the file's database before the app, so the app finds it answering.
      databaseUrl: async (url) => {
        sip.port = await freeUdpPort();
        if (sip.gateway) sip.gateway.port = await freeUdpPort();
        if (sip.voicemail) sip.voicemail.port = await freeUdpPort();
        server = await startSipServer(
          {
            DATABASE_URL: url,
            PHONE_SYSTEM: 'kamailio',
            SIP_GATEWAY_URI: `sip:127.0.0.1:${sip.gateway?.port}`,
            SIP_VOICEMAIL_URI: `sip:127.0.0.1:${sip.voicemail?.port}`,
          },
          sip.port,
        );
        return url;
      },
    });
    const { phoneReply, phoneChange, setupAccount, license, directMessage } = phoneCommands(sb);
    const { openSection, submit } = settingsModal(sb);

    const C1 = colleague(1);
    const C2 = colleague(2);
    const OUTSIDE = '+14155550199';
    const vmPort = () => sip.voicemail?.port ?? 0;
    const gwPort = () => sip.gateway?.port ?? 0;

    /** Phones registered in a test, taken off the server after it, as the next test's people reuse extensions. */
    let registered: { user: string; password: string }[] = [];

    afterEach(async () => {
      // The latest password of each user takes all their contacts off, whichever port they were on.
      const latest = new Map(registered.map((phone) => [phone.user, phone.password]));
      for (const [user, password] of latest)
        expect(await register(sip.port, user, password, 'unregister')).toBe(200);
      registered = [];
    });

    afterAll(async () => {
      // SIGTERM stops Kamailio and its workers, and the launcher exits 0.
      expect(await server?.stop()).toBe(0);
    });

    /** The extension of a colleague, from the app's database. */
    async function extensionOf(i: number): Promise<string> {
      const extension = (await extensionsByEmail(sb.app.deps.db))[`colleague${i}@example.com`];
      if (!extension) throw new Error(`colleague ${i} has no extension`);
      return extension;
    }

    /** `/phone sip password` run by the person, and the password it showed them once. */
    async function ownPassword(slackUserId: string, mac?: string): Promise<string> {
      const text = await phoneReply(`sip password <@${slackUserId}>${mac ? ` ${mac}` : ''}`, slackUserId);
      const password = /Password: `([^`]+)`/.exec(text)?.[1];
      if (!password) throw new Error(`no password in: ${text}`);
      return password;
    }

    /** Registers a colleague's apps with their password, answered by a sipp phone on its own port. */
    async function registerPhone(user: string, password: string) {
      const port = await freeUdpPort();
      const status = await register(sip.port, user, password, port);
      if (status === 200) registered.push({ user, password });
      return { status, port };
    }

    it('registers with the password shown once, is called by extension and by direct number, and a reset locks the old password out', async () => {
      await setupAccount();
      await phoneChange('numbers add +14155550100');
      await license([C1], 'plan:200');
      await phoneChange(`number add <@${C1}> +14155550100`);
      const ext = await extensionOf(1);
      const password = await ownPassword(C1);
      // Only the digest hashes are stored.
      const [stored] = await sb.app.deps.db.select().from(sipCredentials);
      expect(stored).toMatchObject({ username: ext, realm: REALM });
      expect(JSON.stringify(stored)).not.toContain(password);

      const phone = await registerPhone(ext, password);
      expect(phone.status).toBe(200);
      for (const dialled of [ext, '+14155550100']) {
        const apps = await startUas('answer', phone.port, 'apps-c1');
        const result = await call(sip.port, OUTSIDE, dialled);
        expect(result).toMatchObject({ status: 200, answeredBy: 'apps-c1' });
        expect(invited((await apps.done).log).uri).toContain(`sip:${ext}@127.0.0.1:${phone.port}`);
      }

      // An admin resets it: the new one goes to the person's DM, the admin reads only that it was sent.
      const told = await phoneReply(`sip password <@${C1}>`, ADMIN_ID);
      expect(told).toContain('was sent to them in a direct message');
      expect(told).not.toMatch(/Password:/);
      const dm = await directMessage(C1, 'A new SIP password');
      const fresh = /Password: `([^`]+)`/.exec(dm)?.[1] ?? '';
      expect(fresh).not.toBe(password);
      expect(await register(sip.port, ext, password, phone.port)).toBe(401);
      expect((await registerPhone(ext, fresh)).status).toBe(200);
      // Audited, by whom, without either password.
      const audit = await sb.app.deps.db
        .select()
        .from(auditLog)
        .where(like(auditLog.action, 'sip_password.%'))
        .orderBy(auditLog.id);
      expect(audit.map((row) => [row.action, row.actor])).toEqual([
        ['sip_password.set', C1],
        ['sip_password.reset', ADMIN_ID],
      ]);
      expect(JSON.stringify(audit)).not.toContain(password);
      expect(JSON.stringify(audit)).not.toContain(fresh);
    });

    it('refuses a blocked number and a blocked prefix with 403, and unblocking applies to the next call', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      const phone = await registerPhone(ext, await ownPassword(C1));
      expect(phone.status).toBe(200);

      await phoneChange(`block add <@${C1}> +14155550166`);
      await phoneChange(`block add <@${C1}> 1900`);
      expect((await call(sip.port, '+14155550166', ext)).status).toBe(403);
      expect((await call(sip.port, '+19005550123', ext)).status).toBe(403);

      await phoneChange(`block remove <@${C1}> +14155550166`);
      const apps = await startUas('answer', phone.port, 'apps-c1');
      expect(await call(sip.port, '+14155550166', ext)).toMatchObject({ status: 200, answeredBy: 'apps-c1' });
      await apps.done;
    });

    it('refuses a deactivated callee with 480, and a deactivated caller with 403 to calls and registrations', async () => {
      await setupAccount();
      await license([C1, C2], 'plan:200');
      const [ext1, ext2] = [await extensionOf(1), await extensionOf(2)];
      const password2 = await ownPassword(C2);
      const password1 = await ownPassword(C1);
      const phone1 = await registerPhone(ext1, password1);
      expect(phone1.status).toBe(200);
      // Before: C2's device calls C1 (it answers the server's challenge with its credentials).
      const apps = await startUas('answer', phone1.port, 'apps-c1');
      expect(await call(sip.port, ext2, ext1, { user: ext2, password: password2 })).toMatchObject({
        status: 200,
      });
      await apps.done;

      await phoneChange(`deactivate <@${C2}>`);
      expect((await call(sip.port, OUTSIDE, ext2)).status).toBe(480);
      expect((await call(sip.port, ext2, ext1, { user: ext2, password: password2 })).status).toBe(403);
      expect((await registerPhone(ext2, password2)).status).toBe(403);
    });

    it('sends calls in closed hours to voicemail, to the forward number through the gateway, or refuses them with 480', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      expect((await registerPhone(ext, await ownPassword(C1))).status).toBe(200);
      await phoneChange(`forward add <@${C1}> +14155550123 "Mobile"`);
      // Days not named are closed: closed all week.
      await phoneChange(`hours <@${C1}> mon closed`);

      const voicemail = await startUas('answer', vmPort(), 'voicemail');
      expect(await call(sip.port, OUTSIDE, ext)).toMatchObject({ status: 200, answeredBy: 'voicemail' });
      expect(invited((await voicemail.done).log)).toEqual({
        uri: `sip:${ext}@127.0.0.1:${vmPort()}`,
        reason: 'closed; voicemail',
      });

      await phoneChange(`set <@${C1}> closed=forward`);
      const gateway = await startUas('answer', gwPort(), 'gateway');
      expect(await call(sip.port, OUTSIDE, ext)).toMatchObject({ status: 200, answeredBy: 'gateway' });
      expect(invited((await gateway.done).log)).toEqual({
        uri: `sip:+14155550123@127.0.0.1:${gwPort()}`,
        reason: 'closed; forward',
      });

      await phoneChange(`set <@${C1}> closed=disconnect`);
      expect((await call(sip.port, OUTSIDE, ext)).status).toBe(480);
    });

    it('plays the closed-hours message uploaded in Slack on the media server, naming the audio', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      await phoneChange(`hours <@${C1}> mon closed`);
      const channel = sb.slack.dmChannel(C1);
      const { ts } = await sb.slack.uploadFile({
        user: C1,
        channel,
        filename: 'After hours.wav',
        content: wavFile(),
        comment: 'message',
      });
      const answer = await sb.slack.waitFor(() =>
        sb.slack.messages(channel).find((m) => m.thread_ts === ts && m.bot_id !== undefined),
      );
      expect(answer.text).toContain('closed-hours message');
      const [audio] = await sb.app.deps.db.select({ id: audioFiles.id }).from(audioFiles);

      const media = await startUas('answer', vmPort(), 'media');
      expect(await call(sip.port, OUTSIDE, ext)).toMatchObject({ status: 200, answeredBy: 'media' });
      expect(invited((await media.done).log)).toEqual({
        uri: `sip:${ext}@127.0.0.1:${vmPort()}`,
        reason: `closed; message; audio=${audio?.id}`,
      });
    });

    it('skips a step with nothing registered: straight to voicemail, or 480 when unanswered calls are disconnected', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      const voicemail = await startUas('answer', vmPort(), 'voicemail');
      expect(await call(sip.port, OUTSIDE, ext)).toMatchObject({ status: 200, answeredBy: 'voicemail' });
      expect(invited((await voicemail.done).log)).toEqual({
        uri: `sip:${ext}@127.0.0.1:${vmPort()}`,
        reason: 'unanswered; voicemail',
      });
      await phoneChange(`set <@${C1}> unanswered=disconnect`);
      expect((await call(sip.port, OUTSIDE, ext)).status).toBe(480);
    });

    it('rings the routes one after another for their ring times set in Slack, then sends the call to voicemail', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      const phone = await registerPhone(ext, await ownPassword(C1));
      expect(phone.status).toBe(200);
      await phoneChange(`forward add <@${C1}> +14155550123 "Mobile"`);
      // Sequential: the apps first, then the forward number (added last), each for the shortest ring time, 10 s.
      const form = await openSection(C1, 'handling');
      const mobile = { kind: 'forward', number: '+14155550123' } as const;
      expect(
        await submit(ADMIN_ID, form, {
          [HANDLING_BLOCKS.mode]: { mode: radio('sequential') },
          [HANDLING_BLOCKS.ring({ kind: 'apps' })]: { seconds: select('10') },
          [HANDLING_BLOCKS.ring(mobile)]: { seconds: select('10') },
        }),
      ).toBe(undefined);

      const apps = await startUas('ring', phone.port, 'apps-c1');
      const mobilePhone = await startUas('ring', gwPort(), 'gateway');
      const voicemail = await startUas('answer', vmPort(), 'voicemail');
      const started = Date.now();
      const ended = (agent: { done: Promise<{ log: string }> }) =>
        agent.done.then((run) => ({ log: run.log, at: Date.now() - started }));
      const [result, appsRun, mobileRun, voicemailRun] = await Promise.all([
        call(sip.port, OUTSIDE, ext),
        ended(apps),
        ended(mobilePhone),
        ended(voicemail),
      ]);
      expect(result).toMatchObject({ status: 200, answeredBy: 'voicemail' });
      // The apps rang for their 10 s, then the forward number through the gateway for its 10 s (Kamailio's
      // timers fire a few milliseconds early), each cancelled at the end of its step; then voicemail answered.
      expect(invited(appsRun.log).uri).toContain(`sip:${ext}@127.0.0.1:${phone.port}`);
      expect(appsRun.log).toContain('CANCELLED');
      expect(appsRun.at).toBeGreaterThan(9_500);
      expect(invited(mobileRun.log).uri).toBe(`sip:+14155550123@127.0.0.1:${gwPort()}`);
      expect(mobileRun.log).toContain('CANCELLED');
      expect(mobileRun.at).toBeGreaterThan(appsRun.at + 9_500);
      expect(voicemailRun.at).toBeGreaterThan(mobileRun.at);
      expect(invited(voicemailRun.log)).toEqual({
        uri: `sip:${ext}@127.0.0.1:${vmPort()}`,
        reason: 'unanswered; voicemail',
      });
    });

    it('disconnects an unanswered call with 480 once the ring time set in Slack is over, cancelling the phone', async () => {
      await setupAccount();
      await license([C1], 'plan:200');
      const ext = await extensionOf(1);
      const phone = await registerPhone(ext, await ownPassword(C1));
      expect(phone.status).toBe(200);
      await phoneChange(`set <@${C1}> unanswered=disconnect`);
      const form = await openSection(C1, 'handling');
      expect(
        await submit(ADMIN_ID, form, { [HANDLING_BLOCKS.ring({ kind: 'apps' })]: { seconds: select('10') } }),
      ).toBe(undefined);

      const apps = await startUas('ring', phone.port, 'apps-c1');
      const started = Date.now();
      const [result, appsRun] = await Promise.all([
        call(sip.port, OUTSIDE, ext),
        apps.done.then((run) => ({ log: run.log, at: Date.now() - started })),
      ]);
      expect(result.status).toBe(480);
      expect(appsRun.log).toContain('CANCELLED');
      // Kamailio's timer fires a few milliseconds early.
      expect(appsRun.at).toBeGreaterThan(9_500);
      expect(result.ms).toBeGreaterThan(9_500);
    });

    it('rings the apps, the desk phone and an assistant together, and the first to answer cancels the others', async () => {
      await setupAccount();
      await license([C1, C2], 'plan:200');
      const [ext1, ext2] = [await extensionOf(1), await extensionOf(2)];
      await phoneChange(`phone add <@${C1}> 00:1A:2B:3C:4D:5E Model A20`);
      const deskPassword = await ownPassword(C1, '001A2B3C4D5E');
      const phone1 = await registerPhone(ext1, await ownPassword(C1));
      const desk = await registerPhone('001A2B3C4D5E', deskPassword);
      const phone2 = await registerPhone(ext2, await ownPassword(C2));
      expect([phone1.status, desk.status, phone2.status]).toEqual([200, 200, 200]);
      await phoneChange(`delegate add <@${C1}> <@${C2}>`);

      const apps = await startUas('ring', phone1.port, 'apps-c1');
      const deskPhone = await startUas('ring', desk.port, 'desk-c1');
      const assistant = await startUas('answer', phone2.port, 'assistant-c2');
      expect(await call(sip.port, OUTSIDE, ext1)).toMatchObject({ status: 200, answeredBy: 'assistant-c2' });
      expect(invited((await assistant.done).log).uri).toContain(`sip:${ext2}@127.0.0.1:${phone2.port}`);
      for (const [agent, uri] of [
        [apps, `sip:${ext1}@127.0.0.1:${phone1.port}`],
        [deskPhone, `sip:001A2B3C4D5E@127.0.0.1:${desk.port}`],
      ] as const) {
        const rang = await agent.done;
        expect(invited(rang.log).uri).toContain(uri);
        expect(rang.log).toContain('CANCELLED');
      }
    });
  },
);
