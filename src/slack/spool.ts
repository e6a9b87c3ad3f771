import { createReadStream, rmSync } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';

/** A file written to a private temporary directory, to be uploaded without holding it in memory. */
export type SpooledFile = { kind: 'spooled'; path: string; bytes: number };

/**
 * Spooled files hold every user's email, extension and address: each lives in a directory named for the process,
 * removed once the file is posted or not, when the process exits, and, for a process that was killed, by the
 * next instance to start on this machine.
 */
const PREFIX = 'switchboard-spool-';
const live = new Set<string>();

/** Writes text chunks to a temporary file as they come, so only one chunk is in memory at a time. */
export async function spool(
  chunks: AsyncIterable<string> | Iterable<string>,
  name: string,
): Promise<SpooledFile> {
  const dir = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
  live.add(dir);
  const path = join(dir, name);
  const handle = await open(path, 'wx', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      const buffer = Buffer.from(chunk, 'utf8');
      await handle.write(buffer);
      bytes += buffer.length;
    }
  } catch (error) {
    await handle.close();
    await discard({ kind: 'spooled', path, bytes });
    throw error;
  }
  await handle.close();
  return { kind: 'spooled', path, bytes };
}

/** Removes a spooled file and its directory; a file already gone is fine. */
export async function discard(file: SpooledFile): Promise<void> {
  const dir = join(file.path, '..');
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Removes every file this process has spooled and not yet discarded: for the exit of the process. */
export function discardAllSync(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** Removes what processes that are no longer running left spooled (killed mid-export); returns how many. */
export async function sweepOrphanedSpools(): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!entry.startsWith(PREFIX)) continue;
    const pid = Number(/^(\d+)-/.exec(entry.slice(PREFIX.length))?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    await rm(join(tmpdir(), entry), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type UploadTarget = {
  channelId: string;
  /** The thread to post the file in, if any. */
  threadTs?: string;
  filename: string;
  title: string;
  comment: string;
};

/**
 * Uploads a spooled file with Slack's three-step flow, streaming its bytes from disk: `files.uploadV2` would read
 * the whole file into memory first. Ask for an upload URL of the file's length, POST the raw bytes there, then
 * complete the upload into the channel (or a thread of it) with its comment.
 */
export async function uploadSpooled(
  client: WebClient,
  file: SpooledFile,
  target: UploadTarget,
): Promise<void> {
  const ticket = await client.files.getUploadURLExternal({ filename: target.filename, length: file.bytes });
  if (!ticket.upload_url || !ticket.file_id) throw new Error('Slack gave no upload URL');
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  const response = await fetch(ticket.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes) },
    body,
    duplex: 'half',
    redirect: 'error',
  } as RequestInit);
  if (!response.ok) throw new Error(`the upload was refused (HTTP ${response.status})`);
  await response.body?.cancel();
  await client.files.completeUploadExternal({
    files: [{ id: ticket.file_id, title: target.title }],
    channel_id: target.channelId,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    initial_comment: target.comment,
  });
}
