import { randomInt } from 'node:crypto';
import type { DesiredLine } from '../../domain/desired-line.ts';
import type { ConnectionCheck, PhoneSystem, SyncOutcome } from '../../services/phone-system.ts';
import type { ZoomClient } from './client.ts';
import { settle, ZoomCredentialsRefused, type ZoomRefusal, ZoomUnavailable } from './errors.ts';
import {
  type AccountReads,
  loggableCall,
  type PersonReads,
  planReconcile,
  readContext,
  readSnapshot,
  type ZoomCall,
} from './plan/index.ts';
import { readZoomAccount } from './read-account.ts';

export type ZoomAdapterOptions = {
  client: ZoomClient;
  logger: { debug(...message: unknown[]): void; warn(...message: unknown[]): void };
  /** How long to wait before looking again while Zoom creates a line (it takes seconds to minutes). */
  creationPollMs?: number;
  /** How long the account's sites and calling plans, read for one person, serve the next ones. */
  contextTtlMs?: number;
};

/** Plans that need a first step's result (a new line, a new address id) are read and planned again, this often. */
const MAX_ROUNDS = 4;

type Raw = { data?: unknown; error?: unknown; response: Response };

/**
 * Switchboard's phone-system port over Zoom Phone: reads what Zoom holds for the person, plans the calls that
 * close the difference (plan/), and sends them in order. A refusal ends the reconcile as `failed` with Zoom's code
 * and message; calls already sent stay sent, and the next reconcile starts from what Zoom then holds.
 */
