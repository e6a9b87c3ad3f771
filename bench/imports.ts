/**
 * CSV import and export at scale, through the whole app: the app runs as its own process (so its peak memory can
 * be read from the kernel) against the Slack stand-in, and a file goes from the upload event to the final summary
 * (preview, then the Import button). Each figure stands next to a baseline measured in the same run on the same
 * database engine: a raw COPY of the same rows into a table of the same shape, and a raw COPY ... TO STDOUT of
 * the exported data.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { insertRecords } from '../db/bulk.ts';
import { callingPlans, phoneNumbers } from '../db/schema/index.ts';
import { type FakeSlack, type Message, startFakeSlack } from '../src/local/index.ts';
import { addAdmin, updateAccount } from '../src/store/account.ts';
import {
  type AppDatabase,
  type Engine,
  freshDatabase,
  peakRssMb,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from './app-process.ts';

export type { Engine } from './app-process.ts';

export const ADMIN = 'UBENCHADM1';
export const CHANNEL = 'CBENCHIMP1';
export const BOT_TOKEN = 'xoxb-bench-import-000';
export const SIGNING_SECRET = 'bench-import-secret-000';
const MINUTES = 60_000;

const HEADER = 'Email,First Name,Last Name,Site,Extension,Calling Plans,Phone Numbers';
export const numberOf = (i: number) => `+1415${String(2_000_000 + i).padStart(7, '0')}`;

/** An add file of `rows` new people, each with an extension, a calling plan and a direct number. */
export function addFile(rows: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `person${i}@example.com,First${i},Last${i},Main,${100_000 + i},US/CA Unlimited,${numberOf(i)}`,
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The columns of the add file, for the COPY baseline. */
const COPY_TABLE = `create table copy_baseline (email text, first_name text, last_name text, site text,
  extension text, calling_plans text, phone_numbers text)`;

/** What the export writes, as one query: the same rows and columns, without the app's formatting. */
const EXPORT_QUERY = `select du.email, du.first_name, du.last_name, s.name, pu.extension,
    (select string_agg(c.short_name, ';' order by c.code) from phone_user_plans p
      join calling_plans c on c.code = p.plan_code where p.phone_user_id = pu.id),
    (select string_agg(n.number, ';' order by n.number) from phone_numbers n where n.phone_user_id = pu.id),
    st.caller_id::text, pu.status, st.area_code, st.language,
    a.line1, a.line2, a.city, a.state, a.postal_code, a.country,
    (select string_agg(d.mac, ';' order by d.id) from desk_phones d where d.phone_user_id = pu.id),
    (select string_agg(d.model, ';' order by d.id) from desk_phones d where d.phone_user_id = pu.id)
  from phone_users pu
  join directory_users du on du.id = pu.directory_user_id
  join sites s on s.id = pu.site_id
  join phone_user_settings st on st.phone_user_id = pu.id
  left join emergency_addresses a on a.id = st.emergency_address_id
  order by pu.id`;

export type ImportFigures = {
  database: string;
  rows: number;
  /** Raw COPY of the file's rows into a table of the same shape. */
  copyMs: number;
  /** Upload event to the preview in the file's thread. */
  previewMs: number;
  /** Click on Import to the summary. */
  applyMs: number;
  totalMs: number;
  exportCopyMs?: number;
  exportMs?: number;
  /** The app's peak resident memory (VmHWM) over the whole run. */
  peakRssMb: number;
};

/** A database for one run: seeded with the admin, licenses, plan inventory and numbers for `rows` people. */
export function seededDatabase(engine: Engine, rows: number) {
  return freshDatabase(engine, async (handle) => {
    await addAdmin(handle.db, ADMIN, 'bench');
    await updateAccount(handle.db, { licensesTotal: rows }, new Date());
    await handle.db.update(callingPlans).set({ inventory: rows });
    for (let start = 0; start < rows; start += 10_000) {
      const numbers = [];
      for (let i = start; i < Math.min(rows, start + 10_000); i++)
        numbers.push({ number: numberOf(i), createdAt: new Date() });
      await insertRecords(handle.db, phoneNumbers, numbers);
    }
  });
}

/** The app as `npm start` runs it, in its own process, with `env` on top (a phone system to drive). */
export async function startApp(slack: FakeSlack, database: AppDatabase, env: NodeJS.ProcessEnv = {}) {
  const app = await startAppProcess({
    ...switchboardEnv(slack, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET }, [ADMIN], database),
    ...env,
  });
  slack.setRequestUrl(app.requestUrl);
  return app.child;
}

