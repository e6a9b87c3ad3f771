import type { UserRef } from '../../../domain/user-ref.ts';
import {
  addNumber,
  addPlan,
  changeExtension,
  moveSite,
  removeNumber,
  removePlan,
  setStatus,
} from '../../../services/phone-user-changes.ts';
import { extensionLabel, personOfCard } from '../../blocks/card.ts';
import { planRemovalPrompt, planRemovedMessage } from '../../blocks/plan-removal.ts';
import { changeLine } from '../../blocks/results.ts';
import { code, escapeText, listing, who } from '../../format.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { planRemovalValue } from '../../payloads.ts';
import { type HandlerContext, settle } from './context.ts';

export function ext(ctx: HandlerContext, user: UserRef, extension: string): Promise<Outcome> {
  return settle(changeExtension(ctx.deps, ctx.actor, user, extension), ({ before, after }) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `changed the extension of ${who(personOfCard(after))} from ${code(before.extension)} to ${code(extensionLabel(after))}.`,
    ),
  }));
}

export function planAdd(ctx: HandlerContext, user: UserRef, plan: string): Promise<Outcome> {
  return settle(addPlan(ctx.deps, ctx.actor, user, plan), ({ before, after }) => {
    const added = after.plans
      .filter((p) => !before.plans.some((b) => b.code === p.code))
      .map((p) => p.shortName);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `gave ${who(personOfCard(after))} the ${escapeText(listing(added))} calling plan. They can now get a direct number with \`/phone number add\`.`,
      ),
    };
  });
}

/** Removing the last plan releases direct numbers: that is asked first, naming them, with a button that does it. */
export function planRemove(ctx: HandlerContext, user: UserRef, plan: string | undefined): Promise<Outcome> {
  return settle(removePlan(ctx.deps, ctx.actor, user, plan), (removal) =>
    removal.kind === 'confirm'
      ? ephemeral(planRemovalPrompt(removal, planRemovalValue(removal, plan !== undefined)))
      : { channel: planRemovedMessage(ctx.actor.slackUserId, removal) },
  );
}

export function numberAdd(ctx: HandlerContext, user: UserRef, number: string | undefined): Promise<Outcome> {
  return settle(addNumber(ctx.deps, ctx.actor, user, number), ({ after, number: assigned }) => ({
    channel: changeLine(ctx.actor.slackUserId, `assigned ${code(assigned)} to ${who(personOfCard(after))}.`),
  }));
}

export function numberRemove(
  ctx: HandlerContext,
  user: UserRef,
  number: string | undefined,
): Promise<Outcome> {
  return settle(removeNumber(ctx.deps, ctx.actor, user, number), ({ after, releasedNumbers }) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `released ${listing(releasedNumbers.map(code))} from ${who(personOfCard(after))}; back in the inventory.`,
    ),
  }));
}

export function move(ctx: HandlerContext, user: UserRef, site: string): Promise<Outcome> {
  return settle(moveSite(ctx.deps, ctx.actor, user, site), ({ before, after, extensionChanged }) => {
    const extension = extensionChanged
      ? ` Their extension ${code(before.extension)} was taken there, so it is now ${code(extensionLabel(after))}.`
      : ` Extension: ${code(extensionLabel(after))}.`;
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `moved ${who(personOfCard(after))} from ${escapeText(before.site)} to ${escapeText(after.site)}.${extension}`,
      ),
    };
  });
}

export function status(ctx: HandlerContext, user: UserRef, wanted: 'active' | 'inactive'): Promise<Outcome> {
  return settle(setStatus(ctx.deps, ctx.actor, user, wanted), ({ after }) => {
    const person = who(personOfCard(after));
    const what =
      wanted === 'inactive'
        ? `deactivated ${person}: they keep extension ${code(after.extension)}, numbers and settings, but cannot make or receive calls until activated.`
        : `activated ${person}: extension ${code(after.extension)} can make and receive calls again.`;
    return { channel: changeLine(ctx.actor.slackUserId, what) };
  });
}
