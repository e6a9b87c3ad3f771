import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../services/context.ts';
import {
  isFinal,
  noteShown,
  notSentBy,
  openReplies,
  peopleMarkedBy,
  type ReplyStatus,
  recordSyncReply,
  replyStatus,
  stopFollowing,
} from '../services/sync-replies.ts';
import type { Message } from './blocks/message.ts';
import {
  notSentNote,
  refusalsComment,
  refusalsCsv,
  refusalsFileName,
  roomForStatus,
  statusLine,
  withNote,
  withSyncStatus,
} from './blocks/sync-status.ts';
import { describe, directMessageChannel } from './deliver.ts';

/**
 * Posts a change's message with a status line that follows the phone system: "applying…", then "applied" or the
 * refusal with a Retry button, updated in place as the sync worker settles the people the change marked. The
 * message goes through chat.postMessage (a response_url post has no ts to update); where the app may not post
 * (a channel it is not in), the caller posts it the usual way, without the line. Says whether it posted.
 */
export async function postWithSyncStatus(
  deps: Deps,
  client: WebClient,
  logger: Logger,
  channelId: string,
  change: Message,
  requestIds: string[],
  threadTs?: string,
): Promise<boolean> {
  const system = deps.phoneSystem?.name;
  if (!system || requestIds.length === 0) return false;
  const people = await peopleMarkedBy(deps, requestIds);
  if (people.length === 0) return false;
  const notSent = await notSentBy(deps, requestIds);
  // What no adapter sends yet is said above the status line, so "applied" is read as the person's line only.
  const message = notSent.length > 0 ? withNote(change, notSentNote(system, notSent)) : change;
  if (!roomForStatus(message)) return false;
  const status = await replyStatus(deps, people);
  const line = statusLine(system, status);
  // The Retry button carries the reply's id, which exists only once the message is posted and recorded: the first
  // post has the line alone, and a refusal known already gets its button from the update just after.
  let posted: { ts?: string | undefined };
  try {
    posted = await client.chat.postMessage({
      channel: channelId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...withSyncStatus(message, line, status, undefined),
    });
  } catch (error) {
    logger.debug(`The change's message goes by response_url, without its sync status: ${describe(error)}`);
    return false;
  }
  if (!posted.ts) return true;
  const id = await recordSyncReply(deps, {
    people,
    requestIds,
    channelId,
    messageTs: posted.ts,
    message,
    shown: status.kind === 'refused' ? '' : line,
  });
  // The worker may have settled people since the status above was read, before the row existed for the
  // refresher to find: read it again now.
  await refreshOne(
    deps,
    client,
    logger,
    { id, channelId, messageTs: posted.ts, message, shown: status.kind === 'refused' ? '' : line },
    await replyStatus(deps, people),
  );
  return true;
}

/**
 * Follows the phone system under a message already posted (an import's summary): records it with the people the
 * requests marked, and shows the line at once.
 */
export async function followSyncUnder(
  deps: Deps,
  client: WebClient,
  logger: Logger,
  where: { channelId: string; messageTs: string },
  message: Message,
  requestIds: string[],
  refusals?: { fileName: string; requestedBy: string },
): Promise<void> {
  const system = deps.phoneSystem?.name;
  if (!system || requestIds.length === 0 || !roomForStatus(message)) return;
  const people = await peopleMarkedBy(deps, requestIds);
  if (people.length === 0) return;
  const id = await recordSyncReply(deps, { people, requestIds, ...where, message, shown: '', refusals });
  await refreshOne(
    deps,
    client,
    logger,
    {
      id,
      ...where,
      message,
      shown: '',
      refusalsFile: refusals?.fileName ?? null,
      requestedBy: refusals?.requestedBy ?? null,
    },
    await replyStatus(deps, people),
  );
}

type OpenReply = {
  id: number;
  channelId: string;
  messageTs: string;
  message: { text: string; blocks?: unknown[] };
  shown: string;
  updatedAt?: Date;
  /** An import's summary: the file of refused rows goes to `requestedBy`'s direct messages. */
  refusalsFile?: string | null;
  requestedBy?: string | null;
};

