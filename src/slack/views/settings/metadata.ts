import { z } from 'zod';

/**
 * What a settings form remembers in private_metadata: whose settings (a directory id, never trusted for
 * permission: the services check the actor again), the version it showed and when it was opened, so that a
 * submit after someone else's change is refused instead of overwriting it.
 */
const schema = z.object({
  u: z.number().int().positive(),
  v: z.number().int().positive(),
  t: z.iso.datetime(),
  c: z.string().max(20).optional(),
  d: z.string().max(400).optional(),
});

export type FormMetadata = {
  directoryUserId: number;
  version: number;
  openedAt: Date;
  channelId?: string | undefined;
  /** A form drawn again after a choice: what the person entered so far, hidden fields included. */
  draft?: string | undefined;
};

export function encodeFormMetadata(m: FormMetadata): string {
  return JSON.stringify({
    u: m.directoryUserId,
    v: m.version,
    t: m.openedAt.toISOString(),
    ...(m.channelId ? { c: m.channelId } : {}),
    ...(m.draft ? { d: m.draft } : {}),
  });
}

export function decodeFormMetadata(raw: string | undefined): FormMetadata | undefined {
  if (!raw) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    return {
      directoryUserId: parsed.data.u,
      version: parsed.data.v,
      openedAt: new Date(parsed.data.t),
      channelId: parsed.data.c,
      draft: parsed.data.d,
    };
  } catch {
    return undefined;
  }
}
