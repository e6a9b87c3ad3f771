import {
  addNumbers,
  addSite,
  editSite,
  removeInventoryNumber,
  reserveExtension,
  setPlanCount,
  setSiteCodes,
  unreserveExtension,
} from '../../services/account.ts';
import { requireAdmin } from '../../services/context.ts';
import { licenseUsage, setLicenseTotal } from '../../services/licenses.ts';
import { admins, grantAdmin, revokeAdmin } from '../../services/people.ts';
import { numbersOverview, plansOverview, reservedOverview, sitesOverview } from '../../services/queries.ts';
import type { Site } from '../../store/sites.ts';
import {
  adminsMessage,
  numbersMessage,
  plansMessage,
  reservedMessage,
  sitesMessage,
} from '../blocks/account.ts';
import { textMessage } from '../blocks/message.ts';
import { changeLine, licensesMessage } from '../blocks/results.ts';
import { code, escapeText, listing, mention, plural, showInput } from '../format.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { encodeNumbersCursor, encodeReservedCursor } from '../payloads.ts';
import { countryName } from '../replies.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  bare,
  example,
  fail,
  keyword,
  needs,
  notANumber,
  ok,
  oneExtension,
  oneUser,
  positional,
  rangeSeparator,
  readNumber,
  readOptions,
  textOf,
  trailingCount,
  unexpected,
} from './grammar.ts';
import { isStandaloneEntity, joinWords, type Token, type WordToken } from './tokenize.ts';
import { looksLikePhoneNumber, showWord, type UserRef } from './user-ref.ts';

export function licenses(ctx: HandlerContext, total: string | undefined): Promise<Outcome> {
  if (total === undefined)
    return settle(licenseUsage(ctx.deps, ctx.actor), (usage) => ephemeral(licensesMessage(usage)));
  return settle(setLicenseTotal(ctx.deps, ctx.actor, total), (usage) => ({
    channel: licensesMessage(usage, ctx.actor.slackUserId),
  }));
}

export function sites(ctx: HandlerContext): Promise<Outcome> {
  return settle(sitesOverview(ctx.deps, ctx.actor), (o) => ephemeral(sitesMessage(o.siteCodes, o.sites)));
}

export function siteAdd(
  ctx: HandlerContext,
  name: string,
  siteCode?: string,
  first?: string,
  country?: string,
): Promise<Outcome> {
  return settle(addSite(ctx.deps, ctx.actor, { name, code: siteCode, first, country }), (site) => {
    const details = siteDetails(site);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `added the site *${escapeText(site.name)}*${details ? ` (${details})` : ''}.`,
      ),
    };
  });
}

export function siteEdit(
  ctx: HandlerContext,
  name: string,
  siteCode?: string,
  first?: string,
  country?: string,
): Promise<Outcome> {
  const input = { name, code: siteCode, first, country };
  return settle(editSite(ctx.deps, ctx.actor, input), ({ site, renumbered }) => {
    const details = siteDetails(site);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `changed the site *${escapeText(site.name)}*: ${details}.${renumberedText(renumbered)}`,
      ),
    };
  });
}

