import type { AddressInput } from '../../domain/address.ts';
import {
  addQueue,
  addQueueMember,
  addReceptionist,
  queuesOverview,
  receptionistsOverview,
  removeQueueMember,
  setOperator,
} from '../../services/routing.ts';
import {
  allowSelfManagedAddress,
  setSiteDefaultAddress,
  setUserAddress,
  useSiteDefaultAddress,
} from '../../services/settings/address.ts';
import { addDeskPhone, removeDeskPhone } from '../../services/settings/desk-phones.ts';
import {
  deskPhoneAddedMessage,
  deskPhoneRemovedMessage,
  memberChangedMessage,
  operatorChangedMessage,
  queueCreatedMessage,
  queuesMessage,
  receptionistCreatedMessage,
  receptionistsMessage,
  selfManagedAddressMessage,
  siteAddressMessage,
  userAddressMessage,
} from '../blocks/places-and-devices.ts';
import { showInput } from '../format.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  bare,
  type CommandName,
  example,
  fail,
  keyword,
  label,
  needs,
  type OptionKey,
  ok,
  optionExamples,
  type Parsed,
  positional,
  readOptions,
  readUser,
  showToken,
  textOf,
  unexpected,
  usageFor,
} from './grammar.ts';
import { isStandaloneEntity, type Token, type WordToken } from './tokenize.ts';
import { showWord, type UserRef } from './user-ref.ts';

/** Emergency addresses, desk phones, call queues and auto receptionists: each a service call and a builder. */

export function userAddress(ctx: HandlerContext, user: UserRef, address: AddressInput): Promise<Outcome> {
  return settle(setUserAddress(ctx.deps, ctx.actor, user, address), (change) => ({
    channel: userAddressMessage(ctx.actor.slackUserId, change),
  }));
}

export function userSiteDefaultAddress(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(useSiteDefaultAddress(ctx.deps, ctx.actor, user), (change) => ({
    channel: userAddressMessage(ctx.actor.slackUserId, change),
  }));
}

export function allowSelfAddress(ctx: HandlerContext, user: UserRef, allowed: boolean): Promise<Outcome> {
  return settle(allowSelfManagedAddress(ctx.deps, ctx.actor, user, allowed), (change) => ({
    channel: selfManagedAddressMessage(ctx.actor.slackUserId, change.card, change.allowed),
  }));
}

export function siteAddress(ctx: HandlerContext, site: string, address: AddressInput): Promise<Outcome> {
  return settle(setSiteDefaultAddress(ctx.deps, ctx.actor, site, address), (change) => ({
    channel: siteAddressMessage(ctx.actor.slackUserId, change.site, change.after),
  }));
}

export function phoneAdd(ctx: HandlerContext, user: UserRef, mac: string, model: string): Promise<Outcome> {
  return settle(addDeskPhone(ctx.deps, ctx.actor, user, mac, model), (change) => ({
    channel: deskPhoneAddedMessage(ctx.actor.slackUserId, change),
  }));
}

export function phoneRemove(ctx: HandlerContext, user: UserRef, mac: string): Promise<Outcome> {
  return settle(removeDeskPhone(ctx.deps, ctx.actor, user, mac), (change) => ({
    channel: deskPhoneRemovedMessage(ctx.actor.slackUserId, change),
  }));
}

export function queueAdd(
  ctx: HandlerContext,
  name: string,
  extension: string,
  site: string | undefined,
): Promise<Outcome> {
  return settle(addQueue(ctx.deps, ctx.actor, { name, extension, site }), (created) => ({
    channel: queueCreatedMessage(ctx.actor.slackUserId, created),
  }));
}

export function queueMember(
  ctx: HandlerContext,
  action: 'add' | 'remove',
  queue: string,
  user: UserRef,
  manager: boolean,
): Promise<Outcome> {
  const change = action === 'add' ? addQueueMember : removeQueueMember;
  return settle(change(ctx.deps, ctx.actor, queue, user, manager), (result) => ({
    channel: memberChangedMessage(ctx.actor.slackUserId, result),
  }));
}

