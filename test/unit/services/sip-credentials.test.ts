import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSipPassword, sipDigest } from '../../../src/services/sip-credentials.ts';

describe('SIP passwords', () => {
  it('are 20 characters that cannot be misread, different every time', () => {
    const passwords = new Set(Array.from({ length: 200 }, generateSipPassword));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });

  it('are kept as the digests RFC 2617 defines, for user and for user@realm', () => {
    // The HA1 of RFC 2617's own example: Mufasa, testrealm@host.com, Circle Of Life.
    expect(sipDigest('Mufasa', 'testrealm@host.com', 'Circle Of Life').ha1).toBe(
      '939e7578ed9e3c518a452acee763bce9',
    );
    const digest = sipDigest('1000', 'switchboard', 'pw');
    expect(digest).toEqual({
      username: '1000',
      realm: 'switchboard',
      ha1: createHash('md5').update('1000:switchboard:pw').digest('hex'),
      ha1b: createHash('md5').update('1000@switchboard:switchboard:pw').digest('hex'),
    });
  });
});
