import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { imports } from '../../db/schema/index.ts';
import type { Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';
import { buttonLabels, csvUploads, importOf, uploadClaims, waitForDb } from '../support/uploads.ts';

/**
 * Every bad CSV upload gets one clear answer in the file's thread and changes nothing: a file that cannot be read
 * is refused in one line; a file that can is previewed, its bad rows listed by line and column, and nothing
 * changes until the admin presses a button.
 */
const sb = useSwitchboard();
const { phoneChange, setupAccount } = phoneCommands(sb);
const { botReplies, upload, press, attachedFile, previewRecorded, accountData, refusal } = csvUploads(sb);
const db = () => sb.app.deps.db;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const HEADER = 'Email,First Name,Last Name';

/**
 * Uploads a file with bad rows and waits for everything the app posts for it (the preview, then the errors
 * file); checks that the preview offers no "Import N users" and that nothing changed.
 */
async function previewWithProblems(filename: string, content: string) {
  const before = await accountData();
  const { ts, fileId, reply, text } = await upload(filename, content);
  const errors = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
  expect(botReplies(ts)).toHaveLength(2);
  expect(buttonLabels(reply).filter((label) => /^Import/.test(label))).toEqual([]);
  expect(await importOf(db(), fileId)).toMatchObject({ status: 'previewed', previewTs: reply.ts });
  expect(await accountData()).toEqual(before);
  return { ts, reply, text, errors: attachedFile(errors) };
}

/** The Error column of each row of an errors file. */
const errorColumn = (file: { text: string }) =>
  (parse(file.text) as string[][]).slice(1).map((record) => record.at(-1));

/** Waits for the summary of an import and for the preview to lose its buttons, the last things an import does. */
async function imported(ts: string, preview: Message, fileName: string): Promise<string> {
  const summary = await sb.slack.waitFor(() =>
    botReplies(ts).find((m) => visibleText(m).includes(`imported *${fileName}*`)),
  );
  await sb.slack.waitFor(() =>
    sb.slack.messages(CHANNEL).find((m) => m.ts === preview.ts && visibleText(m).includes('Imported by')),
  );
  return visibleText(summary);
}

const PROBLEM_FOOTER =
  'Fix the rows in the errors file and upload it again to replace this preview, or import the valid rows now.';

describe('the header row', () => {
  it('refuses an empty file', async () => {
    expect(await refusal('empty.csv', '')).toBe(
      ':warning: empty.csv cannot be imported: This file is empty. Upload a CSV with a header row and one row per user.',
    );
  });

  it('refuses a header row without any user', async () => {
    expect(await refusal('header.csv', `${HEADER}\r\n`)).toBe(
      ':warning: header.csv cannot be imported: This file has a header row but no users. Add one row per user and upload it again.',
    );
  });

  it('refuses a file without an Email column, naming the columns it found', async () => {
    expect(await refusal('names.csv', 'First Name,Last Name\nKen,Thompson\n')).toBe(
      ':warning: names.csv cannot be imported: This file has no Email column (found: First Name, Last Name). Add one and upload it again.',
    );
  });

  it('previews a file with unknown columns, warning that they are ignored, and imports it', async () => {
    await setupAccount();
    const before = await accountData();
    const { ts, fileId, reply, text } = await upload(
      'extra.csv',
      `${HEADER},Department,Status\nken@example.com,Ken,Thompson,Research,active\n`,
    );
    expect(text).toBe(
      [
        '*extra.csv*: add file · 1 row · 1 to add · 0 invalid',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1000` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        ':information_source: Ignored columns: `Department`, `Status` (belongs to update files).',
        'Import 1 user',
        'Cancel',
      ].join('\n'),
    );
    expect(await previewRecorded(fileId, reply)).toMatchObject({ status: 'previewed' });
    expect(await accountData()).toEqual(before);

    await press(reply, /^Import 1 user$/);
    expect(await imported(ts, reply, 'extra.csv')).toContain('1 created, 0 updated, 0 unchanged, 0 skipped');
    expect(await extensionsByEmail(db())).toEqual({ 'ken@example.com': expect.any(String) });
  });
});

describe('text and CSV syntax', () => {
  it('refuses a quote left open, naming the line it opened on', async () => {
    const text = `${HEADER}\nken@example.com,"Ken,Thompson\nbarbara@example.com,Barbara,Liskov\n`;
    expect(await refusal('quote.csv', text)).toBe(
      ':warning: quote.csv cannot be imported: A quote opened on line 2 is never closed. Close it and upload the file again.',
    );
  });

  it('refuses mixed delimiters: a row with another cell count than the header', async () => {
    const text = `${HEADER}\nken@example.com,Ken,Thompson\nbarbara@example.com;Barbara;Liskov\n`;
    expect(await refusal('mixed.csv', text)).toBe(
      ':warning: mixed.csv cannot be imported: Line 3 has 1 cell but the header has 3 cells. Check for a stray delimiter or mixed delimiters.',
    );
  });

  it('reads a file that starts with a UTF-8 byte order mark, as Excel saves "CSV UTF-8"', async () => {
    await setupAccount();
    const { ts, fileId, reply, text } = await upload(
      'excel.csv',
      `\uFEFF${HEADER}\r\nken@example.com,Ken,Thompson\r\n`,
    );
    // The mark is not part of the first header: no "Ignored columns", and Email is found.
    expect(text).toBe(
      [
        '*excel.csv*: add file · 1 row · 1 to add · 0 invalid',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1000` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        'Import 1 user',
        'Cancel',
      ].join('\n'),
    );
    await previewRecorded(fileId, reply);
    await press(reply, /^Import 1 user$/);
    expect(await imported(ts, reply, 'excel.csv')).toContain('1 created');
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(['ken@example.com']);
  });

  it('reads CRLF and LF line endings alike, with the same line numbers', async () => {
    await setupAccount();
    const rows = [
      `${HEADER},Extension`,
      'ken@example.com,Ken,Thompson,1200',
      'barbara@example.com,Barbara,Liskov,1200',
      'dennis@example.com,Dennis,Ritchie,',
    ];
    const lf = await previewWithProblems('lf.csv', `${rows.join('\n')}\n`);
    const crlf = await previewWithProblems('crlf.csv', `${rows.join('\r\n')}\r\n`);
    const expected = (name: string) =>
      [
        `*${name}*: add file · 3 rows · 2 to add · 1 invalid`,
        '*Problems*\n• Line 3, Extension: `1200` is also on line 2; each Extension may appear once in a file.',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1200`, site Main, no calling plan\n• Line 4 Dennis Ritchie (dennis@example.com): extension `1000` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        PROBLEM_FOOTER,
        'Ignore issues and import 2 others',
        'Cancel',
      ].join('\n');
    expect(lf.text).toBe(expected('lf.csv'));
    expect(crlf.text).toBe(expected('crlf.csv'));
    expect(errorColumn(lf.errors)).toEqual([
      'Line 3, Extension: 1200 is also on line 2; each Extension may appear once in a file.',
    ]);
    expect(errorColumn(crlf.errors)).toEqual(errorColumn(lf.errors));

    // The second upload replaced the first preview; importing it gives both valid rows.
    await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .find(
          (m) => m.ts === lf.reply.ts && visibleText(m).includes('Replaced by the newer upload crlf.csv'),
        ),
    );
    await press(crlf.reply, /^Ignore issues and import 2 others$/);
    expect(await imported(crlf.ts, crlf.reply, 'crlf.csv')).toContain(
      '2 created, 0 updated, 0 unchanged, 1 skipped',
    );
    expect(await extensionsByEmail(db())).toEqual({
      'ken@example.com': '1200',
      'dennis@example.com': expect.any(String),
    });
  });

  it('refuses UTF-16 text, saying to save it as CSV UTF-8', async () => {
    const utf16 = Buffer.from(`\uFEFF${HEADER}\r\nken@example.com,Ken,Thompson\r\n`, 'utf16le');
    expect(await refusal('unicode.csv', utf16)).toBe(
      ':warning: unicode.csv cannot be imported: This file is UTF-16 text. In your spreadsheet, save it as "CSV UTF-8" and upload it again.',
    );
  });

  it('refuses a NUL character (a binary file), naming its line', async () => {
    const text = `${HEADER}\nken@example.com,Ken,Thompson\nbarbara@example.com,Bar\u0000bara,Liskov\n`;
    expect(await refusal('binary.csv', text)).toBe(
      ':warning: binary.csv cannot be imported: Line 3 holds a NUL character, which CSV text never does: this looks like a binary file (a workbook renamed to .csv?). In your spreadsheet, save it as "CSV UTF-8" and upload it again.',
    );
  });

  it('refuses a picture or random bytes named .csv as not a text file, not as UTF-16', async () => {
    const picture = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('IHDR\0\0\x02\0\0\0\x01\0\x08\x06\0\0\0', 'latin1'),
    ]);
    const line =
      'cannot be imported: This is not a text file (a workbook, a PDF or an image renamed to .csv?). In your spreadsheet, save it as "CSV UTF-8" and upload it again.';
    expect(await refusal('picture.csv', picture)).toBe(`:warning: picture.csv ${line}`);
    // A third of the bytes NUL, as many as in UTF-16 text, but on both sides.
    const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? 0 : (i * 37) % 256)));
    expect(await refusal('noise.csv', bytes)).toBe(`:warning: noise.csv ${line}`);
  });

  it('refuses a web page saved as .csv, without reading it as rows', async () => {
    const page = [
      '<!DOCTYPE html>',
      '<html lang="en"><head><meta charset="utf-8"><title>Sign in | Slack</title></head>',
      '<body><h1>Sign in to your workspace</h1><p>You need to sign in to see this page.</p></body></html>',
    ].join('\n');
    expect(await refusal('phone-users.csv', page)).toBe(
      ':warning: phone-users.csv cannot be imported: what the app received is a web page (HTML), not CSV text, so nothing was read. Either the file is a saved web page (save your list from a spreadsheet as "CSV UTF-8" and upload that), or Slack sent its sign-in page instead of the file (the app may lack the `files:read` scope).',
    );
  });
});