function siteDetails(site: Site): string {
  return [
    site.siteCode ? `site code ${code(site.siteCode)}` : undefined,
    site.firstExtension ? `extensions from ${code(site.firstExtension)}` : undefined,
    site.country ? `numbers read in ${countryName(site.country)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function renumberedText(renumbered: { from: string; to: string }[]): string {
  if (renumbered.length === 0) return '';
  const shown = renumbered.slice(0, 10).map((r) => `${code(r.from)} → ${code(r.to)}`);
  const more = renumbered.length > 10 ? ` and ${renumbered.length - 10} more` : '';
  return ` ${plural(renumbered.length, 'extension')} now dial differently: ${listing(shown)}${more}.`;
}

export function siteCodes(ctx: HandlerContext, enabled: boolean): Promise<Outcome> {
  return settle(setSiteCodes(ctx.deps, ctx.actor, enabled), (result) => {
    const renumbered = renumberedText(result.renumbered);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `turned site codes *${enabled ? 'on' : 'off'}*.${renumbered}`,
      ),
    };
  });
}

export function numbers(
  ctx: HandlerContext,
  free: boolean,
  site: string | undefined,
  from?: { after: string; before: number },
): Promise<Outcome> {
  return settle(numbersOverview(ctx.deps, ctx.actor, { free, site }, from), (o) => {
    const more =
      o.more === undefined
        ? undefined
        : encodeNumbersCursor({
            free: o.free,
            ...(o.site ? { site: o.site } : {}),
            after: o.more,
            before: o.before + o.rows.length,
          });
    return ephemeral(numbersMessage(o, more));
  });
}

export function numbersAdd(
  ctx: HandlerContext,
  from: string,
  to: string | undefined,
  site: string | undefined,
): Promise<Outcome> {
  return settle(addNumbers(ctx.deps, ctx.actor, { from, to, site }), (result) => {
    const range =
      result.added.length === 1
        ? code(result.added[0] ?? '')
        : `${code(result.added[0] ?? '')} to ${code(result.added.at(-1) ?? '')}`;
    const where = result.site ? ` for ${escapeText(result.site)}` : '';
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `added ${plural(result.added.length, 'number')} (${range})${where} to the inventory.`,
      ),
    };
  });
}

export function numbersRemove(ctx: HandlerContext, number: string): Promise<Outcome> {
  return settle(removeInventoryNumber(ctx.deps, ctx.actor, number), (result) => ({
    channel: changeLine(ctx.actor.slackUserId, `removed ${code(result.number)} from the inventory.`),
  }));
}

export function plans(ctx: HandlerContext): Promise<Outcome> {
  return settle(plansOverview(ctx.deps, ctx.actor), (rows) => ephemeral(plansMessage(rows)));
}

export function plansSet(ctx: HandlerContext, plan: string, count: string): Promise<Outcome> {
  return settle(setPlanCount(ctx.deps, ctx.actor, plan, count), (result) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `set *${escapeText(result.plan)}* to ${result.inventory} owned (${result.used} in use).`,
    ),
  }));
}

export function reserved(ctx: HandlerContext, from?: { after: string; before: number }): Promise<Outcome> {
  return settle(reservedOverview(ctx.deps, ctx.actor, from), (page) => {
    const more =
      page.more === undefined
        ? undefined
        : encodeReservedCursor({ after: page.more, before: page.before + page.rows.length });
    return ephemeral(reservedMessage(page, more));
  });
}

export function reservedAdd(ctx: HandlerContext, extension: string): Promise<Outcome> {
  return settle(reserveExtension(ctx.deps, ctx.actor, extension), (r) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `reserved extension ${code(r.extension)}: it will never be assigned.`,
    ),
  }));
}

export function reservedRemove(ctx: HandlerContext, extension: string): Promise<Outcome> {
  return settle(unreserveExtension(ctx.deps, ctx.actor, extension), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `released the reservation of extension ${code(r.extension)}.`),
  }));
}

export function adminList(ctx: HandlerContext): Promise<Outcome> {
  return settle(admins(ctx.deps, ctx.actor), (rows) => ephemeral(adminsMessage(rows)));
}

/** Admins are chat accounts, so only a mention names one. */
function slackIdOf(user: UserRef): string | undefined {
  return user.kind === 'slack' ? user.id : undefined;
}

/** Checked after the admin check, so that a non-admin is refused (and audited) like for any other change. */
function mentionNeeded(ctx: HandlerContext, action: 'admins add' | 'admins remove'): Promise<Outcome> {
  return settle(requireAdmin(ctx.deps, ctx.actor, action), () =>
    ephemeral(textMessage(`:warning: Name the admin with a mention, e.g. \`/phone ${action} @ada\`.`)),
  );
}

export async function adminAdd(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  const id = slackIdOf(user);
  if (!id) return mentionNeeded(ctx, 'admins add');
  return settle(grantAdmin(ctx.deps, ctx.actor, id), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `made ${mention(r.slackUserId)} a phone admin.`),
  }));
}

export async function adminRemove(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  const id = slackIdOf(user);
  if (!id) return mentionNeeded(ctx, 'admins remove');
  return settle(revokeAdmin(ctx.deps, ctx.actor, id), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `removed ${mention(r.slackUserId)} from the phone admins.`),
  }));
}

// The commands
export type NumbersCommand = { name: 'numbers'; free: boolean; site?: string };
export const numbersCommand = defineCommand<NumbersCommand>({
  name: 'numbers',
  lookup: true,
  syntax: 'numbers [free] [site:<site>]',
  description: "List the account's numbers, or only the free ones.",
  example: '/phone numbers free site:Main',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parseNumbers,
  run: (ctx, c) => numbers(ctx, c.free, c.site),
});

