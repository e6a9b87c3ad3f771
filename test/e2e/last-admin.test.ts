import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admins } from '../../db/schema/index.ts';
import { ADMIN_ID, useSwitchboard } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

/**
 * With ADMIN_USER_IDS set, its admins can never be removed, so the last-admin rule only shows once the setting is
 * empty: here the app starts without it, and the admin is one kept from an earlier ADMIN_USER_IDS.
 */
const sb = useSwitchboard({ adminUserIds: [] });
const { phoneReply, phoneChange } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';

beforeEach(async () => {
  await sb.app.deps.db.insert(admins).values({ slackUserId: ADMIN_ID, addedBy: 'config' });
});

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY])).toEqual([]);
});

describe('/phone admins remove with no ADMIN_USER_IDS', () => {
  it('refuses to remove the last admin', async () => {
    expect(await phoneReply('admins')).toBe(`*Phone admins*\n• ${mention(ADMIN_ID)}`);
    const before = await accountState(sb.app.deps.db);
    expect(await phoneReply(`admins remove <@${ADMIN_ID}>`)).toContain(
      `${mention(ADMIN_ID)} is the last phone admin and cannot be removed. Add another admin first.`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('lets an admin step down once another admin exists, and then protects the one left', async () => {
    await phoneChange(`admins add <@${MALLORY}>`);
    expect(await phoneChange(`admins remove <@${ADMIN_ID}>`)).toBe(
      `${mention(ADMIN_ID)} removed ${mention(ADMIN_ID)} from the phone admins.`,
    );
    expect(await phoneReply(`admins remove <@${MALLORY}>`, MALLORY)).toContain(
      `${mention(MALLORY)} is the last phone admin and cannot be removed.`,
    );
    expect(await phoneReply('admins', MALLORY)).toBe(`*Phone admins*\n• ${mention(MALLORY)}`);
  });
});
