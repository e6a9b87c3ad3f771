import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { imports } from '../../db/schema/index.ts';
import type { Ephemeral, Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';
import { buttonLabelled, buttonsOf, importUndo } from '../support/undo.ts';
import { csvUploads, importOf } from '../support/uploads.ts';

/**
 * What an import will do and did, to whom: the preview's sample of who gets what, the summary naming the people
 * with a results file of every row, and an Undo that asks first and stays reachable from `/phone imports`.
 */
const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount } = phoneCommands(sb);
const { botReplies, upload, press, attachedFile } = csvUploads(sb);
const { askUndo, confirmUndo, pressEphemeral } = importUndo(sb);
const db = () => sb.app.deps.db;
const labels = (message: { blocks?: unknown[] }) => buttonsOf(message).map((button) => button.text.text);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const PEOPLE = [
  'Ken,Thompson',
  'Barbara,Liskov',
  'Dennis,Ritchie',
  'Linus,Torvalds',
  'Margaret,Hamilton',
  'Donald,Knuth',
  'Frances,Allen',
  'John,Backus',
  'Radia,Perlman',
  'Edsger,Dijkstra',
  'Leslie,Lamport',
];

/** An add file: Ken with an extension, a plan and a number; ten more with blank extensions; one bad row. */
const TEAM = [
  'Email,First Name,Last Name,Extension,Calling Plans,Phone Numbers',
  ...PEOPLE.map((name, i) => {
    const email = `${name.split(',')[0]?.toLowerCase()}@example.com`;
    return i === 0 ? `${email},${name},1200,US/CA Unlimited,+14155550100` : `${email},${name},,,`;
  }),
  'eve@example.com,=Eve,"=HYPERLINK(""http://x"")",911,,',
].join('\n');

async function summaryOf(ts: string, fileName: string): Promise<Message> {
  return sb.slack.waitFor(() =>
    botReplies(ts).find((m) => visibleText(m).includes(`imported *${fileName}*`)),
  );
}

describe('an add import shows who gets what', () => {
  it('previews the first ten people with their extension, site, plans and numbers', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550101');
    const { text } = await upload('team.csv', TEAM);
    expect(text).toContain('12 rows · 11 to add · 1 invalid');
    expect(text).toContain('*Who gets what*');
    expect(text).toContain(
      '• Line 2 Ken Thompson (ken@example.com): extension `1200`, site Main, plan US/CA Unlimited, `+14155550100`',
    );
    expect(text).toContain(
      '• Line 3 Barbara Liskov (barbara@example.com): extension `1000` (next free), site Main, no calling plan',
    );
    expect(text).toContain(
      '• Line 11 Edsger Dijkstra (edsger@example.com): extension `1008` (next free), site Main, no calling plan',
    );
    expect(text).not.toContain('Leslie Lamport');
    expect(text).toContain('…and 1 more person.');
    expect(text).toContain('A *next free* extension is the one the import would give now');
  });

  it('names the people in the summary and attaches every row’s outcome, safe to open in a spreadsheet', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550101');
    const { ts, reply } = await upload('team.csv', TEAM);
    await press(reply, /^Ignore issues and import 11 others$/);
    const summary = visibleText(await summaryOf(ts, 'team.csv'));
    expect(summary).toContain('11 created, 0 updated, 0 unchanged, 1 skipped');
    expect(summary).toContain(
      'Added: Ken Thompson (ext `1200`), Barbara Liskov (ext `1000`), Dennis Ritchie (ext `1001`), Linus Torvalds (ext `1002`), Margaret Hamilton (ext `1003`), Donald Knuth (ext `1004`), Frances Allen (ext `1005`), John Backus (ext `1006`), Radia Perlman (ext `1007`), Edsger Dijkstra (ext `1008`) and 1 more.',
    );

    const posted = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => m.files?.some((f) => (f as { name: string }).name === 'team-results.csv')),
    );
    expect(visibleText(posted)).toContain('What became of each of the 12 rows of team.csv');
    const file = attachedFile(posted);
    const records = parse(file.text) as string[][];
    expect(records[0]).toEqual(['Line', 'Email', 'Name', 'Result', 'Extension', 'Phone Numbers', 'Error']);
    expect(records).toHaveLength(13);
    expect(records[1]).toEqual([
      '2',
      'ken@example.com',
      'Ken Thompson',
      'created',
      '1200',
      '+14155550100',
      '',
    ]);
    expect(records[11]).toEqual(['12', 'leslie@example.com', 'Leslie Lamport', 'created', '1009', '', '']);
    const eve = records[12] as string[];
    expect(eve.slice(0, 5)).toEqual(['13', 'eve@example.com', '', 'skipped', '']);
    expect(eve[6]).toMatch(/^Extension: Extension 911 is reserved/);
    // The file's own free text never reaches a spreadsheet as a formula.
    expect(records.flat().filter((cell) => /^[=+@]/.test(cell) && !/^\+\d+$/.test(cell))).toEqual([]);
    expect(Object.keys(await extensionsByEmail(db()))).toHaveLength(11);

    const prompt = await askUndo(await summaryOf(ts, 'team.csv'));
    expect(visibleText(prompt)).toContain('This removes 11 phone users it created');
    expect(await confirmUndo(prompt)).toBe('Undone: removed 11 phone users and restored 0.');
    const undone = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('undid the import of *team.csv*')),
    );
    expect(visibleText(undone)).toContain('removed 11 phone users and restored 0.');
    expect(await extensionsByEmail(db())).toEqual({});
  });
});

