import type { Database } from '../../db/client.ts';
import { processLeases } from '../../db/leases.ts';
import type { Actor, Deps } from '../../src/services/context.ts';
import {
  claimUpload,
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  previewImport,
  publishPreview,
  type Upload,
} from '../../src/services/imports/service.ts';
import type { Clock, Ids, Profiles, SlackProfile } from '../../src/services/ports.ts';
import { addAdmin, updateAccount } from '../../src/store/account.ts';

/** A clock that only moves when told to, so tests are exact. */
export class FixedClock implements Clock {
  constructor(private current = new Date('2026-11-25T09:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class SequentialIds implements Ids {
  private n = 0;
  requestId() {
    this.n += 1;
    return `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`;
  }
}

/** An in-memory chat workspace directory. */
export class FakeProfiles implements Profiles {
  readonly people = new Map<string, SlackProfile>();
  add(profile: Partial<SlackProfile> & { slackUserId: string; realName: string }): SlackProfile {
    const full: SlackProfile = {
      email: `${profile.realName.toLowerCase().replace(/\s+/g, '.')}@example.com`,
      firstName: undefined,
      lastName: undefined,
      timezone: 'America/New_York',
      isBot: false,
      deleted: false,
      external: false,
      ...profile,
    };
    this.people.set(full.slackUserId, full);
    return full;
  }
  async bySlackId(id: string) {
    return this.people.get(id);
  }
  async byEmail(email: string) {
    return [...this.people.values()].find((p) => p.email?.toLowerCase() === email.toLowerCase());
  }
}

export const ADMIN: Actor = { slackUserId: 'UADMIN001' };

/** A refusal for a non-admin where the seeded admin is the only one: it names them. */
export const notAdmin = (action: string) =>
  ({ code: 'NOT_ADMIN', action, admins: { first: [ADMIN.slackUserId], total: 1 } }) as const;
export const STRANGER: Actor = { slackUserId: 'USTRANGER' };

export function makeDeps(
  db: Database,
  overrides: Partial<Deps> = {},
): Deps & { profiles: FakeProfiles; clock: FixedClock } {
  return {
    db,
    clock: new FixedClock(),
    ids: new SequentialIds(),
    profiles: new FakeProfiles(),
    configAdmins: new Set([ADMIN.slackUserId]),
    leases: processLeases(),
    ...overrides,
  } as Deps & { profiles: FakeProfiles; clock: FixedClock };
}

/** An account ready for work: the admin, `licenses` purchased, and some of each plan. */
export async function prepareAccount(
  db: Database,
  options: { licenses?: number; planInventory?: number } = {},
) {
  await addAdmin(db, ADMIN.slackUserId, 'test');
  await updateAccount(db, { licensesTotal: options.licenses ?? 200 }, new Date());
  if (options.planInventory !== undefined) {
    const { callingPlans } = await import('../../db/schema/index.ts');
    await db.update(callingPlans).set({ inventory: options.planInventory });
  }
}

/** `count` chat profiles U0001.. named Person 1.. */
export function seedPeople(profiles: FakeProfiles, count: number, prefix = 'UP') {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i + 1).padStart(4, '0')}`;
    return profiles.add({
      slackUserId: id,
      realName: `Person ${i + 1}`,
      email: `person${i + 1}@example.com`,
    });
  });
}

export const slackRef = (id: string) => ({ kind: 'slack' as const, id, raw: `<@${id}>` });
export const extRef = (extension: string) => ({ kind: 'extension' as const, extension, raw: extension });
export const emailRef = (email: string) => ({ kind: 'email' as const, email, raw: email });

/**
 * An upload read as the CSV handler reads it: claimed (under its lease), previewed, published as shown in a message
 * when it could be read, and its lease let go. `claimed` is the import as claimed, before the preview.
 */
export async function previewUpload(
  deps: Deps,
  actor: Actor,
  upload: Upload,
  bytes: Uint8Array,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
) {
  const claimed = await claimUpload(deps, actor, upload);
  if (!claimed.ok) throw new Error(`the claim was refused: ${JSON.stringify(claimed.error)}`);
  const claim = claimed.value;
  if (!claim) throw new Error(`${upload.slackFileId} was claimed before`);
  try {
    const result = await previewImport(deps, claim, bytes, limits);
    if (!result.ok) return { claimed: claim.import, result, superseded: [] };
    const published = await publishPreview(deps, claim, `${claim.import.id}.000100`);
    return {
      claimed: claim.import,
      result: { ok: true as const, value: { ...result.value, import: published.import } },
      superseded: published.superseded,
    };
  } finally {
    await claim.release();
  }
}
