import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { growthRatio, LINEAR_GROWTH_BOUND } from '../support/growth.ts';

describe('the logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never writes a configured secret or anything shaped like a Slack token', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = createLogger('debug', ['my-signing-secret-123']);
    logger.info('token xoxb-123-456-abc and secret my-signing-secret-123');
    logger.error(new Error('failed with xapp-1-A0-xyz'));
    logger.debug({ headers: { authorization: 'Bearer xoxb-999-zzz' } });
    const all = lines.join('');
    expect(all).not.toMatch(/xoxb-|xapp-|my-signing-secret-123/);
    expect(all).toContain('[redacted]');
  });

  it('writes nothing below its level', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    createLogger('warn', []).info('quiet');
    expect(write).not.toHaveBeenCalled();
  });
});

describe('query errors in the log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never writes the parameters of a failed query, which can hold a voicemail PIN', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const failed = new Error(
      'Failed query: update "phone_user_settings" set "voicemail_pin" = $1\nparams: 482913,7',
    );
    const wrapped = Object.assign(new Error('wrapper'), { cause: failed, params: ['482913', 7] });
    createLogger('debug', []).error('set failed', wrapped, failed);
    const all = lines.join('');
    expect(all).not.toContain('482913');
    expect(all).toContain('params: [not logged]');
  });

  it('finds indented parameters after blank lines, and reads many blank lines in linear time', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = createLogger('debug', []);
    logger.error('failed\n\n \t\r\n    params: 482913');
    expect(lines.join('')).toContain('failed\n\n \t\r\n    params: [not logged]');
    const blankLines = (count: number) => `failed${'\n'.repeat(count)}x`;
    expect(growthRatio(logger.error, blankLines(4_000), blankLines(40_000))).toBeLessThan(
      LINEAR_GROWTH_BOUND,
    );
  });
});
