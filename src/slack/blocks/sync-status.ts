import { csvRecord, echoedCell } from '../../csv/formula.ts';
import type { Refusal, ReplyStatus } from '../../services/sync-replies.ts';
import { escapeText } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, type KnownBlock, type Message } from './message.ts';

/** Refusals named under a change; the rest are counted, and `/phone sync` lists them all. */
const REFUSALS_SHOWN = 5;

const count = (n: number) => n.toLocaleString('en-US');

/** The status line under a change: how the phone system took it, in words for the admin. */
export function statusLine(system: string, status: ReplyStatus): string {
  const name = escapeText(system);
  switch (status.kind) {
    case 'applying': {
      if (status.total <= 1) {
        const why = status.reason ? `: ${escapeText(status.reason)}` : '';
        return `:hourglass_flowing_sand: Applying to ${name}…${why}`;
      }
      const done = status.total - status.waiting - status.refused;
      const refused = status.refused > 0 ? `, ${count(status.refused)} refused` : '';
      return `:hourglass_flowing_sand: Applying to ${name}: ${count(done)} of ${count(status.total)} people applied${refused}…`;
    }
    case 'applied':
      return status.notApplied.length === 0
        ? `:white_check_mark: Applied in ${name}.`
        : `:white_check_mark: Applied in ${name}, except: ${status.notApplied.map(escapeText).join(' ')}`;
    case 'refused': {
      const shown = status.failures
        .slice(0, REFUSALS_SHOWN)
        .map((f) => `${escapeText(f.email)}: ${escapeText(f.reason)}`);
      const more = status.failures.length - shown.length;
      const rest = more > 0 ? `\n…and ${more} more: see \`/phone sync\`.` : '';
      return `:warning: ${name} refused ${status.failures.length === status.total ? 'this change' : `part of this change (${status.failures.length} of ${status.total})`}.\n${shown.join('\n')}${rest}\nFix the cause (in ${name} or here), then Retry.`;
    }
  }
}

/** The change's message with its status line (and, for a refusal, Retry and Revert buttons) under it. */
export function withSyncStatus(
  message: Message,
  line: string,
  status: ReplyStatus,
  replyId: number | undefined,
): Message {
  const blocks: KnownBlock[] = [...message.blocks, context(line)];
  if (status.kind === 'refused' && replyId !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.syncReplyRetry,
          text: { type: 'plain_text', text: 'Retry' },
          value: String(replyId),
        },
        {
          type: 'button',
          action_id: ACTIONS.syncReplyRevert,
          text: { type: 'plain_text', text: 'Revert in Switchboard' },
          value: String(replyId),
          confirm: {
            title: { type: 'plain_text', text: 'Revert in Switchboard?' },
            text: {
              type: 'mrkdwn',
              text: `Switchboard takes this change back for the ${status.failures.length === 1 ? 'person' : `${status.failures.length} people`} the phone system refused, so both hold what they held before. Everyone else keeps the change.`,
            },
            confirm: { type: 'plain_text', text: 'Revert' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
      ],
    });
  }
  return { text: message.text, blocks };
}

/** Whether a message has room for the status line and its button within Slack's block limit. */
export const roomForStatus = (message: Message) => message.blocks.length + 2 <= BLOCK_KIT.messageBlocks;

/** The note under a change whose parts no adapter sends yet: what to set by hand in the phone system. */
export function notSentNote(system: string, what: readonly string[]): string {
  const name = escapeText(system);
  return `:information_source: ${what.join(' and ')} are kept in Switchboard only for now: make this change in ${name} too.`;
}

export function withNote(message: Message, note: string): Message {
  return { text: message.text, blocks: [...message.blocks, context(note)] };
}

/** The file of an import's rows the phone system refused, named after the imported file. */
export const refusalsFileName = (fileName: string, system: string) =>
  `${fileName.replace(/\.csv$/i, '')}-refused-by-${system.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`;

/**
 * Every person of an import the phone system refused, for a spreadsheet: who, why in plain words, and the phone
 * system's own code and message (what its support asks for). No cell runs as a formula.
 */
export function refusalsCsv(system: string, failures: readonly Refusal[]): string {
  let text = csvRecord(['Email', 'Reason', `${system} Code`, `${system} Message`]);
  for (const failure of failures) {
    text += csvRecord([
      echoedCell(failure.email, true),
      echoedCell(failure.reason, false),
      echoedCell(failure.code ?? '', false),
      echoedCell(failure.message ?? '', false),
    ]);
  }
  return text;
}

/** The message the refused rows' file comes with, in the importing admin's direct messages. */
export function refusalsComment(system: string, fileName: string, refused: number, total: number): string {
  return `${escapeText(system)} refused ${count(refused)} of the ${count(total)} people of *${escapeText(fileName)}*: here is each with the reason. Fix the cause (in ${escapeText(system)} or in a corrected file), then press Retry under the import's summary.`;
}

/** The line that takes the status line's place once an admin reverted the refused part of a change. */
export function revertedLine(actorId: string, people: readonly { email: string }[]): string {
  const who = people.slice(0, REFUSALS_SHOWN).map((p) => escapeText(p.email));
  const more = people.length - who.length;
  return `:leftwards_arrow_with_hook: <@${actorId}> reverted this change in Switchboard for ${who.join(', ')}${more > 0 ? ` and ${more} more` : ''}, whom the phone system had refused.`;
}