export type NumbersAddCommand = { name: 'numbers.add'; from: string; to?: string; site?: string };
export const numbersAddCommand = defineCommand<NumbersAddCommand>({
  name: 'numbers.add',
  syntax: 'numbers add <+E164>[..<+E164>] [site:<site>]',
  description: 'Add a number, or a range of numbers, to the inventory.',
  example: '/phone numbers add +14155550100..+14155550199 site:Main',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parseNumbersAdd,
  run: (ctx, c) => numbersAdd(ctx, c.from, c.to, c.site),
});

export type NumbersRemoveCommand = { name: 'numbers.remove'; number: string };
export const numbersRemoveCommand = defineCommand<NumbersRemoveCommand>({
  name: 'numbers.remove',
  syntax: 'numbers remove <+E164>',
  description: 'Remove a number from the inventory.',
  example: '/phone numbers remove +14155550100',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parseNumbersRemove,
  run: (ctx, c) => numbersRemove(ctx, c.number),
});

export type PlansCommand = { name: 'plans' };
export const plansCommand = defineCommand<PlansCommand>({
  name: 'plans',
  lookup: true,
  syntax: 'plans',
  description: 'Show the calling plans and how many of each the account owns.',
  example: '/phone plans',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: (args) => bare('plans', args, true),
  run: (ctx) => plans(ctx),
});

export type PlansSetCommand = { name: 'plans.set'; plan: string; count: string };
export const plansSetCommand = defineCommand<PlansSetCommand>({
  name: 'plans.set',
  syntax: 'plans set <plan> <count>',
  description: 'Set how many of a calling plan the account owns.',
  example: '/phone plans set US/CA Unlimited 25',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parsePlansSet,
  run: (ctx, c) => plansSet(ctx, c.plan, c.count),
});

export type LicensesCommand = { name: 'licenses'; total?: string };
export const licensesCommand = defineCommand<LicensesCommand>({
  name: 'licenses',
  syntax: 'licenses [<total>]',
  description: 'Show license use, or set how many licenses the account bought.',
  example: '/phone licenses 250',
  audience: 'admin',
  section: 'Account',
  parse: parseLicenses,
  run: (ctx, c) => licenses(ctx, c.total),
});

export type SitesCommand = { name: 'sites' };
export const sitesCommand = defineCommand<SitesCommand>({
  name: 'sites',
  lookup: true,
  syntax: 'sites',
  description: 'List the sites.',
  example: '/phone sites',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('sites', args),
  run: (ctx) => sites(ctx),
});

export type SiteAddCommand = {
  name: 'site.add';
  siteName: string;
  code?: string;
  first?: string;
  country?: string;
};
export const siteAddCommand = defineCommand<SiteAddCommand>({
  name: 'site.add',
  syntax: 'site add <name> [code:<digits>] [first:<extension>] [country:<XX>]',
  description:
    'Add a site, with its site code, first extension and country (where numbers typed without + are read) if you like.',
  example: '/phone site add "New York" code:12 first:1200',
  audience: 'admin',
  section: 'Account',
  parse: parseSiteAdd,
  run: (ctx, c) => siteAdd(ctx, c.siteName, c.code, c.first, c.country),
});

export type SiteEditCommand = {
  name: 'site.edit';
  siteName: string;
  code?: string;
  first?: string;
  country?: string;
};
export const siteEditCommand = defineCommand<SiteEditCommand>({
  name: 'site.edit',
  syntax: 'site edit <name> [code:<digits>] [first:<extension>] [country:<XX>]',
  description: "Change a site's code, first extension or country.",
  example: '/phone site edit Main code:1 first:100',
  audience: 'admin',
  section: 'Account',
  parse: parseSiteEdit,
  run: (ctx, c) => siteEdit(ctx, c.siteName, c.code, c.first, c.country),
});

export type SitecodesCommand = { name: 'sitecodes'; enabled: boolean };
export const sitecodesCommand = defineCommand<SitecodesCommand>({
  name: 'sitecodes',
  syntax: 'sitecodes on|off',
  description: 'Turn site codes on or off for the account.',
  example: '/phone sitecodes on',
  audience: 'admin',
  section: 'Account',
  parse: parseSiteCodes,
  run: (ctx, c) => siteCodes(ctx, c.enabled),
});

export type ReservedCommand = { name: 'reserved' };
export const reservedCommand = defineCommand<ReservedCommand>({
  name: 'reserved',
  lookup: true,
  syntax: 'reserved',
  description: 'List the reserved extensions.',
  example: '/phone reserved',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('reserved', args, true),
  run: (ctx) => reserved(ctx),
});

