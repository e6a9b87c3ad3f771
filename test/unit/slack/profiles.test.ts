import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { slackProfiles } from '../../../src/slack/profiles.ts';

const HOME = { team_id: 'T0HOME0001', enterprise_id: undefined as string | undefined };

/** users.info and auth.test as Slack answers them, for the members given. */
function client(members: Record<string, Record<string, unknown>>, home = HOME, authFailures = 0) {
  let failures = authFailures;
  const calls = { auth: 0 };
  const fake = {
    auth: {
      test: async () => {
        calls.auth++;
        if (failures-- > 0) throw new Error('fetch failed');
        return { ok: true, ...home };
      },
    },
    users: {
      info: async ({ user }: { user: string }) => ({
        ok: true,
        user: { id: user, real_name: 'Someone', profile: { email: `${user}@example.com` }, ...members[user] },
      }),
      lookupByEmail: async () => ({ ok: true, user: { id: 'U0ANY', ...members.U0ANY } }),
    },
  };
  return { client: fake as unknown as WebClient, calls };
}

describe('slackProfiles', () => {
  it('treats a member of the workspace as one of ours', async () => {
    const { client: c } = client({ U0OURS: { team_id: 'T0HOME0001', tz: 'Europe/London' } });
    expect(await slackProfiles(c).bySlackId('U0OURS')).toMatchObject({
      external: false,
      timezone: 'Europe/London',
    });
  });

  it.each([
    ['of another team (Slack Connect)', { team_id: 'T0OTHER001' }],
    ['marked a stranger', { team_id: 'T0HOME0001', is_stranger: true }],
    ['whose profile names another team', { profile: { team: 'T0OTHER001', email: 'x@other.example' } }],
  ])('marks a member %s as external', async (_, member) => {
    const { client: c } = client({ U0THEIRS: member });
    expect(await slackProfiles(c).bySlackId('U0THEIRS')).toMatchObject({ external: true });
  });

  it('treats a member of another workspace of the same Enterprise Grid organization as one of ours', async () => {
    const { client: c } = client(
      { U0GRID: { team_id: 'T0SISTER01', enterprise_user: { enterprise_id: 'E0ORG0001' } } },
      { team_id: 'T0HOME0001', enterprise_id: 'E0ORG0001' },
    );
    expect(await slackProfiles(c).bySlackId('U0GRID')).toMatchObject({ external: false });
  });

  it('asks which workspace is home once, and again after a failure', async () => {
    const { client: c, calls } = client({ U0OURS: { team_id: 'T0HOME0001' } }, HOME, 1);
    const profiles = slackProfiles(c);
    await expect(profiles.bySlackId('U0OURS')).rejects.toThrow('fetch failed');
    await profiles.bySlackId('U0OURS');
    await profiles.byEmail('U0OURS@example.com');
    expect(calls.auth).toBe(2);
  });

  it.each(['Mars/Olympus', ''])('reads a profile time zone of %j as unknown', async (tz) => {
    const { client: c } = client({ U0MARS: { team_id: 'T0HOME0001', tz } });
    expect(await slackProfiles(c).bySlackId('U0MARS')).toMatchObject({ timezone: undefined });
  });
});