export function zoomPhoneSystem(options: ZoomAdapterOptions): PhoneSystem {
  const { client, logger } = options;
  const creationPollMs = options.creationPollMs ?? 5000;
  const contextTtlMs = options.contextTtlMs ?? 5000;

  /** A read whose 404 means "there is none". Other refusals end the reconcile. */
  async function readOrNull(call: () => Promise<Raw>): Promise<unknown | null> {
    const raw = await call();
    if (raw.response.status === 404) return null;
    const result = settle(raw);
    if (!result.ok) throw new RefusedRead(result.refusal);
    return result.data;
  }

  /** Every page of a listing, as Zoom answered them. */
  async function pages(fetchPage: (token: string | undefined) => Promise<Raw>): Promise<unknown[]> {
    const all: unknown[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const result = settle(await fetchPage(token));
      if (!result.ok) throw new RefusedRead(result.refusal);
      all.push(result.data);
      const next = (result.data as { next_page_token?: string } | undefined)?.next_page_token;
      if (!next || seen.has(next)) return all;
      seen.add(next);
      token = next;
    }
  }

  async function readPerson(email: string): Promise<PersonReads> {
    const user = await readOrNull(() =>
      client.users.GET('/users/{userId}', { params: { path: { userId: email } } }),
    );
    const empty: PersonReads = {
      user,
      userSettings: null,
      phoneUser: null,
      phoneSettings: null,
      customizedNumbers: [],
      personalAddresses: [],
      blockedRules: [],
    };
    if (user === null) return empty;
    const userId = (user as { id: string }).id;
    const userSettings = await readOrNull(() =>
      client.users.GET('/users/{userId}/settings', { params: { path: { userId } } }),
    );
    const phoneUser = await readOrNull(() =>
      client.phone.GET('/phone/users/{userId}', { params: { path: { userId } } }),
    );
    if (phoneUser === null) return { ...empty, userSettings };
    const phoneSettings = await readOrNull(() =>
      client.phone.GET('/phone/users/{userId}/settings', { params: { path: { userId } } }),
    );
    const customizedNumbers = await pages((next_page_token) =>
      client.phone.GET('/phone/users/{userId}/outbound_caller_id/customized_numbers', {
        params: {
          path: { userId },
          query: { page_size: 300, ...(next_page_token ? { next_page_token } : {}) },
        },
      }),
    );
    const personalAddresses = await pages((next_page_token) =>
      client.phone.GET('/phone/emergency_addresses', {
        params: {
          query: { user_id: userId, page_size: 300, ...(next_page_token ? { next_page_token } : {}) },
        },
      }),
    );
    const extensionId = (phoneUser as { extension_id?: string }).extension_id;
    const blockedRules = extensionId
      ? await pages((next_page_token) =>
          client.phone.GET('/phone/extension/{extensionId}/inbound_blocked/rules', {
            params: {
              path: { extensionId },
              query: { page_size: 300, ...(next_page_token ? { next_page_token } : {}) },
            },
          }),
        )
      : [];
    return {
      user,
      userSettings,
      phoneUser,
      phoneSettings,
      customizedNumbers,
      personalAddresses,
      blockedRules,
    };
  }

  /**
   * Sites and calling plans are the same for everyone and read with Zoom's scarcer MEDIUM limit: read once for the
   * people reconciled within a few seconds, not once per person. A plan count that moved meanwhile only means Zoom
   * refuses an assignment the plan allowed, which ends as a refusal with Zoom's reason like any other.
   */
  let shared: { at: number; sites: unknown[]; callingPlans: unknown } | undefined;
  async function accountWide(): Promise<{ sites: unknown[]; callingPlans: unknown }> {
    if (shared && Date.now() - shared.at < contextTtlMs) return shared;
    const sites = await pages((next_page_token) =>
      client.phone.GET('/phone/sites', {
        params: { query: { page_size: 300, ...(next_page_token ? { next_page_token } : {}) } },
      }),
    );
    const callingPlans = (await readOrNull(() => client.phone.GET('/phone/calling_plans'))) ?? {};
    shared = { at: Date.now(), sites, callingPlans };
    return shared;
  }

  async function readAccount(desired: DesiredLine): Promise<AccountReads> {
    const { sites, callingPlans } = await accountWide();
    const line = desired.line;
    const wanted = new Set(line?.numbers ?? []);
    if (line?.settings.callerId.kind === 'number') wanted.add(line.settings.callerId.number);
    const numbers: unknown[] = [];
    for (const number of wanted) {
      numbers.push(
        ...(await pages((next_page_token) =>
          client.phone.GET('/phone/numbers', {
            params: {
              query: {
                type: 'all',
                phone_number: number,
                page_size: 100,
                ...(next_page_token ? { next_page_token } : {}),
              },
            },
          }),
        )),
      );
    }
    const assistants: AccountReads['assistants'] = [];
    for (const email of line?.assistants ?? []) {
      const phoneUser = await readOrNull(() =>
        client.phone.GET('/phone/users/{userId}', { params: { path: { userId: email } } }),
      );
      assistants.push({ email, phoneUser });
    }
    const devices: unknown[] = [];
    for (const phone of line?.deskPhones ?? []) {
      for (const type of ['assigned', 'unassigned'] as const) {
        devices.push(
          ...(await pages((next_page_token) =>
            client.phone.GET('/phone/devices', {
              params: {
                query: {
                  type,
                  keyword: phone.mac,
                  page_size: 300,
                  ...(next_page_token ? { next_page_token } : {}),
                },
              },
            }),
          )),
        );
      }
    }
    const siteId = line ? siteIdByName(sites, line.site.name) : undefined;
    const siteAddresses = siteId
      ? await pages((next_page_token) =>
          client.phone.GET('/phone/emergency_addresses', {
            params: {
              query: { site_id: siteId, page_size: 300, ...(next_page_token ? { next_page_token } : {}) },
            },
          }),
        )
      : [];
    return { sites, callingPlans, numbers, assistants, devices, siteAddresses };
  }

  async function send(call: ZoomCall): Promise<ZoomRefusal | undefined> {
    logger.debug(`zoom: ${loggableCall(call).purpose}`);
    const api = call.path.startsWith('/users') ? client.users : client.phone;
    const init = { params: call.params, ...(call.body !== undefined ? { body: call.body } : {}) };
    // The plan's calls are typed by their own union (checked against the documents in its tests); openapi-fetch
    // cannot narrow a union of paths, so the call goes through its untyped form.
    const request = api.request as unknown as (method: string, path: string, init: unknown) => Promise<Raw>;
    const result = settle(await request(call.method, call.path, init));
    return result.ok ? undefined : result.refusal;
  }

  /** Moves a line off its extension to a spare one of the same length, if one of a few tries is free. */
  async function stepAside(call: ZoomCall, current: string): Promise<void> {
    for (let attempt = 0; attempt < SPARE_TRIES; attempt++) {
      const spare = spareExtension(current.length);
      if (spare === current) continue;
      const parked = {
        ...call,
        body: { extension_number: spare },
        purpose: `move to spare extension ${spare}`,
      };
      if (!(await send(parked as ZoomCall))) return;
    }
  }

  return {
    name: 'Zoom Phone',

    async reconcile(desired: DesiredLine): Promise<SyncOutcome> {
      // A refused write is read back once before it counts: Zoom refuses a repeat of a call it had carried out
      // (an answer lost to a timeout, a restart between the call and the record of it) as it would a real refusal,
      // and the read shows which it was. The same call planned again after the read is the refusal.
      let refusedOnce: { key: string; refusal: ZoomRefusal; purpose: string } | undefined;
      try {
        rounds: for (let round = 0; round < MAX_ROUNDS; round++) {
          const snapshot = readSnapshot(await readPerson(desired.email));
          const context = readContext(await readAccount(desired));
          const plan = planReconcile(desired, snapshot, context);
          if (plan.kind === 'refuse') {
            return { state: 'failed', code: plan.code, message: plan.reason, reason: plan.reason };
          }
          if (plan.kind === 'wait') {
            return { state: 'pending', reason: plan.reason, retryInMs: creationPollMs };
          }
          for (const call of plan.calls) {
            if (refusedOnce?.key === callKey(call)) return refused(refusedOnce.refusal, refusedOnce.purpose);
            const refusal = await send(call);
            if (refusal) {
              shared = undefined;
              const held = extensionHeld(call, refusal);
              if (held) {
                // Two lines may each hold the other's extension (a swap, or Zoom's own picks for new lines):
                // stepping aside to a spare extension lets the other line take this one's, and this one takes its
                // own on the next try.
                const current = snapshot.phoneUser?.extensionNumber;
                if (current && current !== desired.line?.extension) await stepAside(call, current);
                return { state: 'pending', reason: held, retryInMs: EXTENSION_RETRY_MS };
              }
              if (refusedOnce) return refused(refusal, call.purpose);
              refusedOnce = { key: callKey(call), refusal, purpose: call.purpose };
              continue rounds;
            }
          }
          if (plan.complete) return { state: 'in_sync', notApplied: plan.notes };
        }
        if (refusedOnce) return refused(refusedOnce.refusal, refusedOnce.purpose);
        return {
          state: 'pending',
          reason: 'Zoom Phone has not finished setting up this line yet.',
          retryInMs: creationPollMs,
        };
      } catch (error) {
        if (error instanceof RefusedRead) return refused(error.refusal, 'read the line');
        throw error;
      }
    },

    readAccount: (progress, options) => readZoomAccount(client, progress, options),

    async connection(): Promise<ConnectionCheck> {
      try {
        await client.verifyCredentials();
        const plans = settle(await client.phone.GET('/phone/calling_plans'));
        if (!plans.ok)
          return { ok: false, reason: `Zoom Phone refused to list calling plans: ${plans.refusal.message}` };
        return { ok: true, account: 'Zoom Phone', detail: 'credentials accepted, Phone API reachable' };
      } catch (error) {
        if (error instanceof ZoomCredentialsRefused) {
          return { ok: false, reason: `Zoom refused the app's credentials: ${error.reason}` };
        }
        if (error instanceof ZoomUnavailable)
          return { ok: false, reason: `Zoom did not answer: ${error.message}` };
        throw error;
      }
    },
  };
}

