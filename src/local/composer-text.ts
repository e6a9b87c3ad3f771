import type { Store } from './store.ts';

/**
 * What the page's composer sends, written as Slack writes it. Slack's client turns a member picked from the list
 * that opens on `@` into a mention; the page's box is plain text, so the list inserts the member's handle and an
 * exact `@handle` (or display name, or one-word real name, in any case: `@Switchboard`) becomes the mention here.
 * `@` before a name nobody has stays as typed, as in Slack.
 */

/** A handle ends on a letter or digit: the stop after `@grace.` is the sentence's, not the name's. */
const AT_NAME = /(^|[\s(])@([\w.-]*\w)/g;
const HASH_NAME = /(^|[\s(])#([\w-]*\w)/g;
/** A link or an email address as Slack's client recognises one while you type: a word, not a whole grammar. */
const LINK_OR_EMAIL =
  /(^|[\s(])(https?:\/\/[^\s<>]+[^\s<>.,;:!?)]|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

function membersByName(store: Store): Map<string, { id: string; name: string }> {
  const byName = new Map<string, { id: string; name: string }>();
  for (const user of store.users.values()) {
    if (user.deleted) continue;
    const member = { id: user.id, name: user.name };
    const names = [user.name, user.displayName, /\s/.test(user.realName) ? undefined : user.realName];
    for (const name of names) if (name) byName.set(name.toLowerCase(), member);
  }
  // A handle is unique, a display name need not be: a handle wins over anyone's display name.
  for (const user of store.users.values())
    if (!user.deleted) byName.set(user.name.toLowerCase(), { id: user.id, name: user.name });
  return byName;
}

/** Slack escapes these three in every text it sends; a mention or link is the only `<…>` left. */
const escapeControl = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function withMentions(store: Store, text: string, label: boolean): string {
  const members = membersByName(store);
  return text.replace(AT_NAME, (whole, before: string, name: string) => {
    const member = members.get(name.toLowerCase());
    if (!member) return whole;
    return `${before}<@${member.id}${label ? `|${member.name}` : ''}>`;
  });
}

function withChannels(store: Store, text: string, label: boolean): string {
  return text.replace(HASH_NAME, (whole, before: string, name: string) => {
    const channel = [...store.channels.values()].find((c) => !c.isIm && c.name === name.toLowerCase());
    if (!channel) return whole;
    return `${before}<#${channel.id}${label ? `|${channel.name}` : ''}>`;
  });
}

/** A message's text as Slack's client posts it: `<@U…>` and `<#C…>`, with `&`, `<` and `>` escaped. */
export function messageText(store: Store, typed: string): string {
  return withChannels(store, withMentions(store, escapeControl(typed), false), false);
}

/**
 * A slash command's text as Slack sends it to an app whose command has "Escape channels, users, and links" on
 * (manifest `should_escape: true`): `<@U…|handle>`, `<#C…|name>`, `<https://…>` and `<mailto:…|…>`.
 */
export function slashText(store: Store, typed: string): string {
  const linked = escapeControl(typed).replace(LINK_OR_EMAIL, (_, before: string, target: string) =>
    target.includes('://') ? `${before}<${target}>` : `${before}<mailto:${target}|${target}>`,
  );
  return withChannels(store, withMentions(store, linked, true), true);
}
