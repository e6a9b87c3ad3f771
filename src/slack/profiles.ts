import type { WebClient } from '@slack/web-api';
import { parseEmail } from '../domain/email.ts';
import { knownTimeZone } from '../domain/time-zone.ts';
import type { Profiles, SlackProfile } from '../services/ports.ts';

type SlackUser = {
  id?: string;
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_stranger?: boolean;
  real_name?: string;
  tz?: string;
  enterprise_user?: { enterprise_id?: string };
  profile?: { email?: string; real_name?: string; first_name?: string; last_name?: string; team?: string };
};

/** The workspace (and Enterprise Grid organization, if any) the app is installed in. */
type Home = { teamId: string | undefined; enterpriseId: string | undefined };

/**
 * Whether a member belongs to another organization (Slack Connect): users.info marks a stranger, or gives the
 * team of their own workspace. Within one Enterprise Grid organization, members of its other workspaces are
 * colleagues.
 */
function isExternal(user: SlackUser, home: Home): boolean {
  if (user.is_stranger === true) return true;
  if (home.enterpriseId && user.enterprise_user?.enterprise_id === home.enterpriseId) return false;
  const team = user.team_id ?? user.profile?.team;
  return home.teamId !== undefined && team !== undefined && team !== home.teamId;
}

function toProfile(user: SlackUser | undefined, home: Home): SlackProfile | undefined {
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
    timezone: knownTimeZone(user.tz),
    isBot: user.is_bot === true || user.id === 'USLACKBOT',
    deleted: user.deleted === true,
    external: isExternal(user, home),
  };
}

const NOT_FOUND = new Set(['user_not_found', 'users_not_found']);

function isNotFound(error: unknown): boolean {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return typeof data?.error === 'string' && NOT_FOUND.has(data.error);
}

/**
 * The Profiles port over the Web API: users.info and users.lookupByEmail, and auth.test once to learn which
 * workspace is home (asked again after a failure, never cached wrong).
 */
export function slackProfiles(client: WebClient): Profiles {
  let home: Promise<Home> | undefined;
  const homeOf = () => {
    home ??= client.auth.test().then(
      (auth) => ({ teamId: auth.team_id, enterpriseId: auth.enterprise_id }),
      (error: unknown) => {
        home = undefined;
        throw error;
      },
    );
    return home;
  };
  return {
    async bySlackId(slackUserId) {
      try {
        const user = (await client.users.info({ user: slackUserId })).user as SlackUser;
        return toProfile(user, await homeOf());
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async byEmail(email) {
      try {
        const user = (await client.users.lookupByEmail({ email })).user as SlackUser;
        return toProfile(user, await homeOf());
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