export function queues(ctx: HandlerContext): Promise<Outcome> {
  return settle(queuesOverview(ctx.deps, ctx.actor), (list) => ephemeral(queuesMessage(list)));
}

export function receptionistAdd(
  ctx: HandlerContext,
  input: { name: string; extension: string; site?: string | undefined; operator?: UserRef | undefined },
): Promise<Outcome> {
  return settle(addReceptionist(ctx.deps, ctx.actor, input), (created) => ({
    channel: receptionistCreatedMessage(ctx.actor.slackUserId, created),
  }));
}

export function receptionistOperator(
  ctx: HandlerContext,
  name: string,
  operator: UserRef | null,
): Promise<Outcome> {
  return settle(setOperator(ctx.deps, ctx.actor, name, operator), (change) => ({
    channel: operatorChangedMessage(ctx.actor.slackUserId, change),
  }));
}

export function receptionists(ctx: HandlerContext): Promise<Outcome> {
  return settle(receptionistsOverview(ctx.deps, ctx.actor), (list) => ephemeral(receptionistsMessage(list)));
}

// The commands
export type AddressCommand = { name: 'address'; user: UserRef; address: AddressWords };
export type AddressSiteDefaultCommand = { name: 'address.site-default'; user: UserRef };
export type AddressAllowSelfCommand = { name: 'address.allow-self'; user: UserRef; allowed: boolean };
export const addressCommand = defineCommand<
  AddressCommand | AddressSiteDefaultCommand | AddressAllowSelfCommand
>({
  name: 'address',
  syntax: 'address <user> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"<line 2>"]',
  description: 'Give a person their own emergency address (yours, if your admin allows it).',
  example: '/phone address @ada "1 Main St" "San Francisco" CA 94105 US',
  audience: 'self',
  section: 'Addresses, desk phones & queues',
  also: [
    {
      name: 'address.site-default',
      syntax: 'address <user> site-default',
      description: "Put a person back on their site's default emergency address.",
      example: '/phone address @ada site-default',
      audience: 'self',
      section: 'Addresses, desk phones & queues',
    },
    {
      name: 'address.allow-self',
      syntax: 'address <user> allow-self on|off',
      description: 'Let a person manage their own emergency address, or stop them.',
      example: '/phone address @ada allow-self on',
      audience: 'admin',
      section: 'Addresses, desk phones & queues',
    },
  ],
  parse: parseAddress,
  run: (ctx, c) => {
    if (c.name === 'address.site-default') return userSiteDefaultAddress(ctx, c.user);
    if (c.name === 'address.allow-self') return allowSelfAddress(ctx, c.user, c.allowed);
    return userAddress(ctx, c.user, c.address);
  },
});

export type PhoneAddCommand = { name: 'phone.add'; user: UserRef; mac: string; model: string };
export const phoneAddCommand = defineCommand<PhoneAddCommand>({
  name: 'phone.add',
  syntax: 'phone add <user> <MAC> <model>',
  description: 'Give a person a desk phone (at most 3); it rings with their other phones.',
  example: '/phone phone add @ada 00:1A:2B:3C:4D:5E Model A20',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => parseDeskPhone('phone.add', args),
  run: (ctx, c) => phoneAdd(ctx, c.user, c.mac, c.model),
});

export type PhoneRemoveCommand = { name: 'phone.remove'; user: UserRef; mac: string };
export const phoneRemoveCommand = defineCommand<PhoneRemoveCommand>({
  name: 'phone.remove',
  syntax: 'phone remove <user> <MAC>',
  description: 'Take a desk phone away from a person.',
  example: '/phone phone remove @ada 00:1A:2B:3C:4D:5E',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => parseDeskPhone('phone.remove', args),
  run: (ctx, c) => phoneRemove(ctx, c.user, c.mac),
});

