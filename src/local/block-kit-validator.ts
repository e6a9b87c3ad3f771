import { blocksTextLength, checkBlockList, hasInputBlock } from './block-kit/blocks.ts';
import { checkArray, checkString, checkText, isObject, Problems } from './block-kit/checks.ts';

/** Limits from docs.slack.dev and @slack/types (see slack-platform.md §1.9 and §1.10). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  updateText: 4_000,
  /** Undocumented; Slack staff quoted "12,000 text characters with a buffer" (bolt-js #2509, #2867). */
  blocksText: 12_000,
  attachments: 100,
  viewBytes: 250_000,
} as const;

/** Every Block Kit problem in a message's `blocks`, as `"[ERROR] <pointer>: <reason>"` strings. */
export function validateMessageBlocks(blocks: unknown): string[] {
  const p = new Problems();
  const list = checkArray(p, blocks, '/blocks', { max: LIMITS.messageBlocks });
  checkBlockList(p, list, '/blocks');
  return p.list;
}

/** Every problem in a modal or Home tab view object. */
export function validateView(view: unknown): string[] {
  const p = new Problems();
  if (!isObject(view)) {
    p.add('/view', 'must be a view object');
    return p.list;
  }
  const isModal = view.type === 'modal';
  if (!isModal && view.type !== 'home') p.add('/view/type', 'must be modal or home');
  const blocks = checkArray(p, view.blocks, '/view/blocks', { max: LIMITS.viewBlocks, required: true });
  checkBlockList(p, blocks, '/view/blocks');
  if (isModal) {
    checkText(p, view.title, '/view/title', { max: 24, plainOnly: true });
    checkText(p, view.submit, '/view/submit', { max: 24, plainOnly: true, required: false });
    checkText(p, view.close, '/view/close', { max: 24, plainOnly: true, required: false });
    if (view.submit === undefined && hasInputBlock(blocks)) {
      p.add('/view/submit', 'is required when the view has input blocks');
    }
  } else {
    if (view.submit !== undefined) p.add('/view/submit', 'is not allowed in a home view');
    if (view.close !== undefined) p.add('/view/close', 'is not allowed in a home view');
  }
  checkString(p, view.private_metadata, '/view/private_metadata', { max: 3000 });
  checkString(p, view.callback_id, '/view/callback_id', { max: 255 });
  checkString(p, view.external_id, '/view/external_id', { max: 255 });
  return p.list;
}

export type Rejection = { error: string; messages: string[] };

export type MessageContent = { text?: unknown; blocks?: unknown; attachments?: unknown };

/**
 * What Slack would answer for a message body (chat.*, ack bodies, response_url): the first failing rule wins,
 * as Slack reports one error code per call.
 */
export function checkMessage(content: MessageContent, opts: { maxText: number }): Rejection | undefined {
  const { text, blocks, attachments } = content;
  if (typeof blocks === 'string') {
    return { error: 'invalid_blocks_format', messages: ['[ERROR] /blocks: not JSON'] };
  }
  const hasText = typeof text === 'string' && text.length > 0;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments) {
    return { error: 'no_text', messages: ['[ERROR] /text: text, blocks or attachments is required'] };
  }
  if (typeof text === 'string' && text.length > opts.maxText) {
    return {
      error: 'msg_too_long',
      messages: [`[ERROR] /text: must be at most ${opts.maxText} characters (got ${text.length})`],
    };
  }
  if (Array.isArray(attachments) && attachments.length > LIMITS.attachments) {
    return {
      error: 'too_many_attachments',
      messages: [`[ERROR] /attachments: at most ${LIMITS.attachments}`],
    };
  }
  if (blocks !== undefined) {
    const messages = validateMessageBlocks(blocks);
    if (messages.length > 0) return { error: 'invalid_blocks', messages };
    const length = blocksTextLength(blocks);
    if (length > LIMITS.blocksText) {
      return {
        error: 'msg_blocks_too_long',
        messages: [
          `[ERROR] /blocks: ${length} characters of text in blocks (Slack allows about ${LIMITS.blocksText})`,
        ],
      };
    }
  }
  return undefined;
}

/** views.open/push/update/publish: Slack answers `invalid_arguments` with the pointers for a bad view. */
export function checkViewPayload(view: unknown): Rejection | undefined {
  if (typeof view === 'string') return { error: 'invalid_arguments', messages: ['[ERROR] /view: not JSON'] };
  const bytes = Buffer.byteLength(JSON.stringify(view ?? null));
  if (bytes > LIMITS.viewBytes) {
    return {
      error: 'view_too_large',
      messages: [`[ERROR] /view: ${bytes} bytes (at most ${LIMITS.viewBytes})`],
    };
  }
  const messages = validateView(view);
  return messages.length > 0 ? { error: 'invalid_arguments', messages } : undefined;
}