export function buttonOf(message: { blocks?: unknown[] }, label: RegExp) {
  for (const block of (message.blocks ?? []) as { type: string; elements?: unknown[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements as { text: { text: string }; action_id: string; value: string }[]) {
      if (label.test(element.text.text)) return element;
    }
  }
  return undefined;
}

const textOf = (message: Message) => `${message.text} ${JSON.stringify(message.blocks ?? [])}`;

/** Upload to preview, then Import to summary, as an admin does it. */
export async function importThroughSlack(slack: FakeSlack, filename: string, content: Buffer) {
  const start = performance.now();
  const { ts } = await slack.uploadFile({
    user: ADMIN,
    channel: CHANNEL,
    filename,
    content,
    mimetype: 'text/csv',
    // In a channel the app reads only a file addressed to it.
    comment: 'import',
  });
  const preview = await slack.waitFor(
    () => slack.messages(CHANNEL).find((m) => m.thread_ts === ts && m.bot_id !== undefined),
    { timeoutMs: 30 * MINUTES },
  );
  const previewMs = performance.now() - start;
  const button = buttonOf(preview, /^Import \d+ users?$/);
  if (!button) throw new Error(`no Import button on the preview: ${textOf(preview).slice(0, 500)}`);
  const clicked = performance.now();
  await slack.click({
    user: ADMIN,
    actionId: button.action_id,
    value: button.value,
    message: { channel: CHANNEL, ts: preview.ts },
  });
  const summary = await slack.waitFor(
    () => slack.messages(CHANNEL).find((m) => textOf(m).includes(`imported *${filename}*`)),
    { timeoutMs: 30 * MINUTES },
  );
  const applyMs = performance.now() - clicked;
  if (!/\d+ created/.test(textOf(summary))) throw new Error(`unexpected summary: ${textOf(summary)}`);
  return {
    previewMs,
    applyMs,
    totalMs: performance.now() - start,
    summaryTs: summary.ts,
    clickedAt: clicked,
  };
}

async function exportThroughSlack(slack: FakeSlack, rows: number) {
  const before = slack.messages(CHANNEL).length;
  const start = performance.now();
  await slack.slash({ user: ADMIN, channel: CHANNEL, text: 'export' });
  const posted = await slack.waitFor(
    () =>
      slack
        .messages(CHANNEL)
        .slice(before)
        .find((m) => m.files?.length),
    { timeoutMs: 30 * MINUTES },
  );
  const ms = performance.now() - start;
  const [file] = posted.files as { id: string }[];
  const lines = (slack.fileContent(file?.id ?? '')?.toString('utf8') ?? '').trimEnd().split('\r\n').length;
  if (lines !== rows + 1) throw new Error(`the export has ${lines} lines, expected ${rows + 1}`);
  return ms;
}

/** COPY of the file into a fresh table, and COPY of the exported data to the client, on the engine's own terms. */
async function baselines(engine: Engine, database: AppDatabase, file: Buffer) {
  if (engine.kind === 'postgres') {
    const sql = postgres(database.url as string, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(COPY_TABLE);
      let start = performance.now();
      await pipeline(
        Readable.from([file]),
        await sql`copy copy_baseline from stdin with (format csv, header true)`.writable(),
      );
      const copyMs = performance.now() - start;
      start = performance.now();
      let bytes = 0;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      });
      await pipeline(
        await sql.unsafe(`copy (${EXPORT_QUERY}) to stdout with (format csv, header true)`).readable(),
        sink,
      );
      const exportCopyMs = performance.now() - start;
      if (bytes === 0) throw new Error('COPY TO STDOUT wrote nothing');
      return { copyMs, exportCopyMs };
    } finally {
      await sql.end();
    }
  }
  const pg = new PGlite(database.dir as string);
  try {
    await pg.exec(COPY_TABLE);
    let start = performance.now();
    await pg.query(`copy copy_baseline from '/dev/blob' with (format csv, header true)`, [], {
      blob: new Blob([file]),
    });
    const copyMs = performance.now() - start;
    start = performance.now();
    const out = await pg.query(`copy (${EXPORT_QUERY}) to '/dev/blob' with (format csv, header true)`);
    const exportCopyMs = performance.now() - start;
    if (!out.blob || out.blob.size === 0) throw new Error('COPY TO wrote nothing');
    return { copyMs, exportCopyMs };
  } finally {
    await pg.close();
  }
}

/** One run: a fresh database and app, one import of `rows` people, then (if asked) an export of all of them. */
export async function benchImport(engine: Engine, rows: number, withExport: boolean): Promise<ImportFigures> {
  const database = await seededDatabase(engine, rows);
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  const file = addFile(rows);
  let child: ChildProcess | undefined;
  try {
    child = await startApp(slack, database);
    const {
      summaryTs: _ts,
      clickedAt: _at,
      ...imported
    } = await importThroughSlack(slack, `people-${rows}.csv`, file);
    const exportMs = withExport ? await exportThroughSlack(slack, rows) : undefined;
    const peak = peakRssMb(child);
    await stopAppProcess(child);
    const base = await baselines(engine, database, file);
    return {
      database: engine.name,
      rows,
      copyMs: base.copyMs,
      ...imported,
      ...(exportMs === undefined ? {} : { exportMs, exportCopyMs: base.exportCopyMs }),
      peakRssMb: peak,
    };
  } finally {
    if (child) await stopAppProcess(child);
    await slack.stop();
    await database.drop();
  }
}
