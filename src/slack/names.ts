import type { WebClient } from '@slack/web-api';
import type { DomainError } from '../domain/errors.ts';
import { formErrorText } from './replies.ts';

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
/** At most this many lookups for one error, and no longer than this: a form's answer must beat Slack's 3 s. */
const MAX_LOOKUPS = 5;
const LOOKUP_MS = 1000;

/**
 * The Slack users an error names only by id (a person mentioned before the directory knew them, the actor of
 * a change, a member refused by id), and the names it already carries for some of them.
 */
export function slackIdsIn(error: DomainError): { ids: string[]; known: Map<string, string> } {
  const ids = new Set<string>();
  const known = new Map<string, string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if ((key === 'slackUserId' || key === 'actor') && SLACK_ID.test(value)) ids.add(value);
      for (const match of value.matchAll(MENTION)) if (match[1]) ids.add(match[1]);
      return;
    }
    if (Array.isArray(value)) {
      // The phone admins a refusal names are a list of ids.
      for (const item of value) visit(item, key === 'first' ? 'slackUserId' : undefined);
      return;
    }
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const record = value as Record<string, unknown>;
      const { slackUserId, name } = record;
      if (typeof slackUserId === 'string' && typeof name === 'string' && name && !name.startsWith('<@')) {
        known.set(slackUserId, name);
      }
      for (const [field, inner] of Object.entries(record)) visit(inner, field);
    }
  };
  visit(error);
  return { ids: [...ids].filter((id) => !known.has(id)), known };
}

/**
 * What Slack calls the people an error names by id, for the plain text of a form: looked up a few at a time and
 * briefly (whoever is not found in time is "that person").
 */
export async function slackNames(client: WebClient, error: DomainError): Promise<Map<string, string>> {
  const { ids, known } = slackIdsIn(error);
  const lookups = ids.slice(0, MAX_LOOKUPS).map(async (id) => {
    const user = (await client.users.info({ user: id }).catch(() => undefined))?.user as
      | { real_name?: string; profile?: { real_name?: string; display_name?: string } }
      | undefined;
    const name = user?.real_name || user?.profile?.real_name || user?.profile?.display_name;
    if (name) known.set(id, name);
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, LOOKUP_MS);
  });
  await Promise.race([Promise.all(lookups), late]);
  clearTimeout(timer);
  return new Map(known);
}

/** A refusal as a form shows it, under a field or on top of it: plain text, people by name. */
export async function formError(client: WebClient, error: DomainError): Promise<string> {
  return formErrorText(error, await slackNames(client, error));
}