export type ReservedAddCommand = { name: 'reserved.add'; extension: string };
export const reservedAddCommand = defineCommand<ReservedAddCommand>({
  name: 'reserved.add',
  syntax: 'reserved add <extension>',
  description: 'Reserve an extension so nobody gets it.',
  example: '/phone reserved add 4000',
  audience: 'admin',
  section: 'Account',
  parse: (args) => oneExtension('reserved.add', args),
  run: (ctx, c) => reservedAdd(ctx, c.extension),
});

export type ReservedRemoveCommand = { name: 'reserved.remove'; extension: string };
export const reservedRemoveCommand = defineCommand<ReservedRemoveCommand>({
  name: 'reserved.remove',
  syntax: 'reserved remove <extension>',
  description: 'Release a reserved extension.',
  example: '/phone reserved remove 4000',
  audience: 'admin',
  section: 'Account',
  parse: (args) => oneExtension('reserved.remove', args),
  run: (ctx, c) => reservedRemove(ctx, c.extension),
});

export type AdminsCommand = { name: 'admins' };
export const adminsCommand = defineCommand<AdminsCommand>({
  name: 'admins',
  lookup: true,
  syntax: 'admins',
  description: 'List the phone admins.',
  example: '/phone admins',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('admins', args, true),
  run: (ctx) => adminList(ctx),
});

export type AdminsAddCommand = { name: 'admins.add'; user: UserRef };
export const adminsAddCommand = defineCommand<AdminsAddCommand>({
  name: 'admins.add',
  syntax: 'admins add <user>',
  description: 'Make a person a phone admin.',
  example: '/phone admins add @ada',
  audience: 'admin',
  section: 'Account',
  parse: (args) => oneUser('admins.add', args),
  run: (ctx, c) => adminAdd(ctx, c.user),
});

export type AdminsRemoveCommand = { name: 'admins.remove'; user: UserRef };
export const adminsRemoveCommand = defineCommand<AdminsRemoveCommand>({
  name: 'admins.remove',
  syntax: 'admins remove <user>',
  description: 'Stop a person being a phone admin.',
  example: '/phone admins remove @ada',
  audience: 'admin',
  section: 'Account',
  parse: (args) => oneUser('admins.remove', args),
  run: (ctx, c) => adminRemove(ctx, c.user),
});

function parseLicenses(args: Token[]): Read<LicensesCommand> {
  const rest = positional('licenses', args);
  if (!rest.ok) return rest;
  const words = rest.value;
  const [first, second] = words;
  if (!first) return ok({ name: 'licenses' });
  if (isStandaloneEntity(first)) return unexpected('licenses', first);
  if (!second) return ok({ name: 'licenses', total: first.text });
  const count = trailingCount(words);
  if (count && count.before.length === 0) return ok({ name: 'licenses', total: count.count });
  return unexpected('licenses', second);
}

function parseSiteEdit(args: Token[]): Read<SiteEditCommand> {
  const read = readOptions('site.edit', args, ['code', 'first', 'country']);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('site.edit', 'a site name');
  const { code, first, country } = read.value.options;
  if (code === undefined && first === undefined && country === undefined)
    return needs('site.edit', '`code:`, `first:` or `country:`');
  const siteName = textOf('site.edit', read.value.rest);
  if (!siteName.ok) return siteName;
  return ok({ name: 'site.edit', siteName: siteName.value, ...read.value.options });
}

function parseSiteAdd(args: Token[]): Read<SiteAddCommand> {
  const read = readOptions('site.add', args, ['code', 'first', 'country']);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('site.add', 'a site name');
  const siteName = textOf('site.add', read.value.rest);
  if (!siteName.ok) return siteName;
  return ok({ name: 'site.add', siteName: siteName.value, ...read.value.options });
}

function parseSiteCodes(args: Token[]): Read<SitecodesCommand> {
  const rest = positional('sitecodes', args);
  if (!rest.ok) return rest;
  const [switchWord, extra] = rest.value;
  const value = switchWord && keyword(switchWord);
  if (!switchWord || (value !== 'on' && value !== 'off')) {
    const not = switchWord ? `, not ${showWord(switchWord)}` : '';
    return fail(
      `\`sitecodes\` needs \`on\` or \`off\`${not}, e.g. \`${example('sitecodes')}\`.`,
      'sitecodes',
    );
  }
  if (extra) return unexpected('sitecodes', extra);
  return ok({ name: 'sitecodes', enabled: value === 'on' });
}

