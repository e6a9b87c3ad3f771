/**
 * The memory of CSV previews when several admins upload the largest files the limits allow at the same moment:
 * the app runs as `npm start` runs it (its heap capped), in its own process, against the Slack stand-in; each admin
 * uploads a file in a channel of their own, and the run waits until every file has had its whole answer (the
 * preview and its errors file, or a refusal). The figure is the kernel's high-water mark of the app's resident set.
 * A process killed on the way (out of memory) is reported as such, with the answers that never came.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { insertRecords } from '../db/bulk.ts';
import { callingPlans, phoneNumbers } from '../db/schema/index.ts';
import { type FakeSlack, type Message, startFakeSlack } from '../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS } from '../src/services/imports/service.ts';
import { addAdmin, updateAccount } from '../src/store/account.ts';
import {
  type Engine,
  freshDatabase,
  peakRssMb,
  processMemory,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from './app-process.ts';

const BOT_TOKEN = 'xoxb-bench-preview-000';
const SIGNING_SECRET = 'bench-preview-secret-000';
const MINUTES = 60_000;

const admin = (i: number) => `UBENCHPRV${i}`;
const channel = (i: number) => `CBENCHPRV${i}`;

const FULL_HEADER = [
  'Email',
  'First Name',
  'Last Name',
  'Site',
  'Extension',
  'Calling Plans',
  'Phone Numbers',
  'Outbound Caller ID',
  'Emergency Address Line 1',
  'Emergency Address Line 2',
  'Emergency City',
  'Emergency State',
  'Emergency Postal Code',
  'Emergency Country',
  'Desk Phone MAC',
  'Desk Phone Model',
  'Copy Settings From',
].join(',');

/** The direct number of row `i` of admin `seed`'s file: distinct across admins, in a real exchange. */
const numberOf = (seed: number, i: number) =>
  `+1415${String(2_000_000 + seed * 200_000 + i).padStart(7, '0')}`;

/**
 * An add file of `rows` people with every column filled, padded to `bytes` (so that the largest file the limits
 * allow holds the most rows they allow). `seed` keeps the files of different admins apart.
 */
