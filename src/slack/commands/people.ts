import type { UserRef as AnyUserRef } from '../../domain/user-ref.ts';
import { assignLicenses, previewRemoval } from '../../services/licenses.ts';
import { addDirectoryUser } from '../../services/people.ts';
import { history, type ListQuery, listPhoneUsers, myCard, showUser } from '../../services/queries.ts';
import { settingsForm } from '../../services/settings/forms.ts';
import { cardMessage, notPhoneUserMessage } from '../blocks/card.ts';
import { section } from '../blocks/message.ts';
import { removalPrompt } from '../blocks/removal.ts';
import { assignedMessage, historyMessage, listMessage } from '../blocks/results.ts';
import { escapeText, mention } from '../format.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { encodeHistoryCursor, encodeListCursor, encodeRemoval, removalOf } from '../payloads.ts';
import { summaryView } from '../views/settings/sections.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  bare,
  example,
  fail,
  needs,
  ok,
  oneUser,
  positional,
  readOptions,
  readStatus,
  readUser,
  readUsers,
  textOf,
  unexpected,
} from './grammar.ts';
import { isStandaloneEntity, type Token } from './tokenize.ts';
import { readEmail, showWord, type UserRef } from './user-ref.ts';

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
        ? cardMessage(card.card, card.details, card.sync, card.viewerIsAdmin)
        : notPhoneUserMessage(card.person),
    ),
  );
}