describe('row problems: listed by line and column, and nothing changes until a button is pressed', () => {
  it('an email twice in one file', async () => {
    await setupAccount();
    const { text, errors } = await previewWithProblems(
      'twice.csv',
      `${HEADER}\nken@example.com,Ken,Thompson\nKen@Example.com,Kenneth,Thompson\nbarbara@example.com,Barbara,Liskov\n`,
    );
    expect(text).toBe(
      [
        '*twice.csv*: add file · 3 rows · 2 to add · 1 invalid',
        '*Problems*\n• Line 3, Email: `ken@example.com` is also on line 2; each Email may appear once in a file.',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1000` (next free), site Main, no calling plan\n• Line 4 Barbara Liskov (barbara@example.com): extension `1001` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        PROBLEM_FOOTER,
        'Ignore issues and import 2 others',
        'Cancel',
      ].join('\n'),
    );
    expect(errors.name).toBe('twice-errors.csv');
    expect(errorColumn(errors)).toEqual([
      'Line 3, Email: ken@example.com is also on line 2; each Email may appear once in a file.',
    ]);
  });

  it('an extension twice in one file', async () => {
    await setupAccount();
    const { text } = await previewWithProblems(
      'ext.csv',
      `${HEADER},Extension\nken@example.com,Ken,Thompson,1200\nbarbara@example.com,Barbara,Liskov,1201\ndennis@example.com,Dennis,Ritchie,1200\n`,
    );
    expect(text).toBe(
      [
        '*ext.csv*: add file · 3 rows · 2 to add · 1 invalid',
        '*Problems*\n• Line 4, Extension: `1200` is also on line 2; each Extension may appear once in a file.',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1200`, site Main, no calling plan\n• Line 3 Barbara Liskov (barbara@example.com): extension `1201`, site Main, no calling plan',
        PROBLEM_FOOTER,
        'Ignore issues and import 2 others',
        'Cancel',
      ].join('\n'),
    );
  });

  it('a reserved extension', async () => {
    await setupAccount();
    const { text } = await previewWithProblems(
      'reserved.csv',
      `${HEADER},Extension\nken@example.com,Ken,Thompson,911\n`,
    );
    expect(text).toBe(
      [
        '*reserved.csv*: add file · 1 row · 0 to add · 1 invalid',
        '*Problems*\n• Line 2, Extension: Extension `911` is reserved (see `/phone reserved`). Free nearby: `910`, `912`, `909`.',
        'Nothing can be imported: fix the rows in the errors file and upload it here again.',
        'Cancel',
      ].join('\n'),
    );
  });

  it('more rows than free licenses: the rows past them are invalid, the others import', async () => {
    await setupAccount();
    await phoneChange('licenses 2');
    const { ts, reply, text } = await previewWithProblems(
      'three.csv',
      `${HEADER}\nken@example.com,Ken,Thompson\nbarbara@example.com,Barbara,Liskov\ndennis@example.com,Dennis,Ritchie\n`,
    );
    expect(text).toBe(
      [
        '*three.csv*: add file · 3 rows · 2 to add · 1 invalid',
        '*Problems*\n• Line 4, Email: No phone license left for this row: 2 free, the file needs 3. Raise the total with `/phone licenses` or import fewer rows.',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1000` (next free), site Main, no calling plan\n• Line 3 Barbara Liskov (barbara@example.com): extension `1001` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        PROBLEM_FOOTER,
        'Ignore issues and import 2 others',
        'Cancel',
      ].join('\n'),
    );
    await press(reply, /^Ignore issues and import 2 others$/);
    expect(await imported(ts, reply, 'three.csv')).toContain('2 created, 0 updated, 0 unchanged, 1 skipped');
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(['ken@example.com', 'barbara@example.com']);
  });

  it('a phone number without a calling plan', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100');
    const { text } = await previewWithProblems(
      'number.csv',
      `${HEADER},Phone Numbers\nken@example.com,Ken,Thompson,+14155550100\n`,
    );
    expect(text).toBe(
      [
        '*number.csv*: add file · 1 row · 0 to add · 1 invalid',
        '*Problems*\n• Line 2, Phone Numbers: Direct numbers need a calling plan: give one in Calling Plans, or remove the numbers (leave Phone Numbers blank in an add file; put - in it in an update file).',
        'Nothing can be imported: fix the rows in the errors file and upload it here again.',
        'Cancel',
      ].join('\n'),
    );
  });

  it('a desk phone MAC without a desk phone model', async () => {
    await setupAccount();
    const { text } = await previewWithProblems(
      'desk.csv',
      `${HEADER},Desk Phone MAC\nken@example.com,Ken,Thompson,00:04:f2:aa:bb:cc\n`,
    );
    expect(text).toBe(
      [
        '*desk.csv*: add file · 1 row · 0 to add · 1 invalid',
        '*Problems*\n• Line 2, Desk Phone Model: Desk phones need a MAC and a model each: this row has 1 MAC and 0 models.',
        'Nothing can be imported: fix the rows in the errors file and upload it here again.',
        'Cancel',
      ].join('\n'),
    );
  });
});

describe('delivery', () => {
  it('answers once when Slack delivers one upload four times (message, file_shared, a retry of each) and more', async () => {
    await setupAccount();
    const before = await accountData();
    const { fileId, ts, deliveries } = await sb.slack.uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: 'four.csv',
      content: `${HEADER}\nken@example.com,Ken,Thompson\n`,
      mimetype: 'text/csv',
      comment: 'import',
    });
    // Slack retries an event it thinks was not acknowledged: the same envelope, numbered, while the first runs.
    const retries = await Promise.all(
      deliveries.map((delivery) =>
        sb.slack.retryEvent(delivery, { retryNum: 1, retryReason: 'http_timeout' }),
      ),
    );
    expect([...deliveries.map((d) => d.ack.status), ...retries.map((r) => r.status)]).toEqual([
      200, 200, 200, 200,
    ]);

    // Every delivery is acknowledged at once and handled afterwards, so wait for the handling itself: both
    // deliveries of the message reach the claim (file_shared is acknowledged and left alone), and the one that
    // won it records its preview, its last step for a file without bad rows.
    await waitForDb(async () => (await uploadClaims(db())) === 2, 'both message deliveries to try the claim');
    const reply = await sb.slack.waitFor(() => botReplies(ts)[0]);
    await previewRecorded(fileId, reply);
    expect(botReplies(ts)).toHaveLength(1);
    expect(visibleText(reply)).toBe(
      [
        '*four.csv*: add file · 1 row · 1 to add · 0 invalid',
        '*Who gets what*\n• Line 2 Ken Thompson (ken@example.com): extension `1000` (next free), site Main, no calling plan',
        'A *next free* extension is the one the import would give now; it is handed out when you import.',
        'Import 1 user',
        'Cancel',
      ].join('\n'),
    );

    // Slack's next retry comes a minute later, long after the preview: it is claimed, and answered with silence.
    const [message] = deliveries;
    if (!message) throw new Error('no message event delivered');
    expect((await sb.slack.retryEvent(message, { retryNum: 2 })).status).toBe(200);
    await waitForDb(async () => (await uploadClaims(db())) === 3, 'the late retry to try the claim');
    expect(botReplies(ts)).toHaveLength(1);
    expect(await db().select().from(imports)).toHaveLength(1);
    expect(await accountData()).toEqual(before);
  });
});