export function fullFile(rows: number, bytes: number, seed: number): Buffer {
  const row = (i: number, pad: string) => {
    const n = seed * 1_000_000 + i;
    const number = numberOf(seed, i);
    const mac = `0004f2${(n % 0xffffff).toString(16).padStart(6, '0')}`;
    return [
      `person${n}@example.com`,
      `First${n}${pad}`,
      `Last${n}`,
      'Main',
      String(100_000 + i),
      'US/CA Unlimited',
      number,
      number,
      `${i} Market Street`,
      `Floor ${i % 40}`,
      'San Francisco',
      'CA',
      '94105',
      'US',
      mac,
      'Poly VVX 450',
      '',
    ].join(',');
  };
  const plain = Buffer.byteLength(`${FULL_HEADER}\r\n${row(0, '')}\r\n`) * rows;
  const pad = 'x'.repeat(Math.max(0, Math.floor((bytes - plain) / rows) - 1));
  const lines = [FULL_HEADER];
  for (let i = 0; i < rows; i++) lines.push(row(i, pad));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A file of one-letter rows: small in bytes, and far more rows than the limit. */
export function tinyRowsFile(rows: number): Buffer {
  return Buffer.from(`Email\n${'a\n'.repeat(rows)}`, 'utf8');
}

export type PreviewFigures = {
  database: string;
  file: string;
  admins: number;
  /** Upload to the last admin's whole answer, or to the moment the app died. */
  seconds: number;
  /** What each admin got, in short: `previewed`, `refused: …`, `waited, then previewed`, or `no answer`. */
  answers: string[];
  /** Whether the app was still running at the end (a process out of memory is killed). */
  survived: boolean;
  /** VmHWM; for a process that died, the highest one read before (every 50 ms). */
  peakRssMb: number;
};

const textOf = (message: Message) => `${message.text} ${JSON.stringify(message.blocks ?? [])}`;
const hasButtons = (message: Message) =>
  (message.blocks ?? []).some((block) => (block as { type: string }).type === 'actions');

/** The answer in a file's thread once it is whole: a refusal, or a preview (with its errors file when rows fail). */
function answerOf(replies: Message[]): string | undefined {
  const refusal = replies.find((m) => /^:(warning|x):/.test(m.text));
  if (refusal)
    return `refused: ${/cannot be imported: ([^.;]*)/.exec(refusal.text)?.[1] ?? refusal.text.slice(0, 80)}`;
  const preview = replies.find(hasButtons);
  if (!preview) return undefined;
  const invalid = /· ([\d,]+) invalid/.exec(textOf(preview))?.[1];
  if (invalid !== undefined && invalid !== '0' && !replies.some((m) => m.files?.length)) return undefined;
  const waited = replies.some((m) => m !== preview && !m.files?.length);
  return `${waited ? 'waited, then ' : ''}previewed (${invalid ?? '?'} invalid)`;
}

/**
 * One run: a fresh database with `admins` admins and a fresh app; every admin uploads `file` at once; waits for
 * every answer or for the app to die.
 */
export async function benchPreviews(
  engine: Engine,
  admins: number,
  preview: PreviewFile,
): Promise<PreviewFigures> {
  const ids = Array.from({ length: admins }, (_, i) => i + 1);
  const { name: fileName, content: file } = preview;
  const database = await freshDatabase(engine, async (handle) => {
    for (const i of ids) await addAdmin(handle.db, admin(i), 'bench');
    await updateAccount(handle.db, { licensesTotal: 100_000 }, new Date());
    await handle.db.update(callingPlans).set({ inventory: 100_000 });
    if (!preview.inventory) return;
    for (const i of ids) {
      for (let start = 0; start < preview.inventory; start += 10_000) {
        const numbers = [];
        for (let row = start; row < Math.min(preview.inventory, start + 10_000); row++)
          numbers.push({ number: numberOf(i, row), createdAt: new Date() });
        await insertRecords(handle.db, phoneNumbers, numbers);
      }
    }
  });
  const slack: FakeSlack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  for (const i of ids) {
    slack.addUser({
      id: admin(i),
      name: `admin${i}`,
      realName: `Admin ${i}`,
      email: `admin${i}@example.com`,
    });
    slack.addChannel({ id: channel(i), name: `phone-admins-${i}` });
  }
  const files = ids.map((i) => file(i));
  let child: ChildProcess | undefined;
  try {
    const app = await startAppProcess(
      switchboardEnv(slack, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET }, ids.map(admin), database),
      { echo: false },
    );
    child = app.child;
    slack.setRequestUrl(app.requestUrl);
    const alive = () => app.child.exitCode === null && app.child.signalCode === null;
    // The kernel's high-water mark dies with the process: sampling keeps the last figure seen before a kill.
    let sampled = 0;
    const sampler = setInterval(() => {
      // A process being killed has no memory figures left (NaN) until it is reaped.
      const peak = alive() ? processMemory(app.pid).peakRssMb : Number.NaN;
      if (Number.isFinite(peak)) sampled = Math.max(sampled, peak);
    }, 50);
    const start = performance.now();
    const uploads = await Promise.all(
      ids.map((i) =>
        slack.uploadFile({
          user: admin(i),
          channel: channel(i),
          filename: fileName,
          content: files[i - 1] as Buffer,
          mimetype: 'text/csv',
          // In a channel the app reads only a file addressed to it.
          comment: 'import',
        }),
      ),
    );
    const replies = (i: number) =>
      slack.messages(channel(i)).filter((m) => m.thread_ts === uploads[i - 1]?.ts && m.bot_id !== undefined);
    await slack.waitFor(() => !alive() || ids.every((i) => answerOf(replies(i)) !== undefined), {
      timeoutMs: 30 * MINUTES,
    });
    const survived = alive();
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const peak = survived ? peakRssMb(app.child) : sampled;
    return {
      database: engine.name,
      file: fileName,
      admins,
      seconds,
      answers: ids.map((i) => answerOf(replies(i)) ?? 'no answer'),
      survived,
      peakRssMb: peak,
    };
  } finally {
    if (child) await stopAppProcess(child);
    await slack.stop();
    await database.drop();
  }
}

/** A file every admin uploads, and the numbers each admin's rows need in the inventory to be valid. */
export type PreviewFile = { name: string; content: (seed: number) => Buffer; inventory?: number };

const { maxRows, maxBytes } = DEFAULT_IMPORT_LIMITS;

/**
 * The files of the run: the largest the limits allow, every row valid (the numbers are in the inventory) or every
 * row invalid (they are not: each row gets two problems, and the preview an errors file larger than the import);
 * and a small file with ten times the rows allowed.
 */
export const PREVIEW_FILES = {
  valid: {
    name: `largest-valid-${maxRows}-rows.csv`,
    content: (seed) => fullFile(maxRows, Math.floor(maxBytes * 0.95), seed),
    inventory: maxRows,
  },
  invalid: {
    name: `largest-invalid-${maxRows}-rows.csv`,
    content: (seed) => fullFile(maxRows, Math.floor(maxBytes * 0.95), seed),
  },
  tinyRows: {
    name: `tiny-rows-${maxRows * 10}.csv`,
    content: () => tinyRowsFile(maxRows * 10),
  },
} satisfies Record<string, PreviewFile>;
