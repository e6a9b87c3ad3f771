import { afterEach, describe, expect, it } from 'vitest';
import { sipCredentials } from '../../db/schema/index.ts';
import { kamailioPhoneSystem } from '../../src/phone-systems/kamailio/adapter.ts';
import { sipDigest } from '../../src/services/sip-credentials.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';

/**
 * `/phone sip password` through Slack, on PGlite or PostgreSQL: who may set whose, where the password is shown
 * (to the person alone), and that only its digests are kept. The calls made with it are in sip-calls.test.ts.
 */

const C1 = colleague(1);
const MALLORY = 'UNOTADMIN1';
const passwordIn = (text: string) => /Password: `([^`]+)`/.exec(text)?.[1];

describe('/phone sip password with the SIP server as the phone system', () => {
  // Nothing listens on port 9: the command needs only the realm, and changes apply when committed.
  const sb = useSwitchboard({
    phoneSystem: kamailioPhoneSystem({
      host: '127.0.0.1',
      port: 9,
      realm: 'sip.example.com',
      gateway: undefined,
      voicemail: undefined,
    }),
  });
  const { phone, phoneReply, phoneChange, setupAccount, license, directMessage, directMessages } =
    phoneCommands(sb);

  afterEach(() => {
    expect(sb.slack.violations()).toEqual([]);
  });

  /** Everything posted where more than one person reads it. */
  const channelText = () => sb.slack.messages(CHANNEL).map(visibleText).join('\n');

  it('shows the person their own password once, in a reply only they see, and keeps only its digests', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const extension = (await extensionsByEmail(sb.app.deps.db))['colleague1@example.com'] ?? '';
    const reply = await phoneReply(`sip password <@${C1}>`, C1);
    const password = passwordIn(reply) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(reply).toContain(`Username: \`${extension}\``);
    expect(reply).toContain('Realm (domain): `sip.example.com`');
    expect(reply).toContain('Shown once');
    expect(channelText()).not.toContain(password);
    expect(await sb.app.deps.db.select().from(sipCredentials)).toEqual([
      expect.objectContaining({
        username: extension,
        realm: 'sip.example.com',
        deskPhoneId: null,
        ...digestOf(extension, password),
      }),
    ]);
  });

  it('sends the password an admin sets to the person, tells the admin it went, and resets the old one', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const first = passwordIn(await phoneReply(`sip password <@${C1}>`, C1));
    const told = await phoneReply(`sip password <@${C1}>`, ADMIN_ID);
    expect(told).toContain(
      'was sent to them in a direct message; it is not shown to you. The old one no longer works.',
    );
    const dm = await directMessage(C1, 'A new SIP password');
    const second = passwordIn(dm);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(dm).toContain('set by a phone admin');
    expect(told).not.toContain(second ?? '-');
    expect(channelText()).not.toContain(second ?? '-');
    expect(await sb.app.deps.db.select().from(sipCredentials)).toHaveLength(1);
  });

  it("sets a password for one of the person's desk phones, which signs in as its MAC", async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    await phoneChange(`phone add <@${C1}> 00:1A:2B:3C:4D:5E Model A20`);
    const reply = await phoneReply(`sip password <@${C1}> 00:1a:2b:3c:4d:5e`, C1);
    expect(reply).toContain('SIP password for your desk phone `00:1A:2B:3C:4D:5E`');
    expect(reply).toContain('Username: `001A2B3C4D5E`');
    const [stored] = await sb.app.deps.db.select().from(sipCredentials);
    expect(stored).toMatchObject({ username: '001A2B3C4D5E', deskPhoneId: expect.any(Number) });
    expect(stored).toMatchObject(digestOf('001A2B3C4D5E', passwordIn(reply) ?? ''));
    expect(await phoneReply(`sip password <@${C1}> 00:1A:2B:3C:4D:5F`, C1)).toMatch(/^:warning: /);
    expect(await sb.app.deps.db.select().from(sipCredentials)).toHaveLength(1);
  });

  it("refuses a username another person's apps still sign in with, naming them and the command that frees it", async () => {
    await setupAccount();
    const C2 = colleague(2);
    await license([C1, C2], 'plan:200');
    const extensions = await extensionsByEmail(sb.app.deps.db);
    const old = extensions['colleague1@example.com'] ?? '';
    passwordIn(await phoneReply(`sip password <@${C1}>`, C1));
    // Colleague 1 moves to a new extension and colleague 2 takes the old one; colleague 1's apps still sign in as it.
    await phoneChange(`ext <@${C1}> 1450`);
    await phoneChange(`ext <@${C2}> 1451`);
    await phoneChange(`ext <@${C2}> ${old}`);
    const refused = await phoneReply(`sip password <@${C2}>`, C2);
    expect(refused).toContain(`the SIP username \`${old}\` is still the one`);
    expect(refused).toContain(`<@${C1}>'s apps`);
    expect(refused).toContain('`/phone sip password 1450`, run by them or a phone admin');
    expect(passwordIn(refused)).toBeUndefined();
    expect(await sb.app.deps.db.select().from(sipCredentials)).toHaveLength(1);
    // Done as it says, colleague 2 gets the username.
    await phoneReply('sip password 1450', ADMIN_ID);
    const given = await phoneReply(`sip password <@${C2}>`, C2);
    expect(given).toContain(`Username: \`${old}\``);
    expect((await sb.app.deps.db.select().from(sipCredentials)).map((c) => c.username).sort()).toEqual(
      ['1450', old].sort(),
    );
  });

  it('refuses an admin a password for someone without a Slack account to receive it, and changes nothing', async () => {
    await setupAccount();
    await phoneChange('user add nora@example.com Nora Nozone');
    await phoneChange('assign nora@example.com');
    const reply = await phoneReply('sip password nora@example.com', ADMIN_ID);
    expect(reply).toContain(
      'has no Slack account linked, so a SIP password could not be shown to them alone',
    );
    expect(passwordIn(reply)).toBeUndefined();
    expect(await sb.app.deps.db.select().from(sipCredentials)).toEqual([]);
  });

  it("refuses a non-admin someone else's password, and changes nothing", async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const reply = await phone(`sip password <@${C1}>`, MALLORY);
    expect(reply.where).toBe('ephemeral');
    expect(reply.text).toContain('Only phone admins can use `/phone sip password` for someone else.');
    expect(await sb.app.deps.db.select().from(sipCredentials)).toEqual([]);
    expect(directMessages(C1).filter((text) => text.includes('SIP password'))).toEqual([]);
  });

  it('says there is no other account to adopt or compare with, as the SIP server reads these tables', async () => {
    await setupAccount();
    for (const [command, what] of [
      ['adopt', 'adopt'],
      ['drift', 'compare with'],
    ]) {
      expect(await phoneReply(command ?? '')).toContain(
        `Kamailio routes calls from Switchboard's own tables, so it keeps no account of its own to ${what}`,
      );
    }
  });
});

describe('/phone sip password without the SIP server', () => {
  const sb = useSwitchboard();
  const { phoneReply, setupAccount, license } = phoneCommands(sb);

  it('says the SIP server is not the phone system, and stores nothing', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    expect(await phoneReply(`sip password <@${C1}>`, C1)).toContain('Set `PHONE_SYSTEM=kamailio`');
    expect(await sb.app.deps.db.select().from(sipCredentials)).toEqual([]);
  });
});

function digestOf(username: string, password: string) {
  const { ha1, ha1b } = sipDigest(username, 'sip.example.com', password);
  return { ha1, ha1b };
}
