/**
 * `/phone show <ext>` under load: 20 keep-alive connections, each sending signed slash commands back to back for
 * 10 s (after a 2 s warm-up), against the real app on each database engine and against two baselines started the
 * same way (npm start's node flags, Bolt's HTTPReceiver on a plain node:http server, the same signing secret): a
 * bare Bolt app that only acknowledges, and on each engine the floor, a Bolt app that reads the phone user's row
 * by extension with one indexed query (prepared, through the same drivers as the app) and answers a small card in
 * the acknowledgement. Latency is what Slack sees: from sending the request to the end of
 * the acknowledgement. The app answers a lookup in the acknowledgement when it has the card within a second, else
 * afterwards through the response_url: the acknowledgements that carried a card are counted, and the replies
 * that reached the Slack stand-in too (when the load stopped, and once they stopped coming).
 *
 * The stand-in issues a response_url only inside the command it sends, so the commands are written by the
 * stand-in (`slash`), caught on their way to a throwaway endpoint, and replayed by the load generator with fresh
 * signatures. Slack lets a response_url be used 5 times; each caught command is replayed at most that often.
 *
 * This file is also the other processes: `bench/show.ts bare-app` and `bench/show.ts floor-app` are the baseline
 * servers and `bench/show.ts load <spec.json>` the load generator, each in its own process so that none shares an
 * event loop with the server it measures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type AllMiddlewareArgs, App, HTTPReceiver, type SlackCommandMiddlewareArgs } from '@slack/bolt';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { phoneUsers } from '../db/schema/index.ts';
import { loadConfig } from '../src/config.ts';
import { type FakeSlack, slackSignature, startFakeSlack } from '../src/local/index.ts';
import { createLogger } from '../src/logger.ts';
import {
  type AppProcess,
  addToWorkspace,
  benchPerson,
  type Engine,
  freshDatabase,
  npmStart,
  processMemory,
  ROOT,
  seedPhoneUsers,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from './app-process.ts';

const ADMIN = 'UBENCHADM1';
const CHANNEL = 'CBENCHSHW1';
const CREDENTIALS = { botToken: 'xoxb-bench-show-000', signingSecret: 'bench-show-secret-000' };
const PEOPLE = 500;
const CONNECTIONS = 20;
const WARMUP_MS = 2_000;
const DURATION_MS = 10_000;
/** Caught commands; with 5 uses each, enough for 1,600 requests/s over warm-up and run. */
const COMMANDS = 4_000;
const RESPONSE_URL_USES = 5;
const THIS_FILE = fileURLToPath(import.meta.url);
const FORM = 'application/x-www-form-urlencoded';

export type LoadFigures = {
  /** Requests started in the measured 10 s. */
  requests: number;
  /** Requests of the warm-up, not in the figures. */
  warmupRequests: number;
  /** Every 200 answer, warm-up included: each one should get a reply. */
  acknowledged: number;
  /** Acknowledgements that carried the answer (the card) themselves, warm-up included. */
  answeredInAck: number;
  /** Answers other than 200, and requests that got no answer. */
  errors: number;
  statuses: Record<string, number>;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
};

export type ShowRow = {
  server: string;
  database: string;
  load: LoadFigures;
  /** The cards the stand-in showed the admin: expected (one per 200), when the load stopped, in the end. */
  replies?: { expected: number; whenLoadStopped: number; total: number; lastArrivedAfterMs: number };
  /** What the stand-in refused (a spent response_url, a malformed message). */
  violations: string[];
  /** Lines the server wrote to stderr: it logs only errors and warnings. */
  serverErrorLines: number;
  serverErrorSample: string[];
  peakRssMb: number;
};

export type ShowFigures = {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  phoneUsers: number;
  rows: ShowRow[];
};

type LoadSpec = {
  url: string;
  signingSecret: string;
  bodies: string[];
  connections: number;
  warmupMs: number;
  durationMs: number;
};

