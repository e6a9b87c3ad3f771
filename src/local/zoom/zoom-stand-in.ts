import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../clock.ts';
import { readBody } from '../http-io.ts';
import { waitFor } from '../wait-for.ts';
import { ZoomAccount } from './account.ts';
import { PLAN_NAMES } from './catalog.ts';
import { contractOf } from './contract.ts';
import { type ZoomError, zoomErrors } from './errors.ts';
import { addFault, addHang, type FailFault, type HangFault, take } from './faults.ts';
import { ZoomIds } from './ids.ts';
import { TokenIssuer } from './oauth.ts';
import { CATEGORY, RateLimits, type Refusal } from './rate-limits.ts';
import { matchRoute, type Reply } from './routes/index.ts';
import { snapshotOf } from './snapshot.ts';
import type {
  CallInfo,
  CallMatch,
  HangOptions,
  RequestRecord,
  Violation,
  ZoomStandIn,
  ZoomStandInOptions,
} from './types.ts';

const API_PREFIX = '/v2';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const errorBody = ({ code, message, errors }: ZoomError) =>
  errors ? { code, message, errors } : { code, message };
const errorAnswer = (e: ZoomError): Answer => ({ status: e.status, body: errorBody(e) });

function rateLimitAnswer(refusal: Refusal): Answer {
  const e = zoomErrors.rateLimited();
  return {
    status: 429,
    body: errorBody(e),
    headers: {
      'x-ratelimit-category': CATEGORY[refusal.label],
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': String(refusal.limit),
      'x-ratelimit-remaining': '0',
      'retry-after': new Date(refusal.retryAt).toUTCString(),
    },
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts a local Zoom on 127.0.0.1: Server-to-Server OAuth at `/oauth/token` and the Phone and Users operations
 * Switchboard calls under `/v2`, with one account kept in memory. Every request and every answer is checked
 * against the committed Zoom documents; what they forbid is refused (requests) and recorded as a violation.
 */
export async function startZoomStandIn(options: ZoomStandInOptions = {}): Promise<ZoomStandIn> {
  const clock: Clock = options.clock ?? systemClock;
  const ids = new ZoomIds();
  const credentials = {
    accountId: options.accountId ?? 'local-zoom-account',
    clientId: options.clientId ?? 'local-zoom-client',
    clientSecret: options.clientSecret ?? ids.token(),
  };
  const account = new ZoomAccount(ids, clock, {
    creationDelayMs: options.creationDelayMs ?? 0,
    mainSiteExtensionLength: options.mainSiteExtensionLength ?? 4,
  });
  const tokens = new TokenIssuer(ids, clock, credentials, options.tokenLifetimeSeconds ?? 3600);
  const limits = new RateLimits(clock, options.plan ?? 'business', options.rateLimits);
  const violations: Violation[] = [];
  const log: RequestRecord[] = [];
  const failures: FailFault[] = [];
  const hangs: HangFault[] = [];
  const throttles: FailFault[] = [];
  let down = false;
  let stopping: Promise<void> | undefined;

  const violate = (kind: Violation['kind'], operation: string, errors: Violation['errors']) =>
    violations.push({ kind, operation, errors, at: clock.now() });

  async function answerApi(req: IncomingMessage, url: URL, call: CallInfo): Promise<Answer> {
    const method = req.method ?? 'GET';
    const matched = matchRoute(method, call.path);
    if (!matched) {
      violate('unknown-operation', `${method} ${call.path}`, []);
      return errorAnswer(zoomErrors.noSuchOperation(method, call.path));
    }
    const { route } = matched;
    const contract = contractOf(route.doc, route.method, route.template);
    call.template = route.template;
    call.label = contract.label;
    const operation = `${route.method} ${route.template}`;
    if (!tokens.isValid(req)) return errorAnswer(zoomErrors.invalidToken());
    if (call.label) {
      const forced = take(throttles, call);
      const refusal = forced ? limits.refuse(route.doc, call.label) : limits.take(route.doc, call.label);
      if (refusal) return rateLimitAnswer(refusal);
    }
    const text = (await readBody(req)).toString('utf8');
    const parsed = parseJson(text);
    if (!parsed.ok) return errorAnswer(zoomErrors.badJson());
    const { values, errors: paramErrors } = contract.checkParams(matched.path, url.searchParams);
    const errors = [...paramErrors, ...contract.checkBody(parsed.value)];
    if (errors.length > 0) {
      violate('request', operation, errors);
      return errorAnswer(zoomErrors.validation(errors));
    }
    const run = (): Answer => {
      let reply: Reply | ZoomError;
      try {
        reply = route.handle({
          account,
          params: values,
          body: parsed.value,
          accountId: credentials.accountId,
        });
      } catch (error) {
        // A bug of the stand-in must fail the tests that meet it, not pass for a Zoom answer.
        violate('stand-in-error', operation, [{ field: '(stand-in)', message: String(error) }]);
        return errorAnswer(zoomErrors.serverError(500));
      }
      if ('code' in reply) return errorAnswer(reply);
      const responseErrors = contract.checkResponse(reply.status, reply.body);
      if (responseErrors.length > 0) violate('response', operation, responseErrors);
      return reply;
    };
    const failure = take(failures, call);
    if (failure) {
      if (failure.applied) run();
      return errorAnswer(zoomErrors.serverError(failure.status));
    }
    const hang = take(hangs, call);
    if (hang) {
      hang.holding += 1;
      const done = hang.applied ? run() : undefined;
      await hang.released;
      hang.holding -= 1;
      // Stopping drops a held call: it must not take effect after the stand-in is gone.
      if (stopping) return errorAnswer(zoomErrors.unavailable());
      return done ?? run();
    }
    return run();
  }

  async function answer(req: IncomingMessage, url: URL, call: CallInfo): Promise<Answer> {
    if (down) return errorAnswer(zoomErrors.unavailable());
    if (call.path === '/oauth/token' && req.method === 'POST') {
      const text = (await readBody(req)).toString('utf8');
      const form = new URLSearchParams(text);
      for (const [key, value] of url.searchParams) if (!form.has(key)) form.set(key, value);
      return tokens.issue(req, form);
    }
    if (!call.path.startsWith(`${API_PREFIX}/`)) {
      violate('unknown-operation', `${req.method} ${call.path}`, []);
      return errorAnswer(zoomErrors.noSuchOperation(req.method ?? 'GET', call.path));
    }
    call.path = call.path.slice(API_PREFIX.length);
    return answerApi(req, url, call);
  }

  // Idle connections are left for the client to close: a server that closes them races a client reusing one, and
  // on a busy machine the client loses (ECONNRESET). The stand-in serves local clients only, and stop() closes all.
  const server = createServer();
  server.keepAliveTimeout = 0;
  const port = await listen(server, options.port ?? 0);
  const baseUrl = `http://127.0.0.1:${port}`;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const trackingId = ids.trackingId();
    const url = new URL(req.url ?? '/', baseUrl);
    const call: CallInfo = {
      method: req.method ?? 'GET',
      path: url.pathname,
      template: url.pathname,
      label: null,
    };
    answer(req, url, call)
      .catch((error: unknown): Answer => {
        violate('stand-in-error', `${call.method} ${call.path}`, [
          { field: '(stand-in)', message: String(error) },
        ]);
        return errorAnswer(zoomErrors.serverError(500));
      })
      .then((a) => {
        log.push({
          method: call.method,
          path: call.path,
          template: call.template,
          label: call.label,
          status: a.status,
          trackingId,
          token: tokens.ordinal(req),
          at: clock.now(),
        });
        if (res.destroyed || res.writableEnded) return;
        const headers = { 'x-zm-trackingid': trackingId, ...a.headers };
        if (a.body === undefined) {
          res.writeHead(a.status, { ...headers, 'content-length': '0' });
          res.end();
        } else {
          res.writeHead(a.status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
          res.end(JSON.stringify(a.body));
        }
      });
  });

  return {
    apiUrl: `${baseUrl}${API_PREFIX}`,
    oauthUrl: `${baseUrl}/oauth/token`,
    baseUrl,
    ...credentials,
    mainSiteId: account.mainSiteId,

    seedUsers: (users) =>
      users.map((u) => {
        if (account.findUser(u.email)) throw new Error(`zoom stand-in: ${u.email} is seeded twice`);
        const user = account.addUser(u.email, u.firstName, u.lastName);
        if (u.zoomPhone) {
          user.zoomPhone = true;
          const chosen = typeof u.zoomPhone === 'object' ? u.zoomPhone : {};
          const line = account.createPhoneUser(user, chosen.extensionNumber, chosen.siteId);
          const refused =
            (chosen.plans && account.assignPlans(line, chosen.plans)) ||
            (chosen.numbers && account.assignNumbers(line, chosen.numbers));
          if (refused && 'code' in refused) throw new Error(`zoom stand-in: ${u.email}: ${refused.message}`);
          const { blocked = [], ...settings } = chosen.settings ?? {};
          Object.assign(line.settings, structuredClone(settings));
          for (const blockedNumber of blocked) {
            line.blockedRules.push({
              id: account.newId('br'),
              matchType: 'phoneNumber',
              blockedNumber,
              type: 'block_for_other_reasons',
            });
          }
        }
        return { id: user.id, email: user.email };
      }),
    seedNumbers: (numbers) =>
      numbers.map((n) => {
        const {
          number,
          siteId = account.mainSiteId,
          autoReceptionist = false,
        } = typeof n === 'string' ? { number: n } : n;
        if (account.findNumber(number)) throw new Error(`zoom stand-in: ${number} is seeded twice`);
        const id = ids.next('pn');
        const autoReceptionistOf = autoReceptionist ? siteId : null;
        account.numbers.set(id, { id, number, siteId, assignee: null, autoReceptionistOf });
        return { id, number };
      }),
    seedPlans: (plans) => {
      for (const p of plans) {
        const existing = account.plans.get(p.type);
        const name = p.name ?? PLAN_NAMES[p.type] ?? `Calling plan ${p.type}`;
        account.plans.set(p.type, {
          type: p.type,
          name,
          subscribed: p.subscribed,
          assigned: existing?.assigned ?? 0,
        });
      }
    },
    seedSite: (site) => {
      const created = account.addSite(site, {
        address_line1: '1 Local Street',
        city: 'San Jose',
        country: 'US',
        state_code: 'CA',
        zip: '95113',
      });
      return { id: created.id, name: created.name };
    },

    seedCallQueue: (queue) => {
      const memberIds = queue.members.map((email) => {
        const user = account.findUser(email);
        if (!user || !account.phoneUsers.has(user.id)) throw new Error(`zoom stand-in: ${email} has no line`);
        return user.id;
      });
      const created = account.addCallQueue({
        name: queue.name,
        extensionNumber: queue.extensionNumber,
        siteId: queue.siteId ?? account.mainSiteId,
        memberIds,
      });
      return { id: created.id };
    },

    seedAutoReceptionist: (receptionist) => {
      const operator = receptionist.operator ? account.findUser(receptionist.operator) : undefined;
      if (receptionist.operator && (!operator || !account.phoneUsers.has(operator.id)))
        throw new Error(`zoom stand-in: ${receptionist.operator} has no line`);
      const created = account.addAutoReceptionist({
        name: receptionist.name,
        extensionNumber: receptionist.extensionNumber,
        siteId: receptionist.siteId ?? account.mainSiteId,
        operatorId: operator?.id ?? null,
      });
      return { id: created.id };
    },

    snapshot: () => snapshotOf(account),
    violations: () => structuredClone(violations),
    requests: () => structuredClone(log),
    rateLimited: () => ({ ...limits.refused }),
    waitFor: (probe, opts) =>
      waitFor(
        probe,
        opts,
        () =>
          `recent Zoom calls: ${log
            .slice(-5)
            .map((r) => `${r.method} ${r.path} ${r.status}`)
            .join(', ')}`,
      ),

    failNext: (times, o = {}) =>
      addFault(failures, {
        left: times,
        status: o.status ?? 500,
        applied: o.applied ?? false,
        ...(o.match === undefined ? {} : { match: o.match }),
      }),
    hangNext: (times: number, o: HangOptions | CallMatch = {}) =>
      addHang(hangs, times, typeof o === 'string' || typeof o === 'function' ? { match: o } : o),
    outage: (on) => {
      down = on;
    },
    expireTokens: () => tokens.expireAll(),
    throttle: (label, times = 1) =>
      addFault(throttles, { left: times, status: 429, applied: false, match: (c) => c.label === label }),
    setRateLimit: (label, perWindow) => limits.set(label, perWindow),
    setCreationDelay: (ms) => {
      account.creationDelayMs = ms;
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve, reject) => {
        for (const hang of hangs) hang.release();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
