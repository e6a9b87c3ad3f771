import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';

/** A file written to a private temporary directory, to be uploaded without holding it in memory. */
export type SpooledFile = { kind: 'spooled'; path: string; bytes: number };

/** Writes text chunks to a temporary file as they come, so only one chunk is in memory at a time. */
export async function spool(
  chunks: AsyncIterable<string> | Iterable<string>,
  name: string,
): Promise<SpooledFile> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-'));
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
  await rm(join(file.path, '..'), { recursive: true, force: true });
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
