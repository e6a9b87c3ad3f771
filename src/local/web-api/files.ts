import { validateMessageBlocks } from '../block-kit-validator.ts';
import { guessMimetype, toSlackFile } from '../file-object.ts';
import type { ChannelRecord, FileRecord, Store } from '../store.ts';
import {
  type ApiArgs,
  type ApiHandler,
  type ApiResult,
  blocksArg,
  fail,
  ok,
  reject,
  str,
} from './context.ts';

function targetChannels(store: Store, args: ApiArgs): ChannelRecord[] | ApiResult {
  const refs = (str(args, 'channel_id') ?? str(args, 'channels') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (refs.length > 100) return fail('channels_limit_exceeded');
  if (refs.length > 1 && str(args, 'thread_ts')) return fail('invalid_arguments');
  const channels: ChannelRecord[] = [];
  for (const ref of refs) {
    const channel = store.resolveChannel(ref);
    if (!channel) return fail('channel_not_found');
    if (!store.isMember(channel, store.identity.botUserId)) return fail('not_in_channel');
    channels.push(channel);
  }
  return channels;
}

/** Files named in `files`, each uploaded to its upload_url and not yet completed. */
function uploadedFiles(store: Store, args: ApiArgs): FileRecord[] | ApiResult {
  if (!Array.isArray(args.files) || args.files.length === 0) return fail('invalid_arguments');
  const files: FileRecord[] = [];
  for (const entry of args.files as unknown[]) {
    const ref = entry as { id?: unknown; title?: unknown };
    const file = typeof ref?.id === 'string' ? store.files.get(ref.id) : undefined;
    if (!file || file.bytes === undefined) return fail('file_not_found');
    if (typeof ref.title === 'string' && ref.title) file.title = ref.title;
    files.push(file);
  }
  return files;
}

export const filesMethods: Record<string, ApiHandler> = {
  'files.getUploadURLExternal': (store, args) => {
    const filename = str(args, 'filename');
    if (!filename) return fail('invalid_arguments');
    if (!(Number(str(args, 'length')) > 0)) return fail('missing_argument');
    const id = store.ids.next('F');
    store.files.set(id, {
      id,
      name: filename,
      title: filename,
      mimetype: guessMimetype(filename),
      user: store.identity.botUserId,
      created: Math.floor(store.clock.now() / 1000),
      completed: false,
      channels: [],
    });
    const ticket = store.ids.secret();
    store.uploadTickets.set(ticket, id);
    return ok({ upload_url: `${store.identity.baseUrl}/upload/v1/${ticket}`, file_id: id });
  },

  'files.completeUploadExternal': (store, args) => {
    const files = uploadedFiles(store, args);
    if (!Array.isArray(files)) return files;
    const channels = targetChannels(store, args);
    if (!Array.isArray(channels)) return channels;
    const comment = str(args, 'initial_comment');
    const blocks = comment ? undefined : blocksArg(args);
    const problems = blocks ? validateMessageBlocks(blocks) : [];
    if (problems.length > 0) {
      return reject(store, 'files.completeUploadExternal', { error: 'invalid_blocks', messages: problems });
    }
    const threadTs = str(args, 'thread_ts');
    for (const file of files) {
      file.completed = true;
      file.channels.push(...channels.map((c) => c.id));
    }
    for (const channel of channels) {
      const message = store.postAsBot(channel.id, {
        text: comment ?? '',
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      message.files = files.map((f) => toSlackFile(store, f));
    }
    return ok({ files: files.map((f) => toSlackFile(store, f)) });
  },

  'files.info': (store, args) => {
    const file = store.files.get(str(args, 'file') ?? '');
    if (!file?.completed) return fail('file_not_found');
    return ok({ file: toSlackFile(store, file), comments: [], response_metadata: { next_cursor: '' } });
  },
};
