import type { UserRef } from '../../../domain/user-ref.ts';
import { addMainNumber, removeMainNumber } from '../../../services/main-numbers.ts';
import { addBlocked, blockedList, removeBlocked } from '../../../services/settings/blocked.ts';
import { copySettings } from '../../../services/settings/copy.ts';
import { addAssistant, removeAssistant } from '../../../services/settings/delegation.ts';
import { setSettings } from '../../../services/settings/set-settings.ts';
import {
  blockedAddedMessage,
  blockedListMessage,
  blockedRemovedMessage,
  delegationAddedMessage,
  delegationRemovedMessage,
  mainNumberMessage,
  settingsChangedMessage,
  settingsCopiedMessage,
} from '../../blocks/settings-changes.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { type HandlerContext, settle } from './context.ts';

/** `/phone set <user> key=value …`: the channel hears what changed; a PIN is only said to have changed. */
export function set(
  ctx: HandlerContext,
  user: UserRef,
  values: { key: string; value: string }[],
): Promise<Outcome> {
  return settle(setSettings(ctx.deps, ctx.actor, user, values), (result) => ({
    channel: settingsChangedMessage(ctx.actor.slackUserId, result),
  }));
}

export function block(ctx: HandlerContext, action: 'add' | 'remove', user: UserRef, entry: string) {
  const change = action === 'add' ? addBlocked : removeBlocked;
  const message = action === 'add' ? blockedAddedMessage : blockedRemovedMessage;
  return settle(change(ctx.deps, ctx.actor, user, entry), (result) => ({
    channel: message(ctx.actor.slackUserId, result),
  }));
}

export function blocked(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(blockedList(ctx.deps, ctx.actor, user), (result) =>
    ephemeral(blockedListMessage(result.card, result.blocked)),
  );
}

/** Delegation changes are posted, and the assistant (or, when the assistant ended it, the owner) gets a DM. */
export function delegate(
  ctx: HandlerContext,
  action: 'add' | 'remove',
  user: UserRef,
  assistant: UserRef,
): Promise<Outcome> {
  const added = action === 'add';
  const change = added ? addAssistant : removeAssistant;
  return settle(change(ctx.deps, ctx.actor, user, assistant), (result) => ({
    channel: (added ? delegationAddedMessage : delegationRemovedMessage)(ctx.actor.slackUserId, result),
  }));
}

export function copy(ctx: HandlerContext, from: UserRef, users: UserRef[]): Promise<Outcome> {
  return settle(copySettings(ctx.deps, ctx.actor, from, users), (result) => ({
    channel: settingsCopiedMessage(ctx.actor.slackUserId, result),
  }));
}

export function mainNumber(ctx: HandlerContext, action: 'add' | 'remove', number: string): Promise<Outcome> {
  const added = action === 'add';
  const change = added ? addMainNumber : removeMainNumber;
  return settle(change(ctx.deps, ctx.actor, number), (result) => ({
    channel: mainNumberMessage(ctx.actor.slackUserId, result, added),
  }));
}