/**
 * Slack takes about one update a second per message: a line still moving (an import's count) is updated at most
 * this often, and its last word goes out at once.
 */
export const STATUS_UPDATE_EVERY_MS = 3000;

/** The least time between two passes over the open replies while people keep settling. */
const PASS_GAP_MS = 500;

/** Updates one reply's line if it changed; says whether an update was held back to keep Slack's pace. */
async function refreshOne(
  deps: Deps,
  client: WebClient,
  logger: Logger,
  reply: OpenReply,
  status: ReplyStatus,
): Promise<boolean> {
  const system = deps.phoneSystem?.name;
  if (!system) return false;
  const line = statusLine(system, status);
  if (line === reply.shown) return false;
  const since = reply.updatedAt ? deps.clock.now().getTime() - reply.updatedAt.getTime() : Infinity;
  if (status.kind === 'applying' && since < STATUS_UPDATE_EVERY_MS) return true;
  // Claimed in the database first: of two instances settling people of one reply, one updates the message.
  if (!(await noteShown(deps, reply.id, reply.shown, line, isFinal(status)))) return false;
  const message = reply.message as Message;
  try {
    await client.chat.update({
      channel: reply.channelId,
      ts: reply.messageTs,
      ...withSyncStatus(message, line, status, reply.id),
    });
  } catch (error) {
    logger.warn(`Could not show the phone system's answer under a change: ${describe(error)}`);
  }
  if (status.kind === 'refused') await sendRefusals(client, logger, system, reply, status);
  return false;
}

/**
 * Sends the importing admin the file of the people the phone system refused, once per refusal shown (the
 * database claim above lets one process do it). It holds emails, so it goes to their direct messages only.
 */
async function sendRefusals(
  client: WebClient,
  logger: Logger,
  system: string,
  reply: OpenReply,
  status: Extract<ReplyStatus, { kind: 'refused' }>,
): Promise<void> {
  if (!reply.refusalsFile || !reply.requestedBy) return;
  const filename = refusalsFileName(reply.refusalsFile, system);
  try {
    const channel = await directMessageChannel(client, reply.requestedBy);
    if (!channel) throw new Error('Slack opened no direct messages with the admin');
    await client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(refusalsCsv(system, status.failures), 'utf8'),
      filename,
      title: filename,
      initial_comment: refusalsComment(system, reply.refusalsFile, status.failures.length, status.total),
    });
  } catch (error) {
    logger.warn(`Could not send ${filename} to the admin who imported it: ${describe(error)}`);
  }
}

/**
 * Brings every open reply's status line up to date. Runs one at a time per process: a request while one runs
 * makes it run once more after, so a burst of settled people costs one pass, not one per person.
 */
export function syncReplyRefresher(deps: () => Deps | undefined, client: WebClient, logger: Logger) {
  let running: Promise<void> | undefined;
  let again = false;
  let later: NodeJS.Timeout | undefined;
  const pass = async () => {
    const current = deps();
    if (!current?.phoneSystem) return;
    let held = false;
    for (const { reply, status } of await openReplies(current)) {
      if (await refreshOne(current, client, logger, reply, status)) held = true;
    }
    // A line held back to keep Slack's pace is shown on a later pass, even if nobody settles meanwhile.
    if (held && !later) {
      later = setTimeout(() => {
        later = undefined;
        void run();
      }, STATUS_UPDATE_EVERY_MS);
      later.unref();
    }
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      for (;;) {
        again = false;
        await pass().catch((error: unknown) =>
          logger.warn(`Could not bring the sync status of changes up to date: ${describe(error)}`),
        );
        if (!again) break;
        // People settle many times a second during a large sync: one pass at most every so often reads them all.
        await new Promise((resolve) => setTimeout(resolve, PASS_GAP_MS).unref());
      }
      running = undefined;
    })();
    return running;
  };
  return { refresh: run };
}

/** The message at `where` is replaced by something else: its status line stops following the phone system. */
export async function stopFollowingSync(deps: Deps, where: { channelId: string; messageTs: string }) {
  await stopFollowing(deps, where);
}