export function me(ctx: HandlerContext): Promise<Outcome> {
  return settle(myCard(ctx.deps, ctx.actor), (card) =>
    ephemeral(
      card.kind === 'phone_user'
        ? cardMessage(card.card, card.details, card.sync, card.viewerIsAdmin)
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

/** `before` pages back: the More button passes the oldest audit id shown, and a directory id for whose. */
export function showHistory(
  ctx: HandlerContext,
  ref: AnyUserRef | 'recent',
  before?: number,
): Promise<Outcome> {
  return settle(history(ctx.deps, ctx.actor, ref, before), (h) => {
    const subject = h.directoryUserId ?? 'recent';
    return ephemeral(
      historyMessage(h.subject, h.entries, h.more, (oldest) =>
        encodeHistoryCursor({ subject, before: oldest }),
      ),
    );
  });
}

/** `/phone settings [<user>]`: the settings form of a user, or of the caller themselves. */
export async function openSettings(ctx: HandlerContext, user: UserRef | undefined): Promise<Outcome> {
  const ref: UserRef = user ?? {
    kind: 'slack',
    id: ctx.actor.slackUserId,
    raw: `<@${ctx.actor.slackUserId}>`,
  };
  const form = await settingsForm(ctx.deps, ctx.actor, ref);
  if (!form.ok && form.error.code === 'NOT_A_PHONE_USER' && user === undefined) {
    return ephemeral(notPhoneUserMessage(form.error.user, true));
  }
  return settle(Promise.resolve(form), (f) => ({
    modal: summaryView(f, ctx.channelId, ctx.deps.clock.now()),
  }));
}

// The commands
export type MeCommand = { name: 'me' };
export const meCommand = defineCommand<MeCommand>({
  name: 'me',
  lookup: true,
  syntax: 'me',
  description: 'Show your own phone card.',
  example: '/phone me',
  audience: 'anyone',
  section: 'Phone users',
  parse: (args) => bare('me', args),
  run: (ctx) => me(ctx),
});

export type SettingsCommand = { name: 'settings'; user?: UserRef };
export const settingsCommand = defineCommand<SettingsCommand>({
  name: 'settings',
  syntax: 'settings [<user>]',
  description: 'Open the settings of a phone user in a form (your own with no user).',
  example: '/phone settings @ada',
  audience: 'self',
  section: 'Phone users',
  parse: parseSettings,
  run: (ctx, c) => openSettings(ctx, c.user),
});

export type AssignCommand = { name: 'assign'; users: UserRef[]; site?: string; plan?: string };
export const assignCommand = defineCommand<AssignCommand>({
  name: 'assign',
  syntax: 'assign <users> [site:<site>] [plan:<plan>]',
  description: 'Assign phone licenses; with no users, opens a form.',
  example: '/phone assign @ada @grace site:Main plan:"US/CA Unlimited"',
  audience: 'admin',
  section: 'Phone users',
  parse: parseAssign,
  run: (ctx, c) => assign(ctx, c.users, c.site, c.plan),
});

export type RemoveCommand = { name: 'remove'; users: UserRef[] };
export const removeCommand = defineCommand<RemoveCommand>({
  name: 'remove',
  syntax: 'remove <users>',
  description:
    'Remove phone licenses; you confirm first, told what ends with them (queue memberships, operator roles, delegations).',
  example: '/phone remove @ada @grace',
  audience: 'admin',
  section: 'Phone users',
  parse: parseRemove,
  run: (ctx, c) => remove(ctx, c.users),
});

export type ShowCommand = { name: 'show'; user: UserRef };
export const showCommand = defineCommand<ShowCommand>({
  name: 'show',
  lookup: true,
  syntax: 'show <user>',
  description: "Show a person's phone card.",
  example: '/phone show @ada',
  audience: 'admin',
  section: 'Phone users',
  parse: (args) => oneUser('show', args),
  run: (ctx, c) => show(ctx, c.user),
});

export type ListCommand = {
  name: 'list';
  site?: string;
  status?: 'active' | 'inactive';
  plan?: string;
  search?: string;
};
export const listCommand = defineCommand<ListCommand>({
  name: 'list',
  lookup: true,
  syntax: 'list [site:<site>] [status:active|inactive] [plan:<plan>] [<text>]',
  description: 'List phone users, filtered by site, status, plan or text.',
  example: '/phone list site:Main status:active',
  audience: 'admin',
  section: 'Phone users',
  parse: parseList,
  run: (ctx, c) =>
    list(ctx, {
      site: c.site,
      status: c.status,
      plan: c.plan,
      search: c.search,
    }),
});

export type UserAddCommand = { name: 'user.add'; email: string; firstName: string; lastName: string };
export const userAddCommand = defineCommand<UserAddCommand>({
  name: 'user.add',
  syntax: 'user add <email> <first> <last>',
  description: 'Add a person to the directory; quote a name that has spaces.',
  example: '/phone user add ada@example.com Ada Lovelace',
  audience: 'admin',
  section: 'Phone users',
  parse: parseUserAdd,
  run: (ctx, c) => addUser(ctx, c.email, c.firstName, c.lastName),
});

export type HistoryCommand = { name: 'history'; user: UserRef };
export const historyCommand = defineCommand<HistoryCommand>({
  name: 'history',
  lookup: true,
  syntax: 'history <user>',
  description: "Show a person's change history.",
  example: '/phone history @ada',
  audience: 'admin',
  section: 'Phone users',
  parse: (args) => oneUser('history', args, 'a user, or `recent`'),
  run: (ctx, c) => showHistory(ctx, c.user),
});

export type HistoryRecentCommand = { name: 'history.recent' };
export const historyRecentCommand = defineCommand<HistoryRecentCommand>({
  name: 'history.recent',
  lookup: true,
  syntax: 'history recent',
  description: 'Show the latest changes across the account.',
  example: '/phone history recent',
  audience: 'admin',
  section: 'Phone users',
  parse: (args) => bare('history.recent', args),
  run: (ctx) => showHistory(ctx, 'recent'),
});

/** `settings` alone opens the caller's own settings; `settings <user>` someone else's (admins). */
function parseSettings(args: Token[]): Read<SettingsCommand> {
  const rest = positional('settings', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return ok({ name: 'settings' });
  if (extra) return unexpected('settings', extra);
  const user = readUser('settings', userWord);
  return user.ok ? ok({ name: 'settings', user: user.value }) : user;
}

function parseAssign(args: Token[]): Read<AssignCommand> {
  const read = readOptions('assign', args, ['site', 'plan']);
  if (!read.ok) return read;
  const users = readUsers('assign', read.value.rest, ['site', 'plan']);
  if (!users.ok) return users;
  return ok({ name: 'assign', users: users.value, ...read.value.options });
}

function parseRemove(args: Token[]): Read<RemoveCommand> {
  const read = readOptions('remove', args, []);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('remove', 'at least one user');
  const users = readUsers('remove', read.value.rest);
  if (!users.ok) return users;
  return ok({ name: 'remove', users: users.value });
}

function parseList(args: Token[]): Read<ListCommand> {
  const read = readOptions('list', args, ['site', 'status', 'plan']);
  if (!read.ok) return read;
  const { status, ...options } = read.value.options;
  const command: ListCommand = { name: 'list', ...options };
  if (status !== undefined) {
    const read = readStatus(status, 'list');
    if (!read.ok) return read;
    command.status = read.value;
  }
  const { rest } = read.value;
  const mention = rest.find((word) => word.entity?.kind === 'user');
  if (mention) {
    return fail(`\`list\` searches by text. To see one person's card, type \`/phone show @ada\`.`, 'list');
  }
  const search = textOf('list', rest);
  if (!search.ok) return search;
  if (search.value !== '') command.search = search.value;
  return ok(command);
}

function parseUserAdd(args: Token[]): Read<UserAddCommand> {
  const rest = positional('user.add', args);
  if (!rest.ok) return rest;
  const [emailWord, firstWord, lastWord, extra] = rest.value;
  if (!emailWord || !firstWord || !lastWord)
    return needs('user.add', 'an email, a first name and a last name');
  if (isStandaloneEntity(emailWord) || !emailWord.text.normalize('NFKC').includes('@')) {
    return fail(
      `${showWord(emailWord)} is not an email address. \`user add\` starts with the person's email, e.g. \`${example('user.add')}\`.`,
      'user.add',
    );
  }
  const email = readEmail(emailWord.text);
  if (!email.ok) return fail(email.message, 'user.add');
  if (extra) {
    return fail(
      `Too many words after the email. Quote a first or last name that has spaces, e.g. \`/phone user add ada@example.com "Ada Mary" Lovelace\`.`,
      'user.add',
    );
  }
  for (const word of [firstWord, lastWord]) {
    if (isStandaloneEntity(word)) return unexpected('user.add', word);
  }
  return ok({ name: 'user.add', email: email.email, firstName: firstWord.text, lastName: lastWord.text });
}

/** The commands of this file, in the order help lists them. */
export const commands = [
  meCommand,
  settingsCommand,
  assignCommand,
  removeCommand,
  showCommand,
  listCommand,
  userAddCommand,
  historyCommand,
  historyRecentCommand,
] as const;
