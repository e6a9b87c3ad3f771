import { z } from 'zod';
import type { ListQuery } from '../services/queries.ts';

/**
 * Button values are read back from Slack, where anyone could craft them: they are parsed with zod like any other
 * input, and they carry only ids and filters, never a decision (the services check who may act).
 */

/**
 * `d:<directory id>[.<digest>],…`: who to remove, each with the digest of what their prompt said would end (none
 * when nothing would). At most 100 people: 1,901 characters at the longest, under a button value's 2,000.
 */
const REMOVAL = /^d:([0-9]{1,9}(\.[0-9a-f]{8})?(,[0-9]{1,9}(\.[0-9a-f]{8})?){0,99})$/;

export type RemovalButton = { directoryUserIds: number[]; shown: Map<number, string | undefined> };

/** A person of a removal preview, as the confirm button carries them. */
export const removalOf = (preview: { card: { directoryUserId: number }; digest: string | undefined }) => ({
  directoryUserId: preview.card.directoryUserId,
  digest: preview.digest,
});

export const encodeRemoval = (people: { directoryUserId: number; digest: string | undefined }[]) =>
  `d:${people.map((p) => (p.digest ? `${p.directoryUserId}.${p.digest}` : String(p.directoryUserId))).join(',')}`;

export function decodeRemoval(value: string | undefined): RemovalButton | undefined {
  const match = value ? REMOVAL.exec(value) : null;
  if (!match?.[1]) return undefined;
  const people = match[1].split(',').map((item) => item.split('.') as [string, string?]);
  return {
    directoryUserIds: people.map(([id]) => Number(id)),
    shown: new Map(people.map(([id, digest]) => [Number(id), digest])),
  };
}

/** How many items earlier pages showed; a button drawn before it was counted starts the count afresh. */
const shownBefore = z.number().int().nonnegative().max(10_000_000).default(0);

const numbersCursor = z.object({
  free: z.boolean(),
  site: z.string().max(200).optional(),
  after: z.string().regex(/^\+[0-9]{2,15}$/),
  before: shownBefore,
});
export type NumbersCursor = z.infer<typeof numbersCursor>;

/** Where the More button under `/phone numbers` goes on from: the query, the last number shown, how many were. */
export function encodeNumbersCursor(cursor: z.input<typeof numbersCursor>): string {
  const { site, ...rest } = cursor;
  return JSON.stringify(site === undefined ? rest : { ...rest, site });
}

const reservedCursor = z.object({ after: z.string().regex(/^[0-9]{1,6}$/), before: shownBefore });
export type ReservedCursor = z.infer<typeof reservedCursor>;

/** Where the More button under `/phone reserved` goes on from: the last extension shown, how many were. */
export function encodeReservedCursor(cursor: z.input<typeof reservedCursor>): string {
  return JSON.stringify(cursor);
}

export function decodeReservedCursor(value: string | undefined): ReservedCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = reservedCursor.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function decodeNumbersCursor(value: string | undefined): NumbersCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = numbersCursor.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
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

/** The More button under a history: whose (`recent`, or a directory id) and the oldest audit id shown. */
export type HistoryCursor = { subject: 'recent' | number; before: number };

const HISTORY_CURSOR = /^h:(recent|[0-9]{1,9}):([0-9]{1,15})$/;

export const encodeHistoryCursor = (cursor: HistoryCursor) => `h:${cursor.subject}:${cursor.before}`;

export function decodeHistoryCursor(value: string | undefined): HistoryCursor | undefined {
  const match = value ? HISTORY_CURSOR.exec(value) : null;
  if (!match?.[1] || !match[2]) return undefined;
  return { subject: match[1] === 'recent' ? 'recent' : Number(match[1]), before: Number(match[2]) };
}

const DIRECTORY_USER = /^u:([0-9]{1,9})$/;

/** `u:<directory id>`: the one thing the card's buttons carry. */
export function decodeDirectoryUser(value: string | undefined): number | undefined {
  const match = value ? DIRECTORY_USER.exec(value) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * A plan removal that releases numbers, as its confirm button carries it: whose (directory id), which plan (its
 * code; none for every plan) and the numbers the prompt named, so the click can tell whether they still hold.
 */
const planRemoval = z.strictObject({
  d: z.number().int().positive(),
  p: z.number().int().nonnegative().nullable(),
  n: z.array(z.string().regex(/^\+[0-9]{2,15}$/)).max(10),
});

export type PlanRemovalButton = { directoryUserId: number; plan: number | null; numbers: string[] };

export const encodePlanRemoval = (removal: PlanRemovalButton) =>
  JSON.stringify({ d: removal.directoryUserId, p: removal.plan, n: removal.numbers });

/** The button of a plan removal to confirm: the one plan named (by code), or every plan. */
export const planRemovalValue = (
  removal: { card: { directoryUserId: number }; planCodes: number[]; releasedNumbers: string[] },
  named: boolean,
) =>
  encodePlanRemoval({
    directoryUserId: removal.card.directoryUserId,
    plan: named ? (removal.planCodes[0] ?? null) : null,
    numbers: removal.releasedNumbers,
  });

export function decodePlanRemoval(value: string | undefined): PlanRemovalButton | undefined {
  if (!value) return undefined;
  try {
    const parsed = planRemoval.safeParse(JSON.parse(value));
    return parsed.success
      ? { directoryUserId: parsed.data.d, plan: parsed.data.p, numbers: parsed.data.n }
      : undefined;
  } catch {
    return undefined;
  }
}