export type SiteAddressCommand = { name: 'site.address'; siteName: string; address: AddressWords };
export const siteAddressCommand = defineCommand<SiteAddressCommand>({
  name: 'site.address',
  syntax: 'site address <site> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"<line 2>"]',
  description: "Set a site's default emergency address.",
  example: '/phone site address Main "1 Main St" "San Francisco" CA 94105 US',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: parseSiteAddress,
  run: (ctx, c) => siteAddress(ctx, c.siteName, c.address),
});

export type QueuesCommand = { name: 'queues' };
export const queuesCommand = defineCommand<QueuesCommand>({
  name: 'queues',
  lookup: true,
  syntax: 'queues',
  description: 'List the call queues with their members.',
  example: '/phone queues',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => bare('queues', args),
  run: (ctx) => queues(ctx),
});

export type QueueAddCommand = { name: 'queue.add'; queueName: string; extension: string; site?: string };
export const queueAddCommand = defineCommand<QueueAddCommand>({
  name: 'queue.add',
  syntax: 'queue add <name> <extension> [site:<site>]',
  description: 'Add a call queue.',
  example: '/phone queue add Sales 2000 site:Main',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => parseRoutingAdd('queue.add', args),
  run: (ctx, c) => queueAdd(ctx, c.queueName, c.extension, c.site),
});

export type QueueMemberCommand = {
  name: 'queue.member';
  action: 'add' | 'remove';
  queueName: string;
  user: UserRef;
  manager: boolean;
};
export const queueMemberCommand = defineCommand<QueueMemberCommand>({
  name: 'queue.member',
  syntax: 'queue member add|remove <queue> <user> [manager]',
  description: 'Add or remove a queue member; with `manager`, mark or unmark a manager.',
  example: '/phone queue member add Sales @ada manager',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: parseQueueMember,
  run: (ctx, c) => queueMember(ctx, c.action, c.queueName, c.user, c.manager),
});

export type ReceptionistsCommand = { name: 'receptionists' };
export const receptionistsCommand = defineCommand<ReceptionistsCommand>({
  name: 'receptionists',
  lookup: true,
  syntax: 'receptionists',
  description: 'List the auto receptionists with their operators.',
  example: '/phone receptionists',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => bare('receptionists', args),
  run: (ctx) => receptionists(ctx),
});

export type ReceptionistAddCommand = {
  name: 'receptionist.add';
  receptionistName: string;
  extension: string;
  site?: string;
  operator?: UserRef;
};
export const receptionistAddCommand = defineCommand<ReceptionistAddCommand>({
  name: 'receptionist.add',
  syntax: 'receptionist add <name> <extension> [site:<site>] [operator:<user>]',
  description: 'Add an auto receptionist.',
  example: '/phone receptionist add "Main line" 2100 operator:@ada',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: (args) => parseRoutingAdd('receptionist.add', args),
  run: (ctx, c) =>
    receptionistAdd(ctx, {
      name: c.receptionistName,
      extension: c.extension,
      site: c.site,
      operator: c.operator,
    }),
});

export type ReceptionistOperatorCommand = {
  name: 'receptionist.operator';
  receptionistName: string;
  operator: UserRef | null;
};
export const receptionistOperatorCommand = defineCommand<ReceptionistOperatorCommand>({
  name: 'receptionist.operator',
  syntax: 'receptionist operator <name> <user>|none',
  description: "Change an auto receptionist's operator.",
  example: '/phone receptionist operator "Main line" @grace',
  audience: 'admin',
  section: 'Addresses, desk phones & queues',
  parse: parseReceptionistOperator,
  run: (ctx, c) => receptionistOperator(ctx, c.receptionistName, c.operator),
});

/** The parts of an emergency address as typed; the service checks them. */
type AddressWords = {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};

