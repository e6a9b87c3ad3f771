import type { WebClient } from '@slack/web-api';
import { parseEmail } from '../domain/email.ts';
import type { Profiles, SlackProfile } from '../services/ports.ts';

type SlackUser = {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  real_name?: string;
  tz?: string;
  profile?: { email?: string; real_name?: string; first_name?: string; last_name?: string };
};

function toProfile(user: SlackUser | undefined): SlackProfile | undefined {
  if (!user?.id) return undefined;
  const raw = user.profile?.email || undefined;
  // Anyone can type their own profile's email in some workspaces: it is read by the same rule as a typed one.
  const parsed = raw === undefined ? undefined : parseEmail(raw);
  return {
    slackUserId: user.id,
    email: parsed?.ok ? parsed.email : undefined,
    refusedEmail:
      raw !== undefined && parsed?.ok === false ? { input: raw, problem: parsed.problem } : undefined,
    realName: user.real_name || user.profile?.real_name || '',
    firstName: user.profile?.first_name || undefined,
    lastName: user.profile?.last_name || undefined,
    timezone: user.tz || undefined,
    isBot: user.is_bot === true || user.id === 'USLACKBOT',
    deleted: user.deleted === true,
  };
}

const NOT_FOUND = new Set(['user_not_found', 'users_not_found']);

function isNotFound(error: unknown): boolean {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return typeof data?.error === 'string' && NOT_FOUND.has(data.error);
}

/** The Profiles port over the Web API: users.info and users.lookupByEmail. */
export function slackProfiles(client: WebClient): Profiles {
  return {
    async bySlackId(slackUserId) {
      try {
        return toProfile((await client.users.info({ user: slackUserId })).user as SlackUser);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async byEmail(email) {
      try {
        return toProfile((await client.users.lookupByEmail({ email })).user as SlackUser);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
