import { describe, expect, it } from 'vitest';
import { sipServerHtml } from '../../../src/local/ui/sip-server.js';

/** The page's SIP server view: every state says what it means, and what a phone sent is escaped. */
describe('the SIP server view', () => {
  it('says why the SIP server is not running', () => {
    const html = sipServerHtml({
      state: 'off',
      reason: 'kamailio is not installed: apt-get install kamailio',
    });
    expect(html).toContain('Not running');
    expect(html).toContain('kamailio is not installed: apt-get install kamailio');
  });

  it('lists each registered contact with its expiry, and escapes what the phone sent', () => {
    const html = sipServerHtml({
      state: 'running',
      listen: 'udp:127.0.0.1:5060',
      realm: 'switchboard',
      registrations: [
        {
          user: '1001',
          contact: 'sip:1001@10.0.0.7:5062',
          expiresInSeconds: 125,
          userAgent: '<img src=x onerror=alert(1)>',
          owner: { name: 'Ada Lovelace', extension: '1001', deskPhone: null },
        },
        {
          user: '00155d0a1b2c',
          contact: 'sip:00155d0a1b2c@10.0.0.8:5060',
          expiresInSeconds: 42,
          userAgent: undefined,
          owner: {
            name: 'Ada Lovelace',
            extension: '1001',
            deskPhone: { mac: '00155d0a1b2c', model: 'Yealink T46U' },
          },
        },
        {
          user: 'stranger',
          contact: 'sip:stranger@10.0.0.9:5060',
          expiresInSeconds: 60,
          userAgent: undefined,
        },
      ],
    });
    expect(html).toContain('udp:127.0.0.1:5060');
    expect(html).toContain('3 contacts registered');
    expect(html).toContain('Ada Lovelace, ext. 1001 · apps');
    expect(html).toContain('desk phone Yealink T46U 00155d0a1b2c');
    expect(html).toContain('not a username Switchboard gave out');
    expect(html).toContain('data-registration="1001"');
    expect(html).toContain('2 min 5 s');
    expect(html).toContain('42 s');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });

  it('shows a stopped server and a failed read as such, not as nobody registered', () => {
    const stopped = sipServerHtml({
      state: 'stopped',
      listen: 'udp:127.0.0.1:5060',
      realm: 'switchboard',
      reason: 'kamailio exited with code 255',
      registrations: [],
    });
    expect(stopped).toContain('Stopped');
    expect(stopped).toContain('kamailio exited with code 255');
    const unread = sipServerHtml({
      state: 'running',
      listen: 'udp:127.0.0.1:5060',
      realm: 'switchboard',
      reason: 'the SIP server did not answer ul.dump within 3000 ms',
      registrations: [],
    });
    expect(unread).toContain('did not answer ul.dump');
    expect(unread).not.toContain('No phone is registered');
  });
});
