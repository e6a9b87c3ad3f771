/**
 * `npm run soak`: mixed traffic at a steady rate against the app on PostgreSQL, as `npm start` runs it, for
 * SOAK_MINUTES (10) at SOAK_RATE operations a second (8): lookups, lists, settings changes by command, the settings
 * form opened by command and a section submitted, CSV update files uploaded and imported by button, and exports.
 * Every 30 s it prints and records the latency percentiles of the operations that finished in that window and
 * the app's memory; at the end it says whether memory kept growing and whether p99 drifted, and writes
 * bench/soak-results.json. Each operation is timed from its first request to what the admin waits for (the card,
 * the channel message, the form, the import's summary, the file).
 *
 * Operations start on a fixed schedule, whatever the app's speed, so a slower app shows as longer latencies and,
 * once all admins are busy, as operations the schedule had to skip (each admin does one thing at a time, as a
 * person does).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { type FakeSlack, type Message, startFakeSlack, type View } from '../src/local/index.ts';
import { ACTIONS } from '../src/slack/ids.ts';
import { VOICEMAIL_BLOCKS } from '../src/slack/views/settings/voicemail-form.ts';
import {
  addToWorkspace,
  benchPerson,
  freshDatabase,
  processMemory,
  seedPhoneUsers,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from './app-process.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 8);
const WINDOW_MS = 30_000;
const PEOPLE = 300;
const ADMINS = Array.from({ length: 12 }, (_, i) => `USOAKADM${String(i).padStart(2, '0')}`);
const CREDENTIALS = { botToken: 'xoxb-soak-token-000', signingSecret: 'soak-signing-secret-000' };
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** What an operation may take before it counts as failed. */
const GIVE_UP_MS = 60_000;
/** Memory is judged after the first two minutes, once caches, pools and the JIT have settled. */
const SETTLE_MS = 120_000;

type Kind = 'show' | 'list' | 'change' | 'form' | 'import' | 'export';
const MIX: [Kind, number][] = [
  ['show', 40],
  ['list', 10],
  ['change', 20],
  ['form', 15],
  ['import', 10],
  ['export', 5],
];

type Done = { kind: Kind; ms: number; ok: boolean; at: number };

type Window = {
  endsAtSeconds: number;
  seconds: number;
  operations: number;
  failed: number;
  skipped: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  byKind: Partial<Record<Kind, { n: number; p50Ms: number; p99Ms: number }>>;
  rssMb: number;
  anonMb: number;
};

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};