const addressOrder = '"line 1" "city" "state" "postal code" country';

/**
 * `address <user> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"…"]`, or `address <user>
 * site-default`, or `address <user> allow-self on|off`.
 */
function parseAddress(
  args: Token[],
): Read<AddressCommand | AddressSiteDefaultCommand | AddressAllowSelfCommand> {
  const read = readOptions('address', args, ['line2']);
  if (!read.ok) return read;
  const [userWord, ...rest] = read.value.rest;
  const { line2 } = read.value.options;
  if (!userWord) {
    const failure = needs('address', 'a user and their address');
    failure.error.usage = usageFor('address');
    return failure;
  }
  const user = readUser('address', userWord);
  if (!user.ok) return user;
  const [first, second, extra] = rest;
  const word = first && keyword(first);
  if (word === 'site-default' || word === 'allow-self') {
    const name = word === 'site-default' ? 'address.site-default' : 'address.allow-self';
    if (line2 !== undefined) return fail('`line2:` goes with a new address only; leave it out.', name);
    if (name === 'address.site-default') {
      return second ? unexpected(name, second) : ok({ name, user: user.value });
    }
    const value = second && keyword(second);
    if (value !== 'on' && value !== 'off') {
      const not = second ? `, not ${showWord(second)}` : '';
      return fail(`\`${label(name)}\` needs \`on\` or \`off\`${not}, e.g. \`${example(name)}\`.`, name);
    }
    return extra ? unexpected(name, extra) : ok({ name, user: user.value, allowed: value === 'on' });
  }
  if (rest.length === 0) {
    const failure = fail(
      `\`address\` needs the address after the user, in this order: \`${addressOrder}\`, e.g. \`${example('address')}\`; or \`site-default\`, or \`allow-self on\` or \`off\`.`,
      'address',
    );
    failure.error.usage = usageFor('address');
    return failure;
  }
  const address = readAddress('address', rest, line2, 'after the user');
  if (!address.ok) return address;
  return ok({ name: 'address', user: user.value, address: address.value });
}

/** `site address <site> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"…"]`. */
function parseSiteAddress(args: Token[]): Read<SiteAddressCommand> {
  const read = readOptions('site.address', args, ['line2']);
  if (!read.ok) return read;
  const words = read.value.rest;
  if (words.length === 0) return needs('site.address', 'a site and its address');
  const siteWords = words.slice(0, Math.max(0, words.length - 5));
  if (siteWords.length === 0) {
    return fail(
      `\`site address\` takes the site, then the five parts of the address in this order: \`${addressOrder}\`; you gave ${words.length} ${words.length === 1 ? 'word' : 'words'} in all. Quote each part that has spaces, e.g. \`${example('site.address')}\`.`,
      'site.address',
    );
  }
  const siteName = textOf('site.address', siteWords);
  if (!siteName.ok) return siteName;
  const address = readAddress('site.address', words.slice(-5), read.value.options.line2, 'after the site');
  if (!address.ok) return address;
  return ok({ name: 'site.address', siteName: siteName.value, address: address.value });
}

/** Exactly five parts in order; an empty quoted part ("") is kept, so the service can name it as missing. */
function readAddress(
  name: 'address' | 'site.address',
  words: readonly WordToken[],
  line2: string | undefined,
  where: string,
): Parsed<AddressWords> {
  const entity = words.find(isStandaloneEntity);
  if (entity) return unexpected(name, entity);
  const [line1, city, state, postalCode, country] = words.map((word) => word.text);
  if (words.length !== 5 || line1 === undefined || city === undefined || state === undefined) {
    // A section of a Slack message holds 3,000 characters: the first parts show well enough what was read.
    const shown = words.slice(0, 8).map((word) => showInput(word.text));
    const more = words.length > shown.length ? ' …' : '';
    const gave = words.length === 0 ? 'none' : `${words.length}: ${shown.join(' ')}${more}`;
    return fail(
      `\`${label(name)}\` takes five parts ${where}, in this order: \`${addressOrder}\`; you gave ${gave}. Quote each part that has spaces, e.g. \`${example(name)}\`.`,
      name,
    );
  }
  const address: AddressWords = {
    line1,
    city,
    state,
    postalCode: postalCode ?? '',
    country: country ?? '',
  };
  if (line2 !== undefined) address.line2 = line2;
  return { ok: true, value: address };
}