/** A call as Zoom receives it: the same key planned twice is the same request sent twice. */
const callKey = (call: ZoomCall) =>
  `${call.method} ${call.path} ${JSON.stringify(call.params ?? {})} ${JSON.stringify(call.body ?? null)}`;

const SPARE_TRIES = 3;

/** A spare extension: 9 followed by random digits, the length of the line's own. */
function spareExtension(length: number): string {
  const digits = Math.max(1, length - 1);
  return `9${String(randomInt(10 ** digits)).padStart(digits, '0')}`;
}

/** How long a line waits for an extension another line still holds in Zoom Phone. */
const EXTENSION_RETRY_MS = 10_000;

/**
 * Zoom gives a new line an extension of its own choosing, often one Switchboard wants for someone else, and a
 * swap or a cycle of extensions passes through such states too: an extension taken by another line is a wait for
 * that line's own reconcile to move it, not a refusal. Returns the reason to show meanwhile.
 */
function extensionHeld(call: ZoomCall, refusal: ZoomRefusal): string | undefined {
  if (call.label !== 'phone_user.update') return undefined;
  const extension = (call.body as { extension_number?: string } | undefined)?.extension_number;
  if (!extension) return undefined;
  if (refusal.status !== 409 && !/\b(taken|in use|already (exists|used|assigned))\b/i.test(refusal.message)) {
    return undefined;
  }
  return `extension ${extension} is still held by another line in Zoom Phone; tried again once that line moves`;
}

class RefusedRead extends Error {
  constructor(readonly refusal: ZoomRefusal) {
    super(refusal.message);
  }
}

function refused(refusal: ZoomRefusal, purpose: string): SyncOutcome {
  const detail = refusal.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  const message = detail ? `${refusal.message} (${detail})` : refusal.message;
  return {
    state: 'failed',
    code: refusal.code === undefined ? `HTTP_${refusal.status}` : String(refusal.code),
    message,
    reason: `Zoom Phone refused to ${purpose}: ${message}`,
  };
}

function siteIdByName(pages: unknown[], name: string): string | undefined {
  for (const page of pages) {
    for (const site of (page as { sites?: { id: string; name: string }[] }).sites ?? []) {
      if (site.name.toLowerCase() === name.toLowerCase()) return site.id;
    }
  }
  return undefined;
}
