import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { kamailioPhoneSystem } from '../../../src/phone-systems/kamailio/adapter.ts';

/** The SIP server adapter's connection check: what an admin reads under `/phone sync` when it fails. */
const sip = (port: number) => ({
  host: '127.0.0.1',
  port,
  realm: 'sip.example.com',
  gateway: undefined,
  voicemail: undefined,
});

/** A UDP port nothing answers on: bound, then closed. */
async function silentPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe('the SIP server adapter', () => {
  it('says the SIP server cannot read the embedded database, and how to give it one, without probing', async () => {
    const check = await kamailioPhoneSystem(sip(9), { embeddedDatabase: true }).connection();
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain('reads the account from PostgreSQL');
    expect(check.ok ? '' : check.reason).toContain('set DATABASE_URL to a postgres:// database');
    expect(check.ok ? '' : check.reason).not.toContain('SIP_HOST');
    // Changes are not held back: the SIP server reads them where they are.
    expect(check.ok ? undefined : check.changes).toBe('in place');
  });

  it('on PostgreSQL, says to start the SIP server where it is configured when nothing answers there', async () => {
    const port = await silentPort();
    const check = await kamailioPhoneSystem(sip(port), { embeddedDatabase: false }).connection();
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(
      `start the SIP server with npm run sip (SIP_HOST 127.0.0.1, SIP_PORT ${port})`,
    );
  });
});