function parseNumbers(args: Token[]): Read<NumbersCommand> {
  const read = readOptions('numbers', args, ['site'], ['free']);
  if (!read.ok) return read;
  let free = false;
  for (const word of read.value.rest) {
    if (keyword(word) !== 'free' || free) return unexpected('numbers', word);
    free = true;
  }
  return ok({ name: 'numbers', free, ...read.value.options });
}

function parseNumbersAdd(args: Token[]): Read<NumbersAddCommand> {
  const read = readOptions('numbers.add', args, ['site']);
  if (!read.ok) return read;
  const { rest } = read.value;
  if (rest.length === 0) return needs('numbers.add', 'a number or a range');
  const pieces = rangePieces(rest);
  const ends = pieces.filter((piece): piece is RangeEnd => piece !== 'separator');
  const [from, to] = ends;
  const shaped =
    (pieces.length === 1 && ends.length === 1) ||
    (pieces.length === 3 && pieces[1] === 'separator' && ends.length === 2);
  if (!from || !shaped) {
    const number = pieces.includes('separator') ? undefined : readNumber('numbers.add', rest);
    if (number && !number.ok) return number;
    return fail(
      `${showInput(joinWords(rest))} is not a number or a range. A range is two numbers joined by \`..\`, e.g. \`+14155550100..+14155550199\`.`,
      'numbers.add',
    );
  }
  const wrong = ends.find((end) => isStandaloneEntity(end.word) || !looksLikePhoneNumber(end.text));
  if (wrong) return notANumber('numbers.add', isStandaloneEntity(wrong.word) ? wrong.word : wrong.text);
  return ok({ name: 'numbers.add', from: from.text, ...(to ? { to: to.text } : {}), ...read.value.options });
}

type RangeEnd = { word: WordToken; text: string };

/** `+1..+2`, `+1 .. +2` and `+1…+2` all read as: a number, the range separator, a number. */
function rangePieces(words: readonly WordToken[]): Array<RangeEnd | 'separator'> {
  const pieces = words.flatMap((word) => {
    if (isStandaloneEntity(word)) return [{ word, text: word.text }];
    return word.text
      .split(rangeSeparator)
      .map((piece) => piece.trim())
      .filter((piece) => piece !== '')
      .map((piece) => (rangeSeparator.test(piece) ? ('separator' as const) : { word, text: piece }));
  });
  // A number typed with spaces (`+1 415 555 0100 .. +1 415 555 0199`) arrives as several ends in a row: one each.
  const glued: Array<RangeEnd | 'separator'> = [];
  for (const piece of pieces) {
    const last = glued.at(-1);
    if (piece !== 'separator' && last && last !== 'separator' && startOfNumber(last) && numberPiece(piece)) {
      glued[glued.length - 1] = { word: last.word, text: `${last.text} ${piece.text}` };
    } else glued.push(piece);
  }
  return glued;
}

const numberPiece = (end: RangeEnd) =>
  !isStandaloneEntity(end.word) && !end.word.quoted && /^\+?[\d\s().\u2010-\u2014-]+$/.test(end.text);
/** A whole number (seven digits or more) on its own is not the start of a longer one. */
const startOfNumber = (end: RangeEnd) => numberPiece(end) && !/^\+?\d{7,}$/.test(end.text);

function parseNumbersRemove(args: Token[]): Read<NumbersRemoveCommand> {
  const rest = positional('numbers.remove', args);
  if (!rest.ok) return rest;
  if (rest.value.length === 0) return needs('numbers.remove', 'a number');
  const number = readNumber('numbers.remove', rest.value);
  if (!number.ok) return number;
  return ok({ name: 'numbers.remove', number: number.value });
}

function parsePlansSet(args: Token[]): Read<PlansSetCommand> {
  const rest = positional('plans.set', args);
  if (!rest.ok) return rest;
  const count = trailingCount(rest.value);
  if (!count || count.before.length === 0) return needs('plans.set', 'a plan and then a count');
  const plan = textOf('plans.set', count.before);
  if (!plan.ok) return plan;
  return ok({ name: 'plans.set', plan: plan.value, count: count.count });
}

/** The commands of this file, in the order help lists them. */
export const commands = [
  numbersCommand,
  numbersAddCommand,
  numbersRemoveCommand,
  plansCommand,
  plansSetCommand,
  licensesCommand,
  sitesCommand,
  siteAddCommand,
  siteEditCommand,
  sitecodesCommand,
  reservedCommand,
  reservedAddCommand,
  reservedRemoveCommand,
  adminsCommand,
  adminsAddCommand,
  adminsRemoveCommand,
] as const;