describe('undoing an import', () => {
  /** An applied add file of two people, and an upload that was cancelled. */
  async function applied() {
    await setupAccount();
    const cancelled = await upload('old.csv', 'Email,First Name,Last Name\nold@example.com,Old,Timer\n');
    await press(cancelled.reply, /^Cancel$/);
    await sb.slack.waitFor(async () => (await importOf(db(), cancelled.fileId))?.status === 'cancelled');
    const { ts, fileId, reply } = await upload(
      'team.csv',
      'Email,First Name,Last Name\nken@example.com,Ken,Thompson\nbarbara@example.com,Barbara,Liskov\n',
    );
    await press(reply, /^Import 2 users$/);
    await summaryOf(ts, 'team.csv');
    return { ts, fileId };
  }

  /** `/phone imports` as the admin sees it. */
  async function importsList(): Promise<Ephemeral> {
    const reply = await phone('imports');
    expect(reply.where).toBe('ephemeral');
    return reply.message as Ephemeral;
  }

  it('is offered in /phone imports for each import that can still be undone, without its summary', async () => {
    const { ts } = await applied();
    const list = await importsList();
    expect(visibleText(list)).toMatch(/team\.csv.*\*applied\*: can be undone/);
    expect(visibleText(list)).toMatch(/old\.csv.*\*cancelled\*/);
    expect(labels(list)).toEqual(['Undo']);

    const before = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await pressEphemeral(list, /^Undo$/);
    const prompt = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[before]);
    expect(visibleText(prompt)).toContain(
      'Undo the import of *team.csv*? This removes 2 phone users it created (their licenses, extensions, plans and numbers go back to the account) and restores 0 updated phone users to their values before the import.',
    );
    expect(labels(prompt)).toEqual(['Undo import', 'Cancel']);
    const confirm = buttonLabelled(prompt, /^Undo import$/) as unknown as {
      confirm: { text: { text: string } };
    };
    expect(confirm.confirm.text.text).toBe(
      'Undoing team.csv will remove 2 phone users and restore 0. The undo itself cannot be undone.',
    );
    expect(await confirmUndo(prompt)).toBe('Undone: removed 2 phone users and restored 0.');
    // Told where the import happened, for the channel to see.
    const told = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('undid the import of *team.csv*')),
    );
    expect(visibleText(told)).toBe(
      `:leftwards_arrow_with_hook: <@${ADMIN_ID}> undid the import of *team.csv*: removed 2 phone users and restored 0.`,
    );
    expect(await extensionsByEmail(db())).toEqual({});

    const after = await importsList();
    expect(visibleText(after)).toMatch(/team\.csv.*\*undone\*/);
    expect(labels(after)).toEqual([]);

    // The old list's button, pressed again, says what became of the import and changes nothing.
    const count = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await pressEphemeral(list, /^Undo$/);
    const again = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[count]);
    expect(visibleText(again)).toBe(
      `:warning: The import of team.csv was already undone by <@${ADMIN_ID}>; nothing was done. See \`/phone imports\`.`,
    );
  });

  it('changes nothing when cancelled, and refuses clearly once too old or for an import never applied', async () => {
    const { fileId } = await applied();
    const list = await importsList();
    const before = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await pressEphemeral(list, /^Undo$/);
    const prompt = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[before]);
    await pressEphemeral(prompt, /^Cancel$/);
    await sb.slack.waitFor(() =>
      sb.slack
        .ephemerals(ADMIN_ID, CHANNEL)
        .find((e) => e.id === prompt.id && visibleText(e) === 'Cancelled: nothing was undone.'),
    );
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(['ken@example.com', 'barbara@example.com']);

    // A day and a minute later (the import's time moved back): no Undo any more, and the old button says why.
    await db()
      .update(imports)
      .set({ appliedAt: sql`${imports.appliedAt} - interval '24 hours 1 minute'` })
      .where(eq(imports.slackFileId, fileId));
    expect(labels(await importsList())).toEqual([]);
    const count = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await pressEphemeral(list, /^Undo$/);
    const expired = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[count]);
    expect(visibleText(expired)).toBe(
      ':warning: team.csv was imported more than 24 hours ago and can no longer be undone. Change the users with an update file instead.',
    );
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(['ken@example.com', 'barbara@example.com']);

    // An Undo naming an import that was never applied.
    const [cancelled] = await db().select().from(imports).where(eq(imports.fileName, 'old.csv'));
    const forged = sb.slack.ephemerals(ADMIN_ID, CHANNEL).length;
    await sb.slack.click({
      user: ADMIN_ID,
      actionId: 'import_undo',
      value: String(cancelled?.id),
      message: { ephemeralId: list.id },
    });
    const never = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[forged]);
    expect(visibleText(never)).toBe(
      ':warning: old.csv was never imported (it is cancelled), so there is nothing to undo.',
    );
    expect(await phoneReply('show ken@example.com')).toContain('Extension');
  });
});