/**
 * A MAC that starts with a letter and uses colons (`a0:1b:…`) reads like an option `a0:`; it is a word here.
 */
export function macAsWord(token: Token): Token {
  if (token.kind !== 'option' || !/^[0-9a-f]{2}$/i.test(token.key)) return token;
  return {
    kind: 'word',
    text: token.raw,
    quoted: false,
    entity: undefined,
    raw: token.raw,
    gapBefore: token.gapBefore,
  };
}

/** `phone add <user> <MAC> <model…>` and `phone remove <user> <MAC>`. */
function parseDeskPhone(name: 'phone.add', args: Token[]): Read<PhoneAddCommand>;
function parseDeskPhone(name: 'phone.remove', args: Token[]): Read<PhoneRemoveCommand>;
function parseDeskPhone(
  name: 'phone.add' | 'phone.remove',
  args: Token[],
): Read<PhoneAddCommand | PhoneRemoveCommand> {
  const rest = positional(name, args.map(macAsWord));
  if (!rest.ok) return rest;
  const [userWord, macWord, ...modelWords] = rest.value;
  const adding = name === 'phone.add';
  if (!userWord || !macWord) {
    return needs(
      name,
      adding ? "a user, the phone's MAC address and its model" : "a user and the phone's MAC address",
    );
  }
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(macWord)) return unexpected(name, macWord);
  const [extra] = modelWords;
  if (!adding) return extra ? unexpected(name, extra) : ok({ name, user: user.value, mac: macWord.text });
  if (!extra) {
    return fail(
      `\`phone add\` needs the phone's model after the MAC address, e.g. \`${example('phone.add')}\`.`,
      name,
    );
  }
  const model = textOf(name, modelWords);
  if (!model.ok) return model;
  return ok({ name, user: user.value, mac: macWord.text, model: model.value });
}

/** `queue add <name> <extension> [site:]` and `receptionist add <name> <extension> [site:] [operator:<user>]`. */
function parseRoutingAdd(name: 'queue.add', args: Token[]): Read<QueueAddCommand>;
function parseRoutingAdd(name: 'receptionist.add', args: Token[]): Read<ReceptionistAddCommand>;
function parseRoutingAdd(
  name: 'queue.add' | 'receptionist.add',
  args: Token[],
): Read<QueueAddCommand | ReceptionistAddCommand> {
  const operator = name === 'receptionist.add' ? takeUserOption(name, args, 'operator') : undefined;
  if (operator && !operator.ok) return operator;
  const read = readOptions(
    name,
    operator?.value.rest ?? args,
    name === 'queue.add' ? ['site'] : ['site', 'operator'],
  );
  if (!read.ok) return read;
  const words = read.value.rest;
  const extension = words.at(-1);
  if (words.length < 2 || !extension) return needs(name, 'a name and an extension');
  if (isStandaloneEntity(extension) || !/^\d+$/.test(extension.text)) {
    return fail(
      `\`${label(name)}\` ends with the extension, not ${showWord(extension)}, e.g. \`${example(name)}\`.`,
      name,
    );
  }
  const title = textOf(name, words.slice(0, -1));
  if (!title.ok) return title;
  const { site } = read.value.options;
  const where = site === undefined ? {} : { site };
  if (name === 'queue.add') return ok({ name, queueName: title.value, extension: extension.text, ...where });
  const user = operator?.value.user;
  return ok({
    name,
    receptionistName: title.value,
    extension: extension.text,
    ...where,
    ...(user ? { operator: user } : {}),
  });
}

