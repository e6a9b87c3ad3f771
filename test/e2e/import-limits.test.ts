import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, useSwitchboard } from '../support/e2e.ts';
import { csvUploads, importOf } from '../support/uploads.ts';

/**
 * The import limits hold before the work, not after: a file with more rows than allowed is read no further than
 * the row past the limit, a file larger than allowed is not downloaded, and either gets one line in its thread with
 * nothing stored but the refusal. The limits are small here so that the files are.
 */
const LIMITS = { maxBytes: 1024 * 1024, maxRows: 50 };
const sb = useSwitchboard({ importLimits: LIMITS });
const { botReplies, upload, refusal } = csvUploads(sb);

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
