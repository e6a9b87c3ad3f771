import type {
  CardSync,
  ConnectionState,
  SyncFailure,
  SyncOverview,
  SyncStatus,
} from '../../services/phone-sync.ts';
import { clipMrkdwn, code, escapeText, mention, plural, showText, utcMinute } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';

/** Refusals `/phone sync` lists, each with its own Retry button. */
export const FAILURES_LISTED = 10;

/** A reason is the phone system's words: enough of it to act on, within a line of the list. */
const REASON_SHOWN = 300;

const person = (p: { slackUserId: string | null; email: string }) =>
  p.slackUserId ? mention(p.slackUserId) : showText(p.email);

const reasonText = (reason: string) => showText(reason, REASON_SHOWN);

const retryButton = (directoryUserId: number) => ({
  type: 'button' as const,
  action_id: ACTIONS.syncRetryOne,
  text: { type: 'plain_text' as const, text: 'Retry' },
  value: `u:${directoryUserId}`,
});

export const NO_PHONE_SYSTEM = `No phone system is connected: changes stay in Switchboard and reach no phone system. To connect one, set ${code('PHONE_SYSTEM')} and its credentials (see Configuration in the README), then restart the app.`;

/** The answer of `/phone sync`: the connection, the counts, who waits longest and the first refusals. */
export function syncStatusMessage(status: SyncStatus): Message {
  if (status.kind === 'none') return { text: plain(NO_PHONE_SYSTEM), blocks: [section(NO_PHONE_SYSTEM)] };
  const { system, overview } = status;
  const name = escapeText(system);
  const blocks: KnownBlock[] = [
    section(`*${name}*: ${connectionText(status.connection)}`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*In sync*\n${overview.inSync}` },
        { type: 'mrkdwn', text: `*Being applied*\n${overview.pending}` },
        { type: 'mrkdwn', text: `*Refused*\n${overview.failed}` },
      ],
    },
  ];
  const oldest = overview.oldestPending;
  if (oldest) {
    const why = oldest.reason ? ` (${reasonText(oldest.reason)})` : '';
    blocks.push(section(`Waiting longest: ${person(oldest)}, since ${utcMinute(oldest.since)}${why}.`));
  }
  if (overview.failed > 0) blocks.push(...failureBlocks(name, overview));
  blocks.push(context(`Run ${code('/phone sync')} again to see the latest. Times are UTC.`));
  return {
    text: `${system}: ${overview.inSync} in sync, ${overview.pending} being applied, ${overview.failed} refused`,
    blocks,
  };
}

/** What becomes of changes while the phone system is not connected. */
export function meanwhileText(connection: { changes?: 'wait' | 'in place' }): string {
  return connection.changes === 'in place'
    ? 'Changes are kept here, where it reads them: each applies once it runs.'
    : 'Changes wait in Switchboard until it is.';
}

function connectionText(connection: ConnectionState): string {
  if (connection.ok === 'slow')
    return ':hourglass: checking the connection took too long; the counts below are current.';
  if (connection.ok) return `:white_check_mark: connected (${showText(connection.detail, REASON_SHOWN)}).`;
  return `:warning: not connected: ${reasonText(connection.reason)} ${meanwhileText(connection)}`;
}

function failureBlocks(name: string, overview: SyncOverview): KnownBlock[] {
  const listed = overview.failures.slice(0, FAILURES_LISTED);
  const more = overview.failed - listed.length;
  const order = overview.failed > 1 ? ' Longest refused first.' : '';
  const heading = `*${name} refused ${plural(overview.failed, 'person', 'people')}*.${order} Fix the cause, then retry.`;
  return [
    section(more > 0 ? `${heading} The first ${listed.length} are below.` : heading),
    ...listed.map(failureSection),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.syncRetryAll,
          text: { type: 'plain_text', text: 'Retry all failed' },
          value: 'all',
        },
      ],
    },
  ];
}

const failureSection = (failure: SyncFailure): KnownBlock => ({
  type: 'section',
  block_id: `sync_failure_${failure.directoryUserId}`,
  text: {
    type: 'mrkdwn',
    text: clipMrkdwn(
      `${person(failure)}: ${reasonText(failure.reason || failure.message)} _(since ${utcMinute(failure.failedAt)})_`,
      BLOCK_KIT.sectionText,
    ),
  },
  accessory: retryButton(failure.directoryUserId),
});

/** The card's sync line: nothing for someone no change has named since sync began. */
export function cardSyncBlocks(card: { directoryUserId: number }, sync: CardSync | undefined): KnownBlock[] {
  if (!sync) return [];
  const name = escapeText(sync.system);
  const state = sync.sync;
  switch (state.state) {
    case 'never':
      return [];
    case 'in_sync':
      return [
        context(
          state.notApplied
            ? `In sync with ${name}, except: ${reasonText(state.notApplied)}`
            : `In sync with ${name}`,
        ),
      ];
    case 'pending':
      return [context(`Being applied to ${name}…${state.reason ? ` (${reasonText(state.reason)})` : ''}`)];
    case 'failed': {
      const text = `:warning: ${name} refused: ${reasonText(state.reason || state.message)}`;
      if (!sync.canRetry) return [section(text)];
      return [{ ...section(text), accessory: retryButton(card.directoryUserId) } as KnownBlock];
    }
  }
}

/** What a Retry button answers: how many are tried again, or why nobody is. */
export function retriedMessage(retried: number, system: string | undefined): string {
  if (retried === 0)
    return `Nothing to try again: nobody is refused now (someone retried already, or the line changed since). ${code('/phone sync')} shows where everyone stands.`;
  const where = system ? ` with ${escapeText(system)}` : '';
  return `Trying ${plural(retried, 'person', 'people')} again${where}. ${code('/phone sync')} shows how it goes.`;
}
