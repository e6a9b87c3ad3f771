import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/local/index.ts';
import { useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';
import { importUndo } from '../support/undo.ts';
import { buttonLabels, csvUploads } from '../support/uploads.ts';

/**
 * An update file is checked as a whole: what it moves from one person to another (a swap of extensions, numbers
 * or desk phones, or a cycle of three) is valid when the file's end state is, and is applied in one go.
 */
const sb = useSwitchboard();
const { phoneChange, phoneReply, setupAccount } = phoneCommands(sb);
const { botReplies, upload, press, accountData } = csvUploads(sb);
const { askUndo, confirmUndo } = importUndo(sb);
const db = () => sb.app.deps.db;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const TEAM = [
  'Email,First Name,Last Name,Extension,Calling Plans,Phone Numbers,Desk Phone MAC,Desk Phone Model',
  'ken@example.com,Ken,Thompson,1001,US/CA Unlimited,+14155550100,00:1A:2B:3C:4D:01,Poly VVX 450',
  'barbara@example.com,Barbara,Liskov,1002,US/CA Unlimited,+14155550101,00:1A:2B:3C:4D:02,Yealink T54W',
  'dennis@example.com,Dennis,Ritchie,1003,,,,',
  'linus@example.com,Linus,Torvalds,1004,,,,',
].join('\n');

/** The four people of TEAM, imported by an add file. */
async function team() {
  await setupAccount();
  await phoneChange('numbers add +14155550100..+14155550103');
  const { ts, reply } = await upload('team.csv', TEAM);
  await press(reply, /^Import 4 users$/);
  await imported(ts, 'team.csv');
}

async function imported(ts: string, fileName: string): Promise<Message> {
  return sb.slack.waitFor(() =>
    botReplies(ts).find((m) => visibleText(m).includes(`imported *${fileName}*`)),
  );
}

describe('an update file checked as a whole', () => {
  it('swaps two people’s extensions, numbers and desk phones, showing each value before and after', async () => {
    await team();
    const swap = [
      'Email,Extension,Phone Numbers,Desk Phone MAC,Desk Phone Model',
      'ken@example.com,1002,+14155550101,00:1A:2B:3C:4D:02,Yealink T54W',
      'barbara@example.com,1001,+14155550100,00:1A:2B:3C:4D:01,Poly VVX 450',
    ].join('\n');
    const { ts, reply, text } = await upload('swap.csv', swap, 'update');
    expect(text).toContain('2 rows · 2 to update · 0 invalid');
    expect(text).toContain('• Line 2 Ken Thompson (ken@example.com): extension `1001` → `1002`');
    expect(text).toContain('phone numbers `+14155550100` → `+14155550101`');
    expect(text).toContain('desk phones `001A2B3C4D01 (Poly VVX 450)` → `001A2B3C4D02 (Yealink T54W)`');
    expect(text).toContain('• Line 3 Barbara Liskov (barbara@example.com): extension `1002` → `1001`');
    expect(buttonLabels(reply)).toContain('Import 2 users');

    await press(reply, /^Import 2 users$/);
    const summary = visibleText(await imported(ts, 'swap.csv'));
    expect(summary).toContain('0 created, 2 updated, 0 unchanged, 0 skipped');
    expect(summary).toContain(
      'Updated: Ken Thompson (extension, phone numbers, desk phones) and Barbara Liskov (extension, phone numbers, desk phones).',
    );
    expect(await extensionsByEmail(db())).toMatchObject({
      'ken@example.com': '1002',
      'barbara@example.com': '1001',
    });
    const ken = await phoneReply('show ken@example.com');
    expect(ken).toContain('+14155550101');
    expect(ken).toMatch(/00:1A:2B:3C:4D:02/);
    const barbara = await phoneReply('show barbara@example.com');
    expect(barbara).toContain('+14155550100');
    expect(barbara).toMatch(/00:1A:2B:3C:4D:01/);
  });

  it('applies a cycle of three extensions, and its undo puts every one back', async () => {
    await team();
    const cycle = [
      'Email,Extension',
      'ken@example.com,1002',
      'barbara@example.com,1003',
      'dennis@example.com,1001',
    ].join('\n');
    const { ts, reply, text } = await upload('cycle.csv', cycle, 'update');
    expect(text).toContain('3 rows · 3 to update · 0 invalid');
    await press(reply, /^Import 3 users$/);
    const summary = await imported(ts, 'cycle.csv');
    expect(await extensionsByEmail(db())).toMatchObject({
      'ken@example.com': '1002',
      'barbara@example.com': '1003',
      'dennis@example.com': '1001',
      'linus@example.com': '1004',
    });

    const prompt = await askUndo(summary);
    expect(visibleText(prompt)).toContain(
      'This removes 0 phone users it created (their licenses, extensions, plans and numbers go back to the account) and restores 3 updated phone users to their values before the import.',
    );
    expect(await confirmUndo(prompt)).toBe('Undone: removed 0 phone users and restored 3.');
    await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('removed 0 phone users and restored 3')),
    );
    expect(await extensionsByEmail(db())).toMatchObject({
      'ken@example.com': '1001',
      'barbara@example.com': '1002',
      'dennis@example.com': '1003',
    });
  });

  it('refuses a value that moves to someone the file leaves holding it, or to someone not in the file, naming them', async () => {
    await team();
    const before = await accountData();
    const file = [
      'Email,Extension,Status',
      // Linus is not in the file: his extension stays his.
      'ken@example.com,1004,',
      // Dennis is in the file but keeps 1003.
      'barbara@example.com,1003,',
      'dennis@example.com,,inactive',
    ].join('\n');
    const { ts, text } = await upload('taken.csv', file, 'update');
    expect(text).toContain('3 rows · 1 to update · 2 invalid');
    expect(text).toContain(
      'Line 2, Extension: Extension `1004` is taken by Linus Torvalds (linus@example.com).',
    );
    expect(text).toContain(
      'Line 3, Extension: `1003` belongs to Dennis Ritchie (dennis@example.com), who keeps it: their row (line 4) does not give it up.',
    );
    await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
    expect(await accountData()).toEqual(before);
  });

  it('refuses a swap whose other half cannot be imported, saying which line to fix', async () => {
    await team();
    const file = ['Email,Extension,Status', 'ken@example.com,1002,', 'barbara@example.com,1001,retired'].join(
      '\n',
    );
    const { text } = await upload('half.csv', file, 'update');
    expect(text).toContain('2 rows · 0 to update · 2 invalid');
    expect(text).toContain('Line 3, Status: Status `retired` is not valid');
    expect(text).toContain(
      'Line 2, Extension: `1002` belongs to Barbara Liskov (barbara@example.com), whose row (line 3) cannot be imported, so they keep it. Fix line 3 as well.',
    );
  });
});