const visible = (m: { text: string; blocks?: unknown[] }) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`;

function buttonOf(message: Message, label: RegExp) {
  for (const block of (message.blocks ?? []) as { elements?: Record<string, unknown>[] }[]) {
    for (const element of block.elements ?? []) {
      const text = (element.text as { text?: string } | undefined)?.text ?? '';
      if (element.type === 'button' && label.test(text))
        return { actionId: String(element.action_id), value: element.value as string | undefined };
    }
  }
  return undefined;
}

/** One admin at work: what each kind of operation sends, and what it waits for before it is done. */
/** A phone user of the soak, with the settings the operations flip, so that every change is a change. */
type Person = {
  id: string;
  email: string;
  extension: string;
  ringMode?: string;
  language?: string;
  areaCode?: string;
};

function operations(slack: FakeSlack, people: Person[]) {
  let turn = 0;
  const someone = () => people[turn++ % people.length] as (typeof people)[number];
  const waitFor = <T>(probe: () => T | undefined | false) => slack.waitFor(probe, { timeoutMs: GIVE_UP_MS });

  async function closeAll(admin: string) {
    for (let view = slack.openViews(admin).at(-1); view; view = slack.openViews(admin).at(-1)) {
      await slack.closeView({ user: admin, viewId: view.id });
    }
  }

  const run: Record<Kind, (admin: string, channel: string) => Promise<boolean>> = {
    async show(admin, channel) {
      const ack = await slack.slash({ user: admin, channel: channel, text: `show ${someone().extension}` });
      if (ack.status !== 200) return false;
      // The card comes in the acknowledgement, or after it through the response_url.
      if (ack.body.includes('Extension')) return true;
      const before = slack.ephemerals(admin, channel).length;
      await waitFor(() => slack.ephemerals(admin, channel).length > before);
      return true;
    },
    async list(admin, channel) {
      const before = slack.ephemerals(admin, channel).length;
      const ack = await slack.slash({ user: admin, channel: channel, text: 'list site:Main' });
      if (ack.status !== 200) return false;
      await waitFor(() => slack.ephemerals(admin, channel).length > before);
      return true;
    },
    async change(admin, channel) {
      const person = someone();
      const ringMode = person.ringMode === 'sequential' ? 'simultaneous' : 'sequential';
      person.ringMode = ringMode;
      const from = slack.messages(channel).length;
      const ack = await slack.slash({
        user: admin,
        channel: channel,
        text: `set <@${person.id}> ring-mode=${ringMode}`,
      });
      if (ack.status !== 200) return false;
      await waitFor(() =>
        slack
          .messages(channel)
          .slice(from)
          .find((m) => visible(m).includes(person.id)),
      );
      return true;
    },
    async form(admin, channel) {
      await closeAll(admin);
      const person = someone();
      const ack = await slack.slash({ user: admin, channel: channel, text: `settings <@${person.id}>` });
      if (ack.status !== 200) return false;
      const summary = await waitFor(() => slack.openViews(admin)[0]);
      await slack.click({
        user: admin,
        viewId: summary.id,
        actionId: ACTIONS.settingsEdit,
        value: 'voicemail',
        blockId: 'summary_voicemail',
      });
      const section: View = await waitFor(() => slack.openViews(admin)[1]);
      const language = person.language === 'fr-CA' ? 'en-US' : 'fr-CA';
      person.language = language;
      await slack.submit({
        user: admin,
        viewId: section.id,
        values: {
          [VOICEMAIL_BLOCKS.language]: {
            language: { type: 'static_select', selected_option: { value: language } },
          },
        } as never,
      });
      await waitFor(() => slack.openViews(admin).length <= 1);
      await closeAll(admin);
      return true;
    },
    async import(admin, channel) {
      const rows = [someone(), someone(), someone()];
      for (const row of rows) row.areaCode = row.areaCode === '415' ? '212' : '415';
      const csv = ['Email,Area Code', ...rows.map((p) => `${p.email},${p.areaCode}`)].join('\r\n');
      const upload = await slack.uploadFile({
        user: admin,
        channel: channel,
        filename: `soak-${turn}.csv`,
        content: `${csv}\r\n`,
        comment: 'update',
        mimetype: 'text/csv',
      });
      const inThread = () => slack.messages(channel).filter((m) => m.thread_ts === upload.ts && m.bot_id);
      const preview = await waitFor(() => inThread().find((m) => buttonOf(m, /^Import/)));
      const button = buttonOf(preview, /^Import/);
      if (!button) return false;
      const click = await slack.click({
        user: admin,
        actionId: button.actionId,
        value: button.value,
        message: { channel: channel, ts: preview.ts },
      });
      if (click.status !== 200) return false;
      await waitFor(() => inThread().find((m) => / imported /.test(m.text)));
      return true;
    },
    async export(admin, channel) {
      const before = slack.apiCalls('files.completeUploadExternal').length;
      const ack = await slack.slash({ user: admin, channel: channel, text: 'export' });
      if (ack.status !== 200) return false;
      await waitFor(() => slack.apiCalls('files.completeUploadExternal').length > before);
      return true;
    },
  };
  return run;
}

async function main() {
  const engine = { name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: SERVER_URL };
  const probe = postgres(SERVER_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  await probe`select 1`.finally(() => probe.end());

  const slack = await startFakeSlack(CREDENTIALS);
  for (const [i, admin] of ADMINS.entries()) {
    slack.addUser({
      id: admin,
      name: `admin${i}`,
      realName: `Soak Admin ${i}`,
      email: `admin${i}@example.com`,
    });
  }
  const profiles = Array.from({ length: PEOPLE }, (_, i) => benchPerson('SOAK', i));
  for (const person of profiles) addToWorkspace(slack, person);
  let extensions: string[] = [];
  const database = await freshDatabase(engine, async (handle) => {
    extensions = await seedPhoneUsers(handle, ADMINS, profiles);
  });
  const people: Person[] = profiles.map((p, i) => ({
    id: p.slackUserId,
    email: p.email ?? '',
    extension: extensions[i] ?? '',
  }));
  const app = await startAppProcess(switchboardEnv(slack, CREDENTIALS, ADMINS, database), { echo: false });
  slack.setRequestUrl(app.requestUrl);
  const run = operations(slack, people);
  // Each admin works in a new channel every window: the stand-in copies a channel's whole history on every look,
  // and the soak must measure the app, not its own growing stand-in.
  const channels = new Set<string>();
  const channelOf = (admin: string, window: number) => {
    const id = `C${admin.slice(-2)}W${String(window).padStart(4, '0')}`;
    if (!channels.has(id)) {
      slack.addChannel({ id, name: `phone-admins-${admin.slice(-2)}-${window}` });
      channels.add(id);
    }
    return id;
  };

  const idle = [...ADMINS];
  const done: Done[] = [];
  const windows: Window[] = [];
  let skipped = 0;
  let inFlight = 0;
  const started = performance.now();
  const endAt = started + MINUTES * 60_000;
  const weights = MIX.reduce((sum, [, w]) => sum + w, 0);
  const pick = (n: number): Kind => {
    let left = n % weights;
    for (const [kind, w] of MIX) {
      if (left < w) return kind;
      left -= w;
    }
    return 'show';
  };

  const report = (windowStart: number) => {
    const now = performance.now();
    const recent = done.filter((d) => d.at >= windowStart && d.at < now);
    const ms = recent.filter((d) => d.ok).map((d) => d.ms);
    const byKind: Window['byKind'] = {};
    for (const [kind] of MIX) {
      const of = recent.filter((d) => d.kind === kind && d.ok).map((d) => d.ms);
      if (of.length > 0)
        byKind[kind] = { n: of.length, p50Ms: percentile(of, 0.5), p99Ms: percentile(of, 0.99) };
    }
    const memory = processMemory(app.pid);
    const window: Window = {
      endsAtSeconds: Math.round((now - started) / 1000),
      seconds: Math.round((now - windowStart) / 1000),
      operations: recent.length,
      failed: recent.filter((d) => !d.ok).length,
      skipped,
      p50Ms: percentile(ms, 0.5),
      p95Ms: percentile(ms, 0.95),
      p99Ms: percentile(ms, 0.99),
      byKind,
      rssMb: memory.rssMb,
      anonMb: memory.anonMb,
    };
    skipped = 0;
    windows.push(window);
    const kinds = Object.entries(byKind)
      .map(([k, v]) => `${k} ${v.p50Ms.toFixed(0)}/${v.p99Ms.toFixed(0)}`)
      .join(' · ');
    process.stdout.write(
      `${String(window.endsAtSeconds).padStart(4)} s | ${window.operations} ops, ${window.failed} failed, ${window.skipped} skipped | p50 ${window.p50Ms.toFixed(0)} ms, p95 ${window.p95Ms.toFixed(0)} ms, p99 ${window.p99Ms.toFixed(0)} ms | RSS ${window.rssMb.toFixed(0)} MB (heap and malloc ${window.anonMb.toFixed(0)} MB) | ${kinds}\n`,
    );
  };

  process.stdout.write(
    `Soak: ${MINUTES} min at ${RATE} operations/s against the app on PostgreSQL, ${PEOPLE} phone users, ${ADMINS.length} admins\n`,
  );
  let windowStart = started;
  const timer = setInterval(() => {
    report(windowStart);
    windowStart = performance.now();
  }, WINDOW_MS);
  try {
    for (let n = 0; performance.now() < endAt; n++) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const admin = idle.shift();
      if (!admin) {
        skipped += 1;
        continue;
      }
      const kind = pick(n * 7);
      const t0 = performance.now();
      inFlight += 1;
      void run[kind](admin, channelOf(admin, Math.floor((t0 - started) / WINDOW_MS)))
        .catch((error: unknown) => {
          if (done.filter((d) => !d.ok).length < 5)
            process.stdout.write(`  ${kind} failed: ${String(error).slice(0, 200)}\n`);
          return false;
        })
        .then((ok) => {
          done.push({ kind, ms: performance.now() - t0, ok, at: performance.now() });
          inFlight -= 1;
          idle.push(admin);
        });
    }
    while (inFlight > 0) await sleep(100);
  } finally {
    clearInterval(timer);
    report(windowStart);
    await stopAppProcess(app.child);
    await slack.stop();
    await database.drop();
  }

  const verdict = judge(windows);
  process.stdout.write(`\n${verdict.memory}\n${verdict.latency}\n`);
  if (app.stderrLines() > 0) {
    process.stdout.write(
      `The app wrote ${app.stderrLines()} lines to stderr, e.g. ${app.stderrSample()[0]}\n`,
    );
  }
  writeFileSync(
    new URL('./soak-results.json', import.meta.url),
    `${JSON.stringify({ minutes: MINUTES, rate: RATE, mix: Object.fromEntries(MIX), windows, verdict }, null, 2)}\n`,
  );
}

/**
 * Memory keeps growing when the windows after the settling time still climb: a least-squares slope above 2 MB a
 * minute and a last window above the first by more than 10%. p99 drifts when the last three windows' median p99
 * is above 1.5 times the first three's (after settling).
 */
function judge(windows: Window[]) {
  const settled = windows.filter(
    (w) => w.endsAtSeconds * 1000 > SETTLE_MS && w.seconds * 1000 >= WINDOW_MS * 0.9,
  );
  if (settled.length < 6) {
    return {
      memoryGrows: undefined,
      p99Drifts: undefined,
      memory: 'Too short to judge memory (it needs 6 windows after the first 2 minutes).',
      latency: 'Too short to judge p99 drift.',
    };
  }
  const xs = settled.map((w) => w.endsAtSeconds / 60);
  const ys = settled.map((w) => w.anonMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope =
    xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] as number) - my), 0) /
    xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const first = ys[0] as number;
  const last = ys.at(-1) as number;
  const memoryGrows = slope > 2 && last > first * 1.1;
  const median = (values: number[]) => percentile(values, 0.5);
  const early = median(settled.slice(0, 3).map((w) => w.p99Ms));
  const late = median(settled.slice(-3).map((w) => w.p99Ms));
  const p99Drifts = late > early * 1.5;
  return {
    memoryGrows,
    p99Drifts,
    slopeMbPerMinute: slope,
    earlyP99Ms: early,
    lateP99Ms: late,
    memory: `Memory (heap and malloc) after settling: ${first.toFixed(0)} MB → ${last.toFixed(0)} MB, ${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MB/min: ${memoryGrows ? 'KEEPS GROWING' : 'stable'}.`,
    latency: `p99, median of the first and last three windows after settling: ${early.toFixed(0)} ms → ${late.toFixed(0)} ms: ${p99Drifts ? 'DRIFTS' : 'no drift'}.`,
  };
}

await main();
