import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kamailioDatabaseUrl } from '../../../src/phone-systems/kamailio/database-url.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** `npm run sip` with this environment (and nothing of the caller's database settings). */
function launch(env: Record<string, string>) {
  const { DATABASE_URL: _url, PHONE_SYSTEM: _system, TEST_DATABASE_URL: _test, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/phone-systems/kamailio/run.ts'], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run sip', () => {
  it('explains that the SIP server needs the PostgreSQL server when the app runs on PGlite, and exits non-zero', () => {
    const run = launch({ PHONE_SYSTEM: 'kamailio' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: the SIP server needs the PostgreSQL server');
    expect(run.stderr).toContain('Kamailio reads');
    const other = launch({ PHONE_SYSTEM: 'kamailio', DATABASE_URL: 'file:.data/pglite' });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(
      /^Configuration error: DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    expect(other.stderr).toContain('The SIP server needs the PostgreSQL server.');
  });

  it('refuses to run for another phone system, and names a wrong variable', () => {
    const other = launch({ DATABASE_URL: 'postgres://u@127.0.0.1:1/x' });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/^PHONE_SYSTEM: must be kamailio/);
    const wrong = launch({ PHONE_SYSTEM: 'kamailio', SIP_PORT: 'five' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^Configuration error: SIP_PORT: must be a port number/);
  });

  it("hands Kamailio's driver the URL without its password and options", () => {
    expect(
      kamailioDatabaseUrl('postgresql://sip_ro:p%3Ass@db.example.com:6432/switchboard?sslmode=require'),
    ).toEqual({
      url: 'postgres://sip_ro@db.example.com:6432/switchboard',
      password: 'p:ss',
      notes: ["the SIP server ignores the URL's options (?sslmode=require): libpq's defaults apply"],
    });
    expect(kamailioDatabaseUrl('postgres://postgres@127.0.0.1/sb')).toEqual({
      url: 'postgres://postgres@127.0.0.1/sb',
      password: undefined,
      notes: [],
    });
  });
});
