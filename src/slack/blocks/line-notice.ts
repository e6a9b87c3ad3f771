import type { LineNotice, NoticeItem } from '../../domain/notices.ts';
import { escapeText, listing, mention, who } from '../format.ts';
import { type Message, section } from './message.ts';

const byWhom = (actor: string) => (/^[UW][A-Z0-9]+$/.test(actor) ? mention(actor) : 'a phone admin');

/** One sentence per item, as the person reads it; a voicemail PIN is only ever said to have changed. */
function sentence(item: NoticeItem, actor: string): string {
  const by = byWhom(actor);
  switch (item.what) {
    case 'assigned': {
      const plans = item.plans.length > 0 ? ` Calling plan: ${escapeText(listing(item.plans))}.` : '';
      const numbers =
        item.numbers.length > 0
          ? ` Direct number${item.numbers.length > 1 ? 's' : ''}: ${listing(item.numbers.map((n) => `*${n}*`))}.`
          : '';
      return `You now have a phone line: extension *${item.extension}* at site ${escapeText(item.site)}.${plans}${numbers} Type \`/phone me\` any time to see your phone details.`;
    }
    case 'removed':
      return 'Your phone license was removed: you can no longer make or receive calls on your extension. Ask a phone admin if this is unexpected.';
    case 'extension':
      return `Your extension changed from *${item.from}* to *${item.to}* (changed by ${by}).`;
    case 'site':
      return `Your phone line moved from ${escapeText(item.from)} to ${escapeText(item.to)}: your extension is *${item.extension}* (changed by ${by}).`;
    case 'plans_added':
      return `You now have the ${escapeText(listing(item.plans))} calling plan (given by ${by}).`;
    case 'plans_removed':
      return `The ${escapeText(listing(item.plans))} calling plan was taken off your line (by ${by}).`;
    case 'numbers_added':
      return `Your new direct number${item.numbers.length > 1 ? 's' : ''}: ${listing(item.numbers.map((n) => `*${n}*`))} (given by ${by}).`;
    case 'numbers_released':
      return `Direct number${item.numbers.length > 1 ? 's' : ''} ${listing(item.numbers.map((n) => `*${n}*`))} no longer ring${item.numbers.length > 1 ? '' : 's'} your line (changed by ${by}).`;
    case 'status':
      return item.status === 'inactive'
        ? 'Your phone line was deactivated: you cannot make or receive calls for now. Your extension, numbers and voicemail are kept. Ask a phone admin if this is unexpected.'
        : `Your phone line is active again: extension *${item.extension}* can make and receive calls.`;
    case 'pin':
      return `Your voicemail PIN was changed by ${by}. Ask them for the new one, or choose your own with \`/phone settings\`.`;
    case 'assistant_added':
      return `${who(item.assistant)} can now answer your calls as your assistant (set up by ${by}).`;
    case 'assistant_removed':
      return item.assistant.slackUserId === actor
        ? `${who(item.assistant)} stopped answering your calls as your assistant.`
        : `${who(item.assistant)} no longer answers your calls as your assistant (changed by ${by}).`;
    case 'assisting_added':
      return `You are now an assistant of ${who(item.owner)}: you can answer their calls (set up by ${by}).`;
    case 'assisting_removed':
      return item.owner.slackUserId === actor
        ? `${who(item.owner)} ended your delegation: you will not answer their calls any more.`
        : `You are no longer an assistant of ${who(item.owner)}: you will not answer their calls any more (changed by ${by}).`;
  }
}

const plainText = (mrkdwn: string) => mrkdwn.replace(/[*`]/g, '');

/** The one direct message a person gets about one request: a sentence, or a list when it changed several things. */
export function lineNoticeMessage(notice: LineNotice): Message {
  const sentences = notice.items.map((item) => sentence(item, notice.actor));
  if (sentences.length === 1) {
    const [only = ''] = sentences;
    return { text: plainText(only), blocks: [section(only)] };
  }
  const intro = `Your phone line changed (by ${byWhom(notice.actor)}):`;
  const body = `${intro}\n${sentences.map((s) => `• ${s}`).join('\n')}`;
  return { text: `${plainText(intro)} ${sentences.length} changes.`, blocks: [section(body)] };
}
