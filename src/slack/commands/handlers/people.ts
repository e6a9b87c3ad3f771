import type { UserRef } from '../../../domain/user-ref.ts';
import { assignLicenses, previewRemoval } from '../../../services/licenses.ts';
import { addDirectoryUser } from '../../../services/people.ts';
import { history, type ListQuery, listPhoneUsers, myCard, showUser } from '../../../services/queries.ts';
import { cardMessage, notPhoneUserMessage } from '../../blocks/card.ts';
import { section } from '../../blocks/message.ts';
import { removalPrompt } from '../../blocks/removal.ts';
import { assignedMessage, historyMessage, listMessage } from '../../blocks/results.ts';
import { escapeText, mention } from '../../format.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { encodeListCursor, encodeRemoval, removalOf } from '../../payloads.ts';
import { type HandlerContext, settle } from './context.ts';

export function assign(
  ctx: HandlerContext,
  users: UserRef[],
  site?: string,
  plan?: string,
): Promise<Outcome> {
  return settle(assignLicenses(ctx.deps, ctx.actor, { users, site, plan }), (result) => ({
    channel: assignedMessage(ctx.actor.slackUserId, result),
  }));
}

/** Removal is destructive: this only shows what would go, with a danger button that does it. */
export function remove(ctx: HandlerContext, users: UserRef[]): Promise<Outcome> {
  return settle(previewRemoval(ctx.deps, ctx.actor, users), (previews) =>
    ephemeral(removalPrompt(previews, encodeRemoval(previews.map(removalOf)))),
  );
}

export function show(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(showUser(ctx.deps, ctx.actor, user), (card) =>
    ephemeral(
      card.kind === 'phone_user'
        ? cardMessage(card.card, card.details, card.sync)
        : notPhoneUserMessage(card.person),
    ),
  );
}

export function me(ctx: HandlerContext): Promise<Outcome> {
  return settle(myCard(ctx.deps, ctx.actor), (card) =>
    ephemeral(
      card.kind === 'phone_user'
        ? cardMessage(card.card, card.details, card.sync)
        : notPhoneUserMessage(card.person, true),
    ),
  );
}

export function list(ctx: HandlerContext, query: ListQuery, after = 0): Promise<Outcome> {
  return settle(listPhoneUsers(ctx.deps, ctx.actor, query, after), (page) =>
    ephemeral(
      listMessage(page, page.nextAfter === undefined ? undefined : encodeListCursor(query, page.nextAfter)),
    ),
  );
}

export function addUser(
  ctx: HandlerContext,
  email: string,
  firstName: string,
  lastName: string,
): Promise<Outcome> {
  return settle(addDirectoryUser(ctx.deps, ctx.actor, { email, firstName, lastName }), (user) => {
    const linked = user.slackUserId ? ` (Slack: ${mention(user.slackUserId)})` : '';
    const text = `${mention(ctx.actor.slackUserId)} added ${escapeText(`${user.firstName} ${user.lastName}`)} (${escapeText(user.email)})${linked} to the directory. Give them a phone license with \`/phone assign ${escapeText(user.email)}\`.`;
    return { channel: { text: `Added ${user.email} to the directory`, blocks: [section(text)] } };
  });
}

export function showHistory(ctx: HandlerContext, ref: UserRef | 'recent'): Promise<Outcome> {
  return settle(history(ctx.deps, ctx.actor, ref), (h) => ephemeral(historyMessage(h.subject, h.entries)));
}
