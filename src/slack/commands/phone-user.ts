import {
  addNumber,
  addPlan,
  changeExtension,
  moveSite,
  removeNumber,
  removePlan,
  setStatus,
} from '../../services/phone-user-changes.ts';
import { extensionLabel, personOfCard } from '../blocks/card.ts';
import { planRemovalPrompt, planRemovedMessage } from '../blocks/plan-removal.ts';
import { changeLine } from '../blocks/results.ts';
import { code, escapeText, listing, who } from '../format.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { planRemovalValue } from '../payloads.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  needs,
  ok,
  oneUser,
  positional,
  readNumber,
  readOptions,
  readUser,
  textOf,
  unexpected,
} from './grammar.ts';
import { isStandaloneEntity, type Token } from './tokenize.ts';
import type { UserRef } from './user-ref.ts';

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

// The commands
export type ExtCommand = { name: 'ext'; user: UserRef; extension: string };
export const extCommand = defineCommand<ExtCommand>({
  name: 'ext',
  syntax: 'ext <user> <extension>',
  description: "Change a person's extension.",
  example: '/phone ext @ada 4102',
  audience: 'admin',
  section: 'Phone users',
  parse: parseExt,
  run: (ctx, c) => ext(ctx, c.user, c.extension),
});

export type MoveCommand = { name: 'move'; user: UserRef; site: string };
export const moveCommand = defineCommand<MoveCommand>({
  name: 'move',
  syntax: 'move <user> site:<site>',
  description: 'Move a person to another site.',
  example: '/phone move @ada site:"New York"',
  audience: 'admin',
  section: 'Phone users',
  parse: parseMove,
  run: (ctx, c) => move(ctx, c.user, c.site),
});

export type DeactivateCommand = { name: 'deactivate'; user: UserRef };
export const deactivateCommand = defineCommand<DeactivateCommand>({
  name: 'deactivate',
  syntax: 'deactivate <user>',
  description: 'Set a phone user to inactive.',
  example: '/phone deactivate @ada',
  audience: 'admin',
  section: 'Phone users',
  parse: (args) => oneUser('deactivate', args),
  run: (ctx, c) => status(ctx, c.user, 'inactive'),
});

export type ActivateCommand = { name: 'activate'; user: UserRef };
export const activateCommand = defineCommand<ActivateCommand>({
  name: 'activate',
  syntax: 'activate <user>',
  description: 'Set a phone user back to active.',
  example: '/phone activate @ada',
  audience: 'admin',
  section: 'Phone users',
  parse: (args) => oneUser('activate', args),
  run: (ctx, c) => status(ctx, c.user, 'active'),
});

export type PlanAddCommand = { name: 'plan.add'; user: UserRef; plan: string };
export const planAddCommand = defineCommand<PlanAddCommand>({
  name: 'plan.add',
  syntax: 'plan add <user> <plan>',
  description: 'Give a person a calling plan.',
  example: '/phone plan add @ada US/CA Unlimited',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parsePlanAdd,
  run: (ctx, c) => planAdd(ctx, c.user, c.plan),
});

export type PlanRemoveCommand = { name: 'plan.remove'; user: UserRef; plan?: string };
export const planRemoveCommand = defineCommand<PlanRemoveCommand>({
  name: 'plan.remove',
  syntax: 'plan remove <user> [<plan>]',
  description:
    'Take a calling plan away from a person; when that releases direct numbers, it names them and asks first.',
  example: '/phone plan remove @ada US/CA Unlimited',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parsePlanRemove,
  run: (ctx, c) => planRemove(ctx, c.user, c.plan),
});

export type NumberAddCommand = { name: 'number.add'; user: UserRef; number?: string };
export const numberAddCommand = defineCommand<NumberAddCommand>({
  name: 'number.add',
  syntax: 'number add <user> [<+E164>]',
  description: 'Give a person a direct number; leave the number out to get a free one.',
  example: '/phone number add @ada +14155550100',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: (args) => parseUserNumber('number.add', args),
  run: (ctx, c) => numberAdd(ctx, c.user, c.number),
});

export type NumberRemoveCommand = { name: 'number.remove'; user: UserRef; number?: string };
export const numberRemoveCommand = defineCommand<NumberRemoveCommand>({
  name: 'number.remove',
  syntax: 'number remove <user> [<+E164>]',
  description: 'Take a direct number away from a person.',
  example: '/phone number remove @ada +14155550100',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: (args) => parseUserNumber('number.remove', args),
  run: (ctx, c) => numberRemove(ctx, c.user, c.number),
});

function parseExt(args: Token[]): Read<ExtCommand> {
  const rest = positional('ext', args);
  if (!rest.ok) return rest;
  const [userWord, extensionWord, extra] = rest.value;
  if (!userWord || !extensionWord) return needs('ext', 'a user and an extension');
  const user = readUser('ext', userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(extensionWord)) return unexpected('ext', extensionWord);
  if (extra) return unexpected('ext', extra);
  return ok({ name: 'ext', user: user.value, extension: extensionWord.text });
}

function parsePlanAdd(args: Token[]): Read<PlanAddCommand> {
  const rest = positional('plan.add', args);
  if (!rest.ok) return rest;
  const [userWord, ...planWords] = rest.value;
  if (!userWord || planWords.length === 0) return needs('plan.add', 'a user and a plan');
  const user = readUser('plan.add', userWord);
  if (!user.ok) return user;
  const plan = textOf('plan.add', planWords);
  if (!plan.ok) return plan;
  return ok({ name: 'plan.add', user: user.value, plan: plan.value });
}

function parsePlanRemove(args: Token[]): Read<PlanRemoveCommand> {
  const rest = positional('plan.remove', args);
  if (!rest.ok) return rest;
  const [userWord, ...planWords] = rest.value;
  if (!userWord) return needs('plan.remove', 'a user');
  const user = readUser('plan.remove', userWord);
  if (!user.ok) return user;
  const plan = textOf('plan.remove', planWords);
  if (!plan.ok) return plan;
  return ok({ name: 'plan.remove', user: user.value, ...(plan.value === '' ? {} : { plan: plan.value }) });
}

function parseUserNumber(name: 'number.add', args: Token[]): Read<NumberAddCommand>;
function parseUserNumber(name: 'number.remove', args: Token[]): Read<NumberRemoveCommand>;
function parseUserNumber(
  name: 'number.add' | 'number.remove',
  args: Token[],
): Read<NumberAddCommand | NumberRemoveCommand> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, ...numberWords] = rest.value;
  if (!userWord) return needs(name, 'a user');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (numberWords.length === 0) return ok({ name, user: user.value });
  const number = readNumber(name, numberWords);
  if (!number.ok) return number;
  return ok({ name, user: user.value, number: number.value });
}

function parseMove(args: Token[]): Read<MoveCommand> {
  const read = readOptions('move', args, ['site']);
  if (!read.ok) return read;
  const [userWord, extra] = read.value.rest;
  const { site } = read.value.options;
  if (!userWord) return needs('move', 'a user and `site:`');
  if (site === undefined) return needs('move', 'the site as `site:`');
  const user = readUser('move', userWord, ['site']);
  if (!user.ok) return user;
  if (extra) return unexpected('move', extra);
  return ok({ name: 'move', user: user.value, site });
}

/** The commands of this file, in the order help lists them. */
export const commands = [
  extCommand,
  moveCommand,
  deactivateCommand,
  activateCommand,
  planAddCommand,
  planRemoveCommand,
  numberAddCommand,
  numberRemoveCommand,
] as const;
