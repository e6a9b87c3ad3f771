import type { DomainError } from './errors.ts';

type MacError = Extract<DomainError, { code: 'MAC_INVALID' }>;

/**
 * The spellings desk phone labels and admin consoles use: pairs joined by colons or by dashes (one kind of
 * separator throughout), groups of four joined by dots, or twelve digits in a row. Any case.
 */
const SPELLINGS: readonly RegExp[] = [
  /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{4}(\.[0-9a-f]{4}){2}$/i,
  /^[0-9a-f]{12}$/i,
];

/**
 * A MAC address as stored: 12 upper-case hex digits. Refuses other spellings, and addresses no device can have
 * (all zeros, broadcast, multicast), which are typos or copied from the wrong field.
 */
export function normalizeMac(input: string): { ok: true; mac: string } | { ok: false; error: MacError } {
  const trimmed = input.trim();
  if (!SPELLINGS.some((spelling) => spelling.test(trimmed))) {
    return { ok: false, error: { code: 'MAC_INVALID', input, reason: 'format' } };
  }
  const mac = trimmed.replace(/[:.-]/g, '').toUpperCase();
  const firstOctet = Number.parseInt(mac.slice(0, 2), 16);
  if (mac === '000000000000' || (firstOctet & 1) === 1) {
    return { ok: false, error: { code: 'MAC_INVALID', input, reason: 'not_a_device' } };
  }
  return { ok: true, mac };
}

/** 001A2B3C4D5E → 00:1A:2B:3C:4D:5E, the way a phone's label prints it. */
export const macWithColons = (mac: string): string => mac.match(/.{2}/g)?.join(':') ?? mac;