describe('the preview of a large update', () => {
  it('shows the people changed, every field before and after, as many as Slack allows, and counts the rest', async () => {
    await setupAccount();
    const people = Array.from({ length: 12 }, (_, i) => `person${i + 1}@example.com`);
    const add = ['Email,First Name,Last Name', ...people.map((email, i) => `${email},Person,Number${i + 1}`)];
    const added = await upload('people.csv', add.join('\n'));
    await press(added.reply, /^Import 12 users$/);
    await imported(added.ts, 'people.csv');

    const street = (i: number) => `${i} ${'Long Street Name '.repeat(5)}`.slice(0, 100).trim();
    const update = [
      'Email,First Name,Last Name,Status,Audio Prompt Language,Emergency Address Line 1,Emergency Address Line 2,Emergency City,Emergency State,Emergency Postal Code,Emergency Country',
      ...people.map(
        (email, i) =>
          `${email},Renamed${'x'.repeat(40)},Person${i + 1}${'y'.repeat(40)},inactive,en-GB,${street(i)},${'Suite 1234 '.repeat(9).trim()},San Francisco,CA,94105,US`,
      ),
    ];
    const { ts, reply, text } = await upload('renamed.csv', update.join('\n'), 'update');
    expect(text).toContain('12 rows · 12 to update · 0 invalid');
    expect(text).toContain('• Line 2 Person Number1 (person1@example.com): name `Person Number1` → `Renamed');
    expect(text).toContain('status `active` → `inactive`');
    expect(text).toContain('language `en-US` → `en-GB`');
    expect(text).toContain('emergency address `the site’s` → `0 Long Street Name');
    // As many people as one section holds, then how many more: the count is never what the limit cuts off.
    expect(text).toContain('• Line 8 Person Number7');
    expect(text).not.toContain('Line 9 ');
    expect(text).toContain('…and 5 more people.');
    expect(buttonLabels(reply)).toEqual(['Import 12 users', 'Cancel']);

    await press(reply, /^Import 12 users$/);
    const summary = visibleText(await imported(ts, 'renamed.csv'));
    expect(summary).toContain('0 created, 12 updated, 0 unchanged, 0 skipped');
    expect(summary).toMatch(
      /Updated: Renamedx+ Person1y+… \(name, status, language, emergency address\), .* and 2 more\./,
    );
    expect(await phoneReply('show person12@example.com')).toMatch(/inactive/i);
  });
});
