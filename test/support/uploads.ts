import { setTimeout as sleep } from 'node:timers/promises';
import { asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { IMPORT_LEASES } from '../../db/leases.ts';
import { type ImportRow, imports } from '../../db/schema/index.ts';
import type { Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, type useSwitchboard, visibleText } from './e2e.ts';
import { auditRows, snapshotWithoutAudit } from './fixtures.ts';
import { phoneCommands } from './phone.ts';

type Harness = ReturnType<typeof useSwitchboard>;

/** The first button of the message's actions blocks whose label matches. */
export function buttonOf(message: Message, label: RegExp) {
  for (const block of (message.blocks ?? []) as { type: string; elements?: unknown[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements as { text: { text: string }; action_id: string; value: string }[]) {
      if (label.test(element.text.text)) return element;
    }
  }
  return undefined;
}

/** The labels of every button on a message, in order. */
export function buttonLabels(message: Message): string[] {
  return ((message.blocks ?? []) as { type: string; elements?: { text: { text: string } }[] }[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => (block.elements ?? []).map((element) => element.text.text));
}

/** CSV files as a person uploads them to the admins' channel, and what the app answers in the file's thread. */
export function csvUploads(sb: Harness) {
  /** The app's messages in the thread of the message `ts`, oldest first. */
  const botReplies = (ts: string) =>
    sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === ts && m.bot_id !== undefined);

  /**
   * Uploads a CSV as a person does, addressed to the app (by default with the message `import`, as a channel
   * upload must be), and waits for the app's first answer in the file's thread.
   */
  async function upload(filename: string, text: string | Buffer, comment = 'import', user = ADMIN_ID) {
    const content = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const uploaded = await sb.slack.uploadFile({
      user,
      channel: CHANNEL,
      filename,
      content,
      mimetype: 'text/csv',
      comment,
    });
    const reply = await sb.slack.waitFor(() => botReplies(uploaded.ts)[0]);
    return { ...uploaded, reply, text: visibleText(reply) };
  }

  /** Clicks a button of a message in the channel, as the admin, and checks Slack got its acknowledgement. */
  async function press(message: Message, label: RegExp, user = ADMIN_ID) {
    const button = buttonOf(message, label);
    if (!button) throw new Error(`no button ${label} on: ${visibleText(message)}`);
    const ack = await sb.slack.click({
      user,
      actionId: button.action_id,
      value: button.value,
      message: { channel: CHANNEL, ts: message.ts },
    });
    expect(ack.status).toBe(200);
  }

  /** The file the app attached to a message in the channel, as text. */
  function attachedFile(message: Message): { name: string; text: string } {
    const [file] = (message.files ?? []) as { id: string; name: string }[];
    if (!file) throw new Error(`no file on: ${message.text}`);
    return { name: file.name, text: sb.slack.fileContent(file.id)?.toString('utf8') ?? '' };
  }

  /**
   * Waits until the app has recorded `preview` as the preview of the upload: its last step for a file without bad
   * rows, and what an import button needs to close the preview once pressed.
   */
  async function previewRecorded(fileId: string, preview: Message): Promise<ImportRow> {
    return waitForDb(async () => {
      const row = await importOf(sb.app.deps.db, fileId);
      if (row?.previewTs !== preview.ts) return undefined;
      // Its reading ends with it: the import's lease is let go just after.
      return (await sb.app.deps.leases.held({ space: IMPORT_LEASES, id: row.id })) ? undefined : row;
    }, `the preview ${preview.ts} of ${fileId} to be recorded`);
  }

  /**
   * Runs `/phone export …` as the admin in the channel and returns the file the app sent to the admin's DM, having
   * checked that the channel got nothing and that the admin was told where the file is.
   */
  async function exportFile(command = 'export') {
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const before = sb.slack.messages(dm).length;
    const channelBefore = sb.slack.messages(CHANNEL).length;
    expect(await phoneCommands(sb).phoneReply(command)).toContain('in your direct messages');
    const posted = await sb.slack.waitFor(() =>
      sb.slack
        .messages(dm)
        .slice(before)
        .find((m) => m.files?.length),
    );
    expect(sb.slack.messages(CHANNEL).slice(channelBefore)).toEqual([]);
    return attachedFile(posted);
  }

  /**
   * The account as an upload could change it: every table (the audit log included) but `imports`, which records
   * each upload, its preview and its refusal on purpose.
   */
  async function accountData() {
    const db = sb.app.deps.db;
    return { ...(await snapshotWithoutAudit(db)), audit: await auditRows(db) };
  }

  /**
   * Uploads a file the app must refuse and returns its answer, having checked that it is the only one, that the
   * upload is recorded as failed with nothing kept of the file, and that nothing else changed.
   */
  async function refusal(filename: string, content: string | Buffer): Promise<string> {
    const before = await accountData();
    const { ts, fileId, text } = await upload(filename, content);
    // The refusal is the last thing the app does with a file: it records the failure, then answers.
    expect(botReplies(ts)).toHaveLength(1);
    expect(await importOf(sb.app.deps.db, fileId)).toMatchObject({
      status: 'failed',
      content: null,
      previewTs: null,
    });
    expect(await accountData()).toEqual(before);
    return text;
  }

  return { botReplies, upload, press, attachedFile, previewRecorded, exportFile, accountData, refusal };
}

/** The import the app recorded for a Slack file, if any. */
export async function importOf(db: Database, slackFileId: string): Promise<ImportRow | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(eq(imports.slackFileId, slackFileId))
    .orderBy(asc(imports.id));
  return row;
}

/**
 * How many times the app has tried to claim an upload since the last reset. A claim is an insert into `imports`
 * that does nothing when the file is already claimed, but it draws an id from the sequence either way, so this
 * counts every delivery of a file_share message that got as far as the claim, winner or not.
 */
export async function uploadClaims(db: Database): Promise<number> {
  const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(
    db,
    sql`select last_value, is_called from imports_id_seq`,
  );
  if (!row) throw new Error('imports_id_seq not found');
  return row.is_called ? Number(row.last_value) : Number(row.last_value) - 1;
}

/**
 * Polls an asynchronous probe, such as a database read, until it returns something other than undefined, null or
 * false; `waitFor` of the stand-in does the same for probes that read Slack.
 */
export async function waitForDb<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() >= deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