/** A phone card, as the admin reads it (in a reply's text, or in an acknowledgement's JSON). */
const isCard = (text: string) => /: extension \d+, /.test(text);

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One signed POST on a kept-alive connection; resolves with the status (0 when no answer came) and the body. */
function post(
  agent: Agent,
  url: URL,
  body: string,
  signingSecret: string,
): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': FORM,
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, body),
  };
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', () => resolve({ status: 0, body: '' }));
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.once('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

/** The load generator: `connections` loops, each sending the next command as soon as the last was answered. */
async function generateLoad(spec: LoadSpec): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let warmupRequests = 0;
  let acknowledged = 0;
  let answeredInAck = 0;
  const measureFrom = performance.now() + spec.warmupMs;
  const end = measureFrom + spec.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const body = spec.bodies[next++ % spec.bodies.length] as string;
      const started = performance.now();
      const { status, body: answer } = await post(agent, url, body, spec.signingSecret);
      const ms = performance.now() - started;
      if (status === 200) acknowledged += 1;
      if (status === 200 && isCard(answer)) answeredInAck += 1;
      if (started < measureFrom) {
        warmupRequests += 1;
        continue;
      }
      latencies.push(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    warmupRequests,
    acknowledged,
    answeredInAck,
    errors: latencies.length - (statuses['200'] ?? 0),
    statuses,
    requestsPerSecond: latencies.length / (spec.durationMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}

/** Runs the load generator in its own process and returns what it measured. */
async function loadFromOwnProcess(spec: LoadSpec): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-load-'));
  const specFile = join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  try {
    const child = spawn(process.execPath, [...npmStart().nodeFlags, THIS_FILE, 'load', specFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`the load generator exited with ${code}`);
    return JSON.parse(out) as LoadFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `count` slash commands as the stand-in sends them, each with its own response_url, caught by a throwaway
 * endpoint that acknowledges with an empty 200 (so the stand-in shows nothing).
 */
async function caughtCommands(slack: FakeSlack, texts: string[]): Promise<string[]> {
  const bodies: string[] = [];
  const catcher = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req).then((body) => {
      bodies.push(body);
      res.writeHead(200).end();
    });
  });
  const port = await listen(catcher);
  slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
  try {
    for (const text of texts) await slack.slash({ user: ADMIN, channel: CHANNEL, text });
  } finally {
    await closeServer(catcher);
  }
  return bodies;
}

/** Replies the admin has seen in the channel that are phone cards. */
const cardsShown = (slack: FakeSlack) =>
  slack.ephemerals(ADMIN, CHANNEL).filter((e) => isCard(e.text)).length;

/** Waits until every expected reply has arrived, or none has for 5 s; returns the count and the last arrival. */
async function drainReplies(slack: FakeSlack, expected: number, stoppedAt: number) {
  let total = cardsShown(slack);
  let lastArrivedAt = stoppedAt;
  const whenLoadStopped = total;
  const giveUp = performance.now() + 120_000;
  while (total < expected && performance.now() < giveUp && performance.now() - lastArrivedAt < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cardsShown(slack);
    if (now > total) lastArrivedAt = performance.now();
    total = now;
  }
  return { expected, whenLoadStopped, total, lastArrivedAfterMs: Math.max(0, lastArrivedAt - stoppedAt) };
}

type Target = {
  server: string;
  database: string;
  /** Starts the server against the stand-in; returns it and the extensions `show` may ask for. */
  start: (slack: FakeSlack) => Promise<{ app: AppProcess; extensions: string[]; drop: () => Promise<void> }>;
  answers: boolean;
};

async function measure(target: Target): Promise<ShowRow> {
  const slack = await startFakeSlack(CREDENTIALS);
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  const { app, extensions, drop } = await target.start(slack);
  try {
    const texts = Array.from({ length: COMMANDS }, (_, i) => `show ${extensions[i % extensions.length]}`);
    const bodies = await caughtCommands(slack, texts);
    slack.setRequestUrl(app.requestUrl);
    const load = await loadFromOwnProcess({
      url: app.requestUrl,
      signingSecret: CREDENTIALS.signingSecret,
      bodies,
      connections: CONNECTIONS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
    });
    const stoppedAt = performance.now();
    if (target.answers && load.requests + load.warmupRequests > bodies.length * RESPONSE_URL_USES) {
      process.stdout.write(
        `  more requests than response_url uses (${bodies.length} × ${RESPONSE_URL_USES}): raise COMMANDS\n`,
      );
    }
    const owed = load.acknowledged - load.answeredInAck;
    const replies = target.answers ? await drainReplies(slack, owed, stoppedAt) : undefined;
    const peak = processMemory(app.pid).peakRssMb;
    return {
      server: target.server,
      database: target.database,
      load,
      ...(replies ? { replies } : {}),
      violations: slack.violations().slice(0, 5),
      serverErrorLines: app.stderrLines(),
      serverErrorSample: app.stderrSample().slice(0, 3),
      peakRssMb: peak,
    };
  } finally {
    await stopAppProcess(app.child);
    await drop();
    await slack.stop();
  }
}

const bareApp: Target = {
  server: 'Bare Bolt app (ack only)',
  database: '–',
  answers: false,
  start: async (slack) => {
    const app = await startAppProcess(
      {
        SLACK_BOT_TOKEN: CREDENTIALS.botToken,
        SLACK_SIGNING_SECRET: CREDENTIALS.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'error',
      },
      { entry: THIS_FILE, args: ['bare-app'], echo: false },
    );
    const extensions = Array.from({ length: PEOPLE }, (_, i) => String(1000 + i));
    return { app, extensions, drop: async () => {} };
  },
};

/** The people of a run, licensed in a fresh database on `engine`; the extensions they were given. */
async function seededDatabase(engine: Engine, slack: FakeSlack) {
  const people = Array.from({ length: PEOPLE }, (_, i) => benchPerson('SHOW', i));
  for (const person of people) addToWorkspace(slack, person);
  let extensions: string[] = [];
  const database = await freshDatabase(engine, async (handle) => {
    extensions = await seedPhoneUsers(handle, [ADMIN], people);
  });
  return { database, extensions };
}

/** Starts `entry` (with `args`) on a seeded database; the database is dropped if it does not start. */
function onSeededDatabase(engine: Engine, entry: { entry?: string; args?: string[] }): Target['start'] {
  return async (slack) => {
    const { database, extensions } = await seededDatabase(engine, slack);
    try {
      const app = await startAppProcess(switchboardEnv(slack, CREDENTIALS, [ADMIN], database), {
        ...entry,
        echo: false,
      });
      return { app, extensions, drop: database.drop };
    } catch (error) {
      await database.drop();
      throw error;
    }
  };
}

export const FLOOR = 'One-query Bolt app (floor)';

function floorApp(engine: Engine): Target {
  return {
    server: FLOOR,
    database: engine.name,
    answers: false,
    start: onSeededDatabase(engine, { entry: THIS_FILE, args: ['floor-app'] }),
  };
}

function switchboard(engine: Engine): Target {
  return { server: 'Switchboard', database: engine.name, answers: true, start: onSeededDatabase(engine, {}) };
}

/**
 * The bare app first, then on each engine the floor and the app, one after the other (the machine has few cores).
 */
export async function benchShow(engines: Engine[]): Promise<ShowFigures> {
  const rows: ShowRow[] = [];
  const targets = [bareApp, ...engines.flatMap((engine) => [floorApp(engine), switchboard(engine)])];
  for (const target of targets) {
    process.stdout.write(
      `  /phone show: ${target.server}${target.database === '–' ? '' : ` on ${target.database}`}…\n`,
    );
    rows.push(await measure(target));
  }
  return {
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_MS / 1000,
    seconds: DURATION_MS / 1000,
    phoneUsers: PEOPLE,
    rows,
  };
}

/**
 * A baseline server: what src/slack/app.ts sets up (the same config parsing, logger, HTTPReceiver, plain
 * node:http server with /healthz, deferred init), with `listen` as its one `/phone` listener.
 */
async function serveBolt(
  listen: (args: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  if (config.slack.kind !== 'http')
    throw new Error('a baseline app needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
  const logger = createLogger(config.logLevel, [config.slack.botToken, config.slack.signingSecret]);
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    endpoints: '/slack/events',
    logger,
  });
  const app = new App({
    token: config.slack.botToken,
    logger,
    logLevel: logger.getLevel(),
    clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {},
    deferInitialization: true,
    receiver,
  });
  app.command('/phone', listen);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?')[0] === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    void receiver.requestListener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  await app.init();
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/** The bare baseline: it only acknowledges. */
const serveBareApp = () =>
  serveBolt(async ({ ack }) => {
    await ack();
  });

/**
 * The floor: the app's database (its config, driver and pool) and one prepared, indexed query per command (the
 * phone user's row by its unique extension), answered as a small card in the acknowledgement.
 */
async function serveFloorApp(): Promise<void> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  const byExtension = handle.db
    .select({
      id: phoneUsers.id,
      extension: phoneUsers.extension,
      siteId: phoneUsers.siteId,
      status: phoneUsers.status,
    })
    .from(phoneUsers)
    .where(eq(phoneUsers.extension, sql.placeholder('extension')))
    .prepare('floor_phone_user');
  await serveBolt(async ({ ack, command }) => {
    const extension = command.text.trim().split(/\s+/)[1] ?? '';
    const [row] = await byExtension.execute({ extension });
    if (!row)
      return void (await ack({ response_type: 'ephemeral', text: `No phone user has ${extension}.` }));
    const text = `Phone user ${row.id}: extension ${row.extension}, site ${row.siteId}, ${row.status}`;
    await ack({
      response_type: 'ephemeral',
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `Phone user ${row.id}` } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: `*Extension*\n${row.extension}` },
            { type: 'mrkdwn', text: `*Status*\n${row.status}` },
          ],
        },
      ],
    });
  });
}

const role = process.argv[1] === THIS_FILE ? process.argv[2] : undefined;
if (role === 'bare-app') await serveBareApp();
if (role === 'floor-app') await serveFloorApp();
if (role === 'load') {
  const spec = JSON.parse(readFileSync(process.argv[3] as string, 'utf8')) as LoadSpec;
  process.stdout.write(JSON.stringify(await generateLoad(spec)));
}
