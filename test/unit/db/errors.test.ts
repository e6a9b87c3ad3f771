import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../db/errors.ts';

/** How drizzle reports a failed query: its own error, with the driver's as the cause. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });
const coded = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED')],
    ['a reset connection', coded('ECONNRESET')],
    ['a connection postgres.js saw close', coded('CONNECTION_CLOSED')],
    ['a connect timeout', coded('CONNECT_TIMEOUT')],
    ['the server shutting down (57P01)', coded('57P01')],
    ['the server starting up (57P03)', coded('57P03')],
    ['a connection exception (08006)', coded('08006')],
  ])('is true for %s, however deep drizzle wraps it', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(wrapped(error)))).toBe(true);
  });

  it.each([
    ['a unique violation', coded('23505')],
    ['a serialization failure', coded('40001')],
    ['a syntax error', coded('42601')],
    ['an error without a code', new Error('boom')],
    ['something that is not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(false);
  });
});
