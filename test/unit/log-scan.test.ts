import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanLogs, suiteSecrets } from '../support/log-scan.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logs(...lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-logs-'));
  dirs.push(dir);
  writeFileSync(join(dir, '1234.log'), `${lines.join('\n')}\n`);
  return dir;
}

describe('the secret scan of the test output', () => {
  it("knows the suite's own bot token, signing secret and the PINs its tests type", () => {
    const values = suiteSecrets().map((s) => s.value);
    expect(values).toEqual(
      expect.arrayContaining([
        'xoxb-0000000000-e2e-test-token',
        'e2e-signing-secret-4f7c2a9d',
        '482913',
        '2468',
      ]),
    );
    expect(values).not.toContain('000000');
  });

  it('finds a token, a signing secret and a PIN, naming the file and line', () => {
    const secrets = [
      { what: 'a Slack token', value: 'xoxb-0000000000-e2e-test-token' },
      { what: 'a signing secret', value: 'e2e-signing-secret-4f7c2a9d' },
      { what: 'a voicemail PIN', value: '482913' },
    ];
    const dir = logs(
      'ERROR request failed',
      'Authorization: Bearer xoxb-0000000000-e2e-test-token',
      'secret e2e-signing-secret-4f7c2a9d',
      "params: ['482913']",
    );
    expect(scanLogs(secrets, dir).map((f) => [f.line, f.what])).toEqual([
      [2, 'a Slack token'],
      [3, 'a signing secret'],
      [4, 'a voicemail PIN'],
    ]);
  });

  it('does not take a PIN for part of a longer number', () => {
    const dir = logs('ts 1796393417.482913', 'request 94829130', 'extension 2468 at 12:24:68');
    expect(scanLogs([{ what: 'a voicemail PIN', value: '482913' }], dir)).toEqual([]);
    expect(scanLogs([{ what: 'a voicemail PIN', value: '2468' }], dir)).toHaveLength(1);
  });
});
