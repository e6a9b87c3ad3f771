import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, Message } from '../../src/local/index.ts';
import { CHANNEL, useSwitchboard, visibleText } from '../support/e2e.ts';
import { extensionsByEmail, phoneCommands } from '../support/phone.ts';

import { csvUploads, importOf } from '../support/uploads.ts';

/**
 * Slack rate-limits (HTTP 429 with Retry-After) and has outages (HTTP 5xx) on the calls an import makes. The app
 * retries them, as its WebClient does in production (here without the pauses between attempts), so the admin
 * still gets the preview and, above all, the summary: their only confirmation of what the import did.
 */
const sb = useSwitchboard({ retrySlackCalls: true });
const { setupAccount } = phoneCommands(sb);
const { botReplies, upload, press, attachedFile, previewRecorded } = csvUploads(sb);
const db = () => sb.app.deps.db;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const RATE_LIMITED = { status: 429, retryAfterSeconds: 1 } as const;
const PEOPLE = ['ken', 'dennis', 'barbara', 'grace', 'edsger'];
const FILE = ['Email,First Name,Last Name', ...PEOPLE.map((p) => `${p}@example.com,${p},Tester`)].join('\n');

/** The HTTP status of each call of a method, in order. */
const statuses = (calls: ApiCall[]) => calls.map((c) => c.status);
const onMessage = (ts: string) => (args: Record<string, unknown>) => args.ts === ts;
const elsewhere = (ts: string) => (args: Record<string, unknown>) => args.ts !== ts;

/** Uploads the file of five new people and waits for its preview, recorded and ready for a click. */
async function previewed() {
  const { ts, fileId, reply } = await upload('team.csv', FILE);
  await previewRecorded(fileId, reply);
  return { ts, fileId, preview: reply };
}

/** The summary in the file's thread, and the preview closed with who imported it: the last things an import does. */
async function summaryOf(ts: string, preview: Message): Promise<string> {
  const summary = await sb.slack.waitFor(
    () => botReplies(ts).find((m) => visibleText(m).includes('imported *team.csv*')),
    { timeoutMs: 30_000 },
  );
  await sb.slack.waitFor(() =>
    sb.slack.messages(CHANNEL).find((m) => m.ts === preview.ts && visibleText(m).includes('Imported by')),
  );
  return visibleText(summary);
}

describe('Slack answering 429 and 5xx during an upload and an import', () => {
  it('previews an upload although the preview is rate-limited and the errors file meets two outages', async () => {
    await setupAccount();
    sb.slack.failCalls({ method: 'chat.postMessage', answer: RATE_LIMITED });
    sb.slack.failCalls({ method: 'files.getUploadURLExternal', answer: { status: 500 } });
    sb.slack.failCalls({ method: 'files.completeUploadExternal', answer: { status: 503 } });

    const { ts, fileId, reply, text } = await upload('team.csv', `${FILE}\nnot-an-email,Bad,Row`);
    const errors = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));

    expect(text).toContain('*team.csv*: add file · 6 rows · 5 to add · 1 invalid');
    expect(attachedFile(errors).text).toContain('not-an-email,Bad,Row');
    expect(botReplies(ts)).toHaveLength(2);
    expect(await importOf(db(), fileId)).toMatchObject({ status: 'previewed', previewTs: reply.ts });
    expect(statuses(sb.slack.apiCalls('chat.postMessage'))).toEqual([429, 200]);
    expect(statuses(sb.slack.apiCalls('files.getUploadURLExternal'))).toEqual([500, 200]);
    expect(statuses(sb.slack.apiCalls('files.completeUploadExternal'))).toEqual([503, 200]);
  });

  it('keeps a preview whose errors file Slack never takes, and says how to get the errors file', async () => {
    await setupAccount();
    sb.slack.failCalls({
      method: 'files.getUploadURLExternal',
      times: Number.POSITIVE_INFINITY,
      answer: { status: 503 },
    });

    const { ts, fileId, reply } = await upload('team.csv', `${FILE}\nnot-an-email,Bad,Row`);
    const warning = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.text.includes('errors file')));

    expect(visibleText(warning)).toBe(
      ':warning: The errors file could not be posted. The preview above stands; upload the file again in a minute for a new errors file.',
    );
    expect(await importOf(db(), fileId)).toMatchObject({ status: 'previewed', previewTs: reply.ts });
    await press(reply, /^Ignore issues and import 5 others$/);
    expect(await summaryOf(ts, reply)).toContain('5 created, 0 updated, 0 unchanged, 1 skipped');
  });

  it('completes an import whose progress and summary are rate-limited and fail, and posts the summary', async () => {
    await setupAccount();
    const { ts, fileId, preview } = await previewed();
    const postsBefore = sb.slack.apiCalls('chat.postMessage').length;
    sb.slack.failCalls({ method: 'chat.postMessage', answer: RATE_LIMITED });
    // The summary replaces the progress message: one outage, then a rate limit, on that chat.update.
    const summaryCall = elsewhere(preview.ts);
    sb.slack.failCalls({ method: 'chat.update', when: summaryCall, answer: { status: 500 } });
    sb.slack.failCalls({ method: 'chat.update', when: summaryCall, answer: RATE_LIMITED });
    sb.slack.failCalls({ method: 'chat.update', when: onMessage(preview.ts), answer: { status: 502 } });

    await press(preview, /^Import 5 users$/);
    const summary = await summaryOf(ts, preview);

    expect(summary).toContain('5 created, 0 updated, 0 unchanged, 0 skipped');
    expect(await importOf(db(), fileId)).toMatchObject({ status: 'applied' });
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(PEOPLE.map((p) => `${p}@example.com`));
    // Slack ran each call once: the progress posted once, then turned into the summary; the results file after it.
    expect(botReplies(ts)).toHaveLength(3);
    expect(botReplies(ts)[2]?.files).toMatchObject([{ name: 'team-results.csv' }]);
    expect(statuses(sb.slack.apiCalls('chat.postMessage').slice(postsBefore))).toEqual([429, 200]);
    const updates = sb.slack.apiCalls('chat.update');
    expect(statuses(updates.filter((c) => summaryCall(c.args)))).toEqual([500, 429, 200]);
    expect(statuses(updates.filter((c) => c.args.ts === preview.ts))).toEqual([502, 200]);
  });

  it('posts the summary as a new message in the thread when its progress message cannot be updated', async () => {
    await setupAccount();
    const { ts, fileId, preview } = await previewed();
    sb.slack.failCalls({
      method: 'chat.update',
      times: Number.POSITIVE_INFINITY,
      when: elsewhere(preview.ts),
      answer: { status: 500 },
    });

    await press(preview, /^Import 5 users$/);
    const summary = await summaryOf(ts, preview);

    expect(summary).toContain('5 created, 0 updated, 0 unchanged, 0 skipped');
    expect(await importOf(db(), fileId)).toMatchObject({ status: 'applied' });
    const [progress] = botReplies(ts).filter((m) => m.ts !== preview.ts);
    expect(visibleText(progress as Message)).toContain('Importing');
    // The preview, the stale progress, the summary and the results file.
    expect(botReplies(ts)).toHaveLength(4);
  });
});
