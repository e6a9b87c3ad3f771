import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { addNumbers, addSite } from '../../../src/services/account.ts';
import { explainRoute, type RouteQuestion, routeNow } from '../../../src/services/call-routing.ts';
import { addNumber, setStatus } from '../../../src/services/phone-user-changes.ts';
import { addBlocked } from '../../../src/services/settings/blocked.ts';
import { addAssistant } from '../../../src/services/settings/delegation.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, unwrap } from '../../support/fixtures.ts';
import {
  ADMIN,
  extRef,
  makeDeps,
  notAdmin,
  prepareAccount,
  STRANGER,
  slackRef,
} from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 50 });
  // Person 1 (1000) is called; Person 2 (1001) calls from +14155550100; Person 3 (1002) assists Person 1.
  await licensedPeople(deps, 3, { plan: 'Pro' });
  unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
  unwrap(await addNumber(deps, ADMIN, slackRef('UP0002'), '+14155550100'));
  unwrap(await addAssistant(deps, ADMIN, slackRef('UP0001'), slackRef('UP0003')));
  unwrap(await addBlocked(deps, ADMIN, slackRef('UP0001'), '+1900'));
});

/** Counts the statements `work` sends, where each driver receives them (as lookup-statements.test.ts does). */
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

const ask = (
  from: string | undefined,
  callee: RouteQuestion['callee'] = slackRef('UP0001'),
): RouteQuestion => ({
  callee,
  from,
  when: { kind: 'now' },
});

describe('explainRoute reads what routing needs in one statement', () => {
  it('reads the callee and a caller by number or extension in one statement, admin check included', async () => {
    for (const from of [undefined, '+14155550100', '1001']) {
      const n = await statementsOf(database.db, async () =>
        unwrap(await explainRoute(deps, ADMIN, ask(from))),
      );
      expect(n, String(from)).toBe(1);
    }
  });

  it('reads a caller typed in national format in the country of the callee’s site, with a second statement', async () => {
    let answer: Awaited<ReturnType<typeof explainRoute>> | undefined;
    const n = await statementsOf(database.db, async () => {
      answer = await explainRoute(deps, ADMIN, ask('(415) 555-0100'));
    });
    expect(n).toBe(2);
    expect(unwrap(answer as NonNullable<typeof answer>).caller).toEqual({
      kind: 'number',
      number: '+14155550100',
      line: { extension: '1001', name: 'Person 2', active: true },
    });
  });

  it('reads a national number in the country of a site abroad', async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'London', country: 'GB' }));
    const [londoner] = await licensedPeople(deps, 1, { site: 'London', prefix: 'UL' });
    const answer = unwrap(
      await explainRoute(deps, ADMIN, ask('020 7946 0958', slackRef(londoner?.slackUserId ?? ''))),
    );
    expect(answer.caller).toEqual({ kind: 'number', number: '+442079460958', line: undefined });
  });
});

describe('explainRoute follows the contract over the stored settings', () => {
  it('rings the apps with the active assistant, and blocks a number under a blocked prefix', async () => {
    const open = unwrap(await explainRoute(deps, ADMIN, ask('+14155550100')));
    expect(open.plan).toMatchObject({
      kind: 'ring',
      steps: [
        {
          targets: [
            { kind: 'apps', extension: '1000' },
            { kind: 'assistant', extension: '1002', name: 'Person 3' },
          ],
          seconds: 20,
        },
      ],
      unanswered: { kind: 'voicemail', greetingId: null },
    });
    const blocked = unwrap(await explainRoute(deps, ADMIN, ask('+19005550100')));
    expect(blocked.plan).toEqual({
      kind: 'refused',
      reason: 'blocked',
      sipCode: 403,
      entry: { kind: 'prefix', value: '+1900' },
    });
  });

  it('leaves a deactivated assistant out, and refuses a deactivated caller by number or by extension', async () => {
    unwrap(await setStatus(deps, ADMIN, slackRef('UP0003'), 'inactive'));
    unwrap(await setStatus(deps, ADMIN, slackRef('UP0002'), 'inactive'));
    const open = unwrap(await explainRoute(deps, ADMIN, ask(undefined)));
    expect(open.plan.kind === 'ring' && open.plan.steps[0]?.targets).toEqual([
      { kind: 'apps', extension: '1000' },
    ]);
    for (const from of ['+14155550100', '1001']) {
      const refused = unwrap(await explainRoute(deps, ADMIN, ask(from)));
      expect(refused.plan, from).toEqual({ kind: 'refused', reason: 'caller_deactivated', sipCode: 403 });
    }
  });

  it('finds the callee by a direct number, and says 404 for an extension or number nobody has', async () => {
    const byNumber = unwrap(
      await explainRoute(
        deps,
        ADMIN,
        ask(undefined, { kind: 'number', number: '+1 415 555 0100', raw: '+1' }),
      ),
    );
    expect(byNumber.callee?.extension).toBe('1001');
    for (const callee of [
      extRef('4999'),
      { kind: 'number' as const, number: '+14155550199', raw: '+14155550199' },
    ]) {
      const unknown = unwrap(await explainRoute(deps, ADMIN, ask(undefined, callee)));
      expect(unknown.plan).toEqual({ kind: 'refused', reason: 'unknown', sipCode: 404 });
    }
  });

  it('gives the settings form the plan of a call from outside now', async () => {
    const card = (await licensedPeople(deps, 1, { prefix: 'UN' }))[0];
    const now = await routeNow(deps, card?.directoryUserId ?? 0);
    expect(now?.plan.kind).toBe('ring');
    expect(now?.instant).toEqual(deps.clock.now());
  });
});

describe('explainRoute: who may ask', () => {
  it('refuses someone who is not an admin, about another line or an extension nobody has', async () => {
    expect(await explainRoute(deps, STRANGER, ask(undefined))).toEqual({
      ok: false,
      error: notAdmin('route'),
    });
    expect(await explainRoute(deps, { slackUserId: 'UP0002' }, ask(undefined, extRef('4999')))).toEqual({
      ok: false,
      error: notAdmin('route'),
    });
  });

  it('answers a phone user about their own line, named any way', async () => {
    for (const callee of [slackRef('UP0001'), extRef('1000')]) {
      const answer = unwrap(await explainRoute(deps, { slackUserId: 'UP0001' }, ask(undefined, callee)));
      expect(answer.plan.kind).toBe('ring');
    }
  });

  it('refuses a from: extension nobody has, naming the field', async () => {
    expect(await explainRoute(deps, ADMIN, ask('4999'))).toEqual({
      ok: false,
      error: { code: 'ROUTE_FROM_INVALID', input: '4999', problem: { kind: 'no_extension' } },
    });
  });
});
