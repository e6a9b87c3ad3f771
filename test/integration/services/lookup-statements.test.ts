import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import {
  autoReceptionists,
  blockedNumbers,
  callQueueMembers,
  callQueues,
  delegations,
  deskPhones,
  emergencyAddresses,
  phoneSync,
  phoneUserSettings,
} from '../../../db/schema/index.ts';
import { homeContent } from '../../../src/services/dashboard.ts';
import { myCard, showUser } from '../../../src/services/queries.ts';
import { settingsForm } from '../../../src/services/settings/forms.ts';
import { lookupCard } from '../../../src/store/cards.ts';
import { findDirectoryUsersByIds } from '../../../src/store/directory.ts';
import { syncRecordOf } from '../../../src/store/phone-sync.ts';
import { cardByDirectoryUser } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
import {
  addressById,
  assistantsOf,
  assistingFor,
  blockedOf,
  deskPhonesOf,
  operatorFor,
  queueMemberships,
} from '../../../src/store/user-details.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, unwrap } from '../../support/fixtures.ts';
import { ADMIN, emailRef, extRef, makeDeps, prepareAccount, slackRef } from '../../support/services.ts';

const database = useTestDatabase();
const extKey = { by: 'extension', extension: '1000' } as const;

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 50 });
});

/**
 * The statements `work` sends, counted where each driver receives them: PGlite's `query` and postgres.js's
 * `unsafe`, which drizzle calls once per statement.
 */
async function statementsOf(db: Database, work: () => Promise<unknown>): Promise<number> {
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const method = typeof client.unsafe === 'function' ? 'unsafe' : 'query';
  const original = client[method] as (...args: unknown[]) => unknown;
  let count = 0;
  client[method] = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    client[method] = original;
  }
  return count;
}

describe('a lookup is read in one statement', () => {
  it('shows a card by extension, mention and email, admin check included, in one statement each', async () => {
    await licensedPeople(deps, 2, { plan: 'Pro' });
    for (const ref of [extRef('1001'), slackRef('UP0002'), emailRef('person2@example.com')]) {
      const n = await statementsOf(database.db, async () => unwrap(await showUser(deps, ADMIN, ref)));
      expect(n, ref.raw).toBe(1);
    }
  });

  it('shows a card again from the copy kept while nothing was committed since, reading it anew after a change', async () => {
    await licensedPeople(deps, 1, { plan: 'Pro' });
    const show = async () => unwrap(await showUser(deps, ADMIN, extRef('1000')));
    await show();
    // The card generation alone (with the viewer's rights): one small statement.
    expect(await statementsOf(database.db, show)).toBe(1);
    await database.db
      .update(phoneUserSettings)
      .set({ language: 'fr-FR' })
      .where(
        eq(
          phoneUserSettings.phoneUserId,
          (await lookupCard(database.db, extKey, '')).phoneUser?.card.phoneUserId ?? 0,
        ),
      );
    // The copy is stale: the check, then the card.
    let card: Awaited<ReturnType<typeof show>> | undefined;
    expect(
      await statementsOf(database.db, async () => {
        card = await show();
      }),
    ).toBe(2);
    expect(card?.kind === 'phone_user' && card.details.settings.language).toBe('fr-FR');
  });

  it("reads a phone user's own card in one statement", async () => {
    await licensedPeople(deps, 1);
    const n = await statementsOf(database.db, async () =>
      unwrap(await myCard(deps, { slackUserId: 'UP0001' })),
    );
    expect(n).toBe(1);
  });

  it("opens a phone user's settings form with its card in one statement, besides its audio, main numbers and what a call would do now", async () => {
    await licensedPeople(deps, 1);
    const n = await statementsOf(database.db, async () =>
      unwrap(await settingsForm(deps, ADMIN, extRef('1000'))),
    );
    expect(n).toBe(4);
  });

  it('draws the Home tab in one statement, for an admin and for a phone user', async () => {
    await licensedPeople(deps, 1);
    const forAdmin = await statementsOf(database.db, async () => unwrap(await homeContent(deps, ADMIN)));
    const forUser = await statementsOf(database.db, async () =>
      unwrap(await homeContent(deps, { slackUserId: 'UP0001' })),
    );
    expect({ forAdmin, forUser }).toEqual({ forAdmin: 1, forUser: 1 });
  });
});

