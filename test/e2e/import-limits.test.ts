import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';
import { csvUploads, importOf } from '../support/uploads.ts';

/**
 * The import limits hold before the work, not after: a file with more rows than allowed is read no further than
 * the row past the limit, a file larger than allowed is not downloaded, and either gets one line in its thread with
 * nothing stored but the refusal. The limits are small here so that the files are.
 */
const LIMITS = { maxBytes: 1024 * 1024, maxRows: 50 };
const ADMINS = [ADMIN_ID, colleague(1), colleague(2)];
const sb = useSwitchboard({ importLimits: LIMITS, adminUserIds: ADMINS });
const { botReplies, upload, refusal, previewRecorded, press } = csvUploads(sb);
const { setupAccount, phoneReply } = phoneCommands(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** A file of one-letter rows, the cheapest rows to send and, unbounded, the costliest to read. */
const tinyRows = (rows: number, tail = '') => `Email\n${'a\n'.repeat(rows)}${tail}`;

describe('the row limit', () => {
  it('refuses a file of one row more than the limit in one line, reading no further than that row', async () => {
    // After the row past the limit, a quote that never closes: had the file been read to its end, the answer
    // would be about the quote.
    const text = tinyRows(LIMITS.maxRows + 1, 'b,"never closed\n');
    expect(await refusal('tiny.csv', text)).toBe(
      ':warning: tiny.csv cannot be imported: it has more than 50 rows; the limit is 50. Split it into smaller files.',
    );
  });

  it('previews a file of exactly the limit, with rows of empty cells besides', async () => {
    const text = `Email,First Name\n${'a,A\n'.repeat(LIMITS.maxRows)}${',\n'.repeat(10)}`;
    const { ts, fileId, text: answer } = await upload('fifty.csv', text);
    expect(answer).toMatch(/^\*fifty\.csv\*: add file · 50 rows · 0 to add · 50 invalid/);
    // The errors file is the last thing a preview of bad rows posts.
    await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
    expect(await importOf(sb.app.deps.db, fileId)).toMatchObject({ counts: { rows: 50 } });
  });
});

describe('the size limit', () => {
  it('refuses a file over the limit from the size Slack gives, without downloading it', async () => {
    const header = 'Email\n';
    const content = Buffer.concat([
      Buffer.from(header),
      Buffer.alloc(LIMITS.maxBytes + 1 - header.length, 'a'),
    ]);
    const before = sb.slack.apiCalls().length;
    expect(await refusal('huge.csv', content)).toBe(
      ':warning: huge.csv cannot be imported: it is larger than the limit of 1 MB. Split it into smaller files.',
    );
    const shared = sb.slack.messages(CHANNEL).find((m) => m.subtype === 'file_share');
    const [file] = (shared?.files ?? []) as { id: string; size: number }[];
    expect(file?.size).toBe(LIMITS.maxBytes + 1);
    // The file_share event carries the size: no files.info, and the bytes were never fetched.
    expect(sb.slack.fileDownloads(file?.id ?? '')).toBe(0);
    expect(
      sb.slack
        .apiCalls()
        .slice(before)
        .map((c) => c.method),
    ).toEqual(['chat.postMessage']);
  });
});

describe('several admins uploading at once', () => {
  it('reads one file at a time: the others wait their turn, say so, and are previewed in the order they came', async () => {
    await setupAccount();
    const db = sb.app.deps.db;
    const file = (i: number) => `Email,First Name,Last Name\nperson${i}@example.com,Person,Number${i}\n`;
    // The first file's preview is posted, and Slack's answer to it is late: the first file keeps its turn.
    const hold = sb.slack.holdCalls({
      method: 'chat.postMessage',
      when: (args) => String(args.text ?? '').includes('first.csv: add file'),
    });
    const send = (filename: string, user: string, i: number) =>
      sb.slack.uploadFile({
        user,
        channel: CHANNEL,
        filename,
        content: file(i),
        mimetype: 'text/csv',
        comment: 'import',
      });
    const first = await send('first.csv', ADMIN_ID, 1);
    await sb.slack.waitFor(() => hold.holding() === 1);
    const second = await send('second.csv', colleague(1), 2);
    const waitSecond = await sb.slack.waitFor(() => botReplies(second.ts)[0]);
    const third = await send('third.csv', colleague(2), 3);
    const waitThird = await sb.slack.waitFor(() => botReplies(third.ts)[0]);

    expect(visibleText(waitSecond)).toBe(
      ':hourglass: Another file is being checked or imported; *second.csv* is next. Its preview will follow here.',
    );
    expect(visibleText(waitThird)).toBe(
      ':hourglass: 2 other files are being checked, imported or waiting; *third.csv* follows them. Its preview will follow here.',
    );
    // Waiting costs nothing: the files in line are not even downloaded, and are recorded as being read.
    expect([second, third].map((u) => sb.slack.fileDownloads(u.fileId))).toEqual([0, 0]);
    expect((await importOf(db, second.fileId))?.status).toBe('reading');
    expect((await importOf(db, third.fileId))?.status).toBe('reading');
    const listed = await phoneReply('imports');
    for (const name of ['first.csv', 'second.csv', 'third.csv']) {
      expect(listed).toContain(`\`${name}\` · add · not counted yet · *being read*`);
    }

    hold.release();
    const previews = [];
    for (const [uploaded, name] of [
      [first, 'first.csv'],
      [second, 'second.csv'],
      [third, 'third.csv'],
    ] as const) {
      const preview = await sb.slack.waitFor(() =>
        botReplies(uploaded.ts).find((m) => visibleText(m).startsWith(`*${name}*: add file`)),
      );
      expect(visibleText(preview)).toMatch(
        new RegExp(
          `^\\*${name}\\*: add file · 1 row · 1 to add · 0 invalid\n\\*Who gets what\\*\n• Line 2 .*: extension \`10\\d\\d\` \\(next free\\), site Main, no calling plan\n.*\nImport 1 user\nCancel$`,
        ),
      );
      expect(await previewRecorded(uploaded.fileId, preview)).toMatchObject({ status: 'previewed' });
      previews.push(preview.ts);
    }
    expect([...previews].sort()).toEqual(previews);
    expect([first, second, third].map((u) => sb.slack.fileDownloads(u.fileId))).toEqual([1, 1, 1]);
  });

  it('imports a file in its turn too: a click while another file is read waits for it, and says so', async () => {
    await setupAccount();
    const file = (i: number) => `Email,First Name,Last Name\nperson${i}@example.com,Person,Number${i}\n`;
    const ready = await upload('ready.csv', file(1));
    await previewRecorded(ready.fileId, ready.reply);
    const hold = sb.slack.holdCalls({
      method: 'chat.postMessage',
      when: (args) => String(args.text ?? '').includes('busy.csv: add file'),
    });
    await sb.slack.uploadFile({
      user: colleague(1),
      channel: CHANNEL,
      filename: 'busy.csv',
      content: file(2),
      mimetype: 'text/csv',
      comment: 'import',
    });
    await sb.slack.waitFor(() => hold.holding() === 1);

    await press(ready.reply, /^Import 1 user$/);
    const waiting = await sb.slack.waitFor(() =>
      botReplies(ready.ts).find((m) => visibleText(m).startsWith(':hourglass:')),
    );
    expect(visibleText(waiting)).toBe(
      ':hourglass: Another file is being checked or imported; importing *ready.csv* starts next.',
    );
    expect(await extensionsByEmail(sb.app.deps.db)).toEqual({});

    hold.release();
    const summary = await sb.slack.waitFor(() =>
      botReplies(ready.ts).find((m) => visibleText(m).includes('imported *ready.csv*')),
    );
    expect(summary.ts).toBe(waiting.ts);
    expect(Object.keys(await extensionsByEmail(sb.app.deps.db))).toEqual(['person1@example.com']);
  });
});
