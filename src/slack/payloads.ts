import { z } from 'zod';
import type { ListQuery } from '../services/queries.ts';

/**
 * Button values are read back from Slack, where anyone could craft them: they are parsed with zod like any other
 * input, and they carry only ids and filters, never a decision (the services check who may act).
 */

const REMOVAL = /^d:([0-9]{1,9}(,[0-9]{1,9}){0,99})$/;

export const encodeRemoval = (directoryUserIds: number[]) => `d:${directoryUserIds.join(',')}`;

export function decodeRemoval(value: string | undefined): number[] | undefined {
  const match = value ? REMOVAL.exec(value) : null;
  return match?.[1] ? match[1].split(',').map(Number) : undefined;
}

const listCursor = z.object({
  q: z.object({
    site: z.string().max(200).optional(),
    status: z.enum(['active', 'inactive']).optional(),
    plan: z.string().max(200).optional(),
    search: z.string().max(500).optional(),
  }),
  after: z.number().int().nonnegative(),
});

export function encodeListCursor(query: ListQuery, after: number): string {
  const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  return JSON.stringify({ q, after });
}

export function decodeListCursor(value: string | undefined): { query: ListQuery; after: number } | undefined {
  if (!value) return undefined;
  try {
    const parsed = listCursor.safeParse(JSON.parse(value));
    return parsed.success ? { query: parsed.data.q, after: parsed.data.after } : undefined;
  } catch {
    return undefined;
  }
}

const DIRECTORY_USER = /^u:([0-9]{1,9})$/;

/** `u:<directory id>`: the one thing the card's buttons carry. */
export function decodeDirectoryUser(value: string | undefined): number | undefined {
  const match = value ? DIRECTORY_USER.exec(value) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}