describe('the one statement reads what the separate reads did', () => {
  it('gives the same card, details and sync row, dates as dates, on either driver', async () => {
    const [ada, bob] = await licensedPeople(deps, 2, { plan: 'Pro' });
    if (!ada || !bob) throw new Error('two people were licensed');
    const at = new Date('2026-11-25T09:00:00.123Z');
    const db = database.db;
    await db
      .insert(deskPhones)
      .values({ phoneUserId: ada.phoneUserId, mac: '0004F2AABBCC', model: 'Poly VVX 450' });
    await db.insert(delegations).values({ ownerId: ada.phoneUserId, assistantId: bob.phoneUserId });
    await db.insert(blockedNumbers).values([
      { phoneUserId: ada.phoneUserId, kind: 'number', value: '+14155550199' },
      { phoneUserId: ada.phoneUserId, kind: 'prefix', value: '1900' },
    ]);
    const [own] = await db
      .insert(emergencyAddresses)
      .values({
        phoneUserId: ada.phoneUserId,
        line1: '1 Main St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
        createdAt: at,
      })
      .returning();
    await db
      .update(phoneUserSettings)
      .set({ emergencyAddressId: own?.id ?? null, updatedAt: at })
      .where(eq(phoneUserSettings.phoneUserId, ada.phoneUserId));
    const [queue] = await db
      .insert(callQueues)
      .values({ name: 'Support', extension: '5000', siteId: ada.siteId })
      .returning();
    await db
      .insert(callQueueMembers)
      .values({ queueId: queue?.id ?? 0, phoneUserId: ada.phoneUserId, isManager: true });
    await db
      .insert(autoReceptionists)
      .values({ name: 'Front desk', extension: '5001', siteId: ada.siteId, operatorId: ada.phoneUserId });
    // Licensing marked them for the phone system: their row is made refused, with dates of its own.
    await db
      .update(phoneSync)
      .set({
        state: 'failed',
        runAfter: at,
        reason: 'refused',
        failureCode: '300',
        failureMessage: 'no',
        markedAt: at,
        updatedAt: new Date('2026-11-25T09:00:01.456Z'),
      })
      .where(eq(phoneSync.directoryUserId, ada.directoryUserId));
    const looked = await lookupCard(db, { by: 'extension', extension: ada.extension }, ADMIN.slackUserId);
    const settings = await readSettings(db, ada.phoneUserId);
    expect(looked).toEqual({
      viewerIsAdmin: true,
      person: (await findDirectoryUsersByIds(db, [ada.directoryUserId]))[0],
      phoneUser: {
        card: (await cardByDirectoryUser(db, ada.directoryUserId)) ?? ada,
        details: {
          settings,
          deskPhones: await deskPhonesOf(db, ada.phoneUserId),
          assistants: await assistantsOf(db, ada.phoneUserId),
          assisting: await assistingFor(db, ada.phoneUserId),
          blocked: await blockedOf(db, ada.phoneUserId),
          address: await addressById(db, settings.emergencyAddressId),
          addressIsSiteDefault: false,
          queues: await queueMemberships(db, ada.phoneUserId),
          operatorFor: await operatorFor(db, ada.phoneUserId),
        },
        sync: await syncRecordOf(db, ada.directoryUserId),
      },
    });
    expect(looked.phoneUser?.details.settings.updatedAt).toEqual(at);
    expect(looked.phoneUser?.details.assistants).toHaveLength(1);
    expect(looked.phoneUser?.sync?.updatedAt).toEqual(new Date('2026-11-25T09:00:01.456Z'));
    const assisting = await lookupCard(db, { by: 'directory', id: bob.directoryUserId }, 'USTRANGER');
    expect(assisting.viewerIsAdmin).toBe(false);
    expect(assisting.phoneUser?.details.assisting.map((a) => a.extension)).toEqual([ada.extension]);
    expect(assisting.phoneUser?.sync).toEqual(await syncRecordOf(db, bob.directoryUserId));
  });
});