/**
 * Takes `key:<user>` out of the arguments. A mention cannot follow the colon in the same word (Slack sends it as
 * its own markup), so `operator:@ada` arrives as an empty option and the mention after it.
 */
function takeUserOption(
  name: CommandName,
  args: Token[],
  key: OptionKey,
): Parsed<{ user: UserRef | undefined; rest: Token[] }> {
  const rest: Token[] = [];
  let user: UserRef | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index];
    if (!token) continue;
    if (token.kind !== 'option' || token.key !== key) {
      rest.push(token);
      continue;
    }
    if (user) return fail(`Option \`${key}:\` is given twice; give it once.`, name);
    const next = args[index + 1];
    let word: WordToken | undefined;
    if (token.value !== '' || token.quoted) {
      word = {
        kind: 'word',
        text: token.value,
        quoted: token.quoted,
        entity: undefined,
        raw: token.value,
        gapBefore: '',
      };
    } else if (next?.kind === 'word') {
      word = next;
      index += 1;
    }
    if (!word) return fail(`\`${key}:\` needs a person, e.g. \`${optionExamples[key]}\`.`, name);
    const ref = readUser(name, word);
    if (!ref.ok) return ref;
    user = ref.value;
  }
  return { ok: true, value: { user, rest } };
}

/** `queue member add|remove <queue> <user> [manager]`: the user is the last word, the queue's name before it. */
function parseQueueMember(args: Token[]): Read<QueueMemberCommand> {
  const [actionWord, ...after] = args;
  const action = actionWord && keyword(actionWord);
  if (action !== 'add' && action !== 'remove') {
    const not = actionWord ? `, not ${showToken(actionWord)}` : '';
    return fail(
      `\`queue member\` needs \`add\` or \`remove\`${not}, e.g. \`${example('queue.member')}\`.`,
      'queue.member',
    );
  }
  const rest = positional('queue.member', after);
  if (!rest.ok) return rest;
  const last = rest.value.at(-1);
  const manager = last !== undefined && keyword(last) === 'manager';
  const words = manager ? rest.value.slice(0, -1) : rest.value;
  const userWord = words.at(-1);
  if (!userWord || words.length < 2) return needs('queue.member', 'a queue and a user');
  const user = readUser('queue.member', userWord);
  if (!user.ok) return user;
  const queueName = textOf('queue.member', words.slice(0, -1));
  if (!queueName.ok) return queueName;
  return ok({ name: 'queue.member', action, queueName: queueName.value, user: user.value, manager });
}

/** `receptionist operator <name> <user|none>`. */
function parseReceptionistOperator(args: Token[]): Read<ReceptionistOperatorCommand> {
  const rest = positional('receptionist.operator', args);
  if (!rest.ok) return rest;
  const userWord = rest.value.at(-1);
  if (!userWord || rest.value.length < 2)
    return needs('receptionist.operator', 'a receptionist and a user (or `none`)');
  const receptionistName = textOf('receptionist.operator', rest.value.slice(0, -1));
  if (!receptionistName.ok) return receptionistName;
  if (keyword(userWord) === 'none') {
    return ok({ name: 'receptionist.operator', receptionistName: receptionistName.value, operator: null });
  }
  const user = readUser('receptionist.operator', userWord);
  if (!user.ok) return user;
  return ok({
    name: 'receptionist.operator',
    receptionistName: receptionistName.value,
    operator: user.value,
  });
}

/** The commands of this file, in the order help lists them. */
export const commands = [
  addressCommand,
  phoneAddCommand,
  phoneRemoveCommand,
  siteAddressCommand,
  queuesCommand,
  queueAddCommand,
  queueMemberCommand,
  receptionistsCommand,
  receptionistAddCommand,
  receptionistOperatorCommand,
] as const;
