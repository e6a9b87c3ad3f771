import { afterEach, describe, expect, it } from 'vitest';
import type { AckResult, Ephemeral, Message } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import {
  auditedAfter,
  everyTable,
  extensionsByEmail,
  lastAuditId,
  mention,
  phoneCommands,
} from '../support/phone.ts';
import { importUndo } from '../support/undo.ts';
import { buttonOf, csvUploads, importOf } from '../support/uploads.ts';

/**
 * Slack delivers an event again when it thinks the app missed it, and a person may click a button twice, at once
 * (two requests in flight) or again later on a copy of the message their Slack has not refreshed. Whatever
 * arrives twice has one effect, in the account and in its audit log, and the second click is told why it did
 * nothing.
 */
const sb = useSwitchboard();
const { phone, setupAccount, license, directMessages } = phoneCommands(sb);
const { botReplies, upload, previewRecorded } = csvUploads(sb);
const { askUndo, confirmUndo, pressEphemeral } = importUndo(sb);
const db = () => sb.app.deps.db;
const C1 = colleague(1);
const C2 = colleague(2);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const FILE = 'Email,First Name,Last Name\nken@example.com,Ken,Thompson\nbarbara@example.com,Barbara,Liskov\n';
const IMPORTED = ['ken@example.com', 'barbara@example.com'];

function acknowledged(acks: AckResult[]) {
  for (const ack of acks) {
    expect(ack.status).toBe(200);
  }
}

/** The admin's ephemeral answers in the channel that contain `text`. */
const ephemeralsSaying = (text: string) =>
  sb.slack.ephemerals(ADMIN_ID, CHANNEL).filter((e) => visibleText(e).includes(text));

/** The visible text of what the app sent to the admin's response_urls, oldest first, from the `from`th on. */
const answers = (from = 0) =>
  sb.slack
    .responses(ADMIN_ID)
    .slice(from)
    .map((r) => visibleText(r.body as { text: string }));

/** Clicks a button of a channel message as the admin, on the message as it is or on a stale copy of it. */
function clickButton(message: Message, label: RegExp, seen?: Message) {
  const button = buttonOf(seen ?? message, label);
  if (!button) throw new Error(`no button ${label} on: ${visibleText(message)}`);
  return sb.slack.click({
    user: ADMIN_ID,
    actionId: button.action_id,
    value: button.value,
    message: { channel: CHANNEL, ts: message.ts },
    ...(seen ? { seen } : {}),
  });
}

/** An add file of two new people, previewed in its thread and ready for a click. */
async function previewedImport() {
  await setupAccount();
  const { ts, fileId, reply } = await upload('team.csv', FILE);
  await previewRecorded(fileId, reply);
  return { ts, fileId, preview: reply };
}

/** The summary in the file's thread, once the preview has also lost its buttons: the last things an import does. */
async function importSummary(ts: string, preview: Message): Promise<Message> {
  const summary = await sb.slack.waitFor(() =>
    botReplies(ts).find((m) => visibleText(m).includes('imported *team.csv*')),
  );
  await sb.slack.waitFor(() =>
    sb.slack.messages(CHANNEL).find((m) => m.ts === preview.ts && visibleText(m).includes('Imported by')),
  );
  return summary;
}

const importAudit = [
  ...IMPORTED.map(() => ({ actor: ADMIN_ID, action: 'license.assigned' })),
  { actor: ADMIN_ID, action: 'import.applied' },
];

describe('events Slack delivers more than once', () => {
  it('draws the same Home tab for each of four deliveries of app_home_opened, and changes nothing', async () => {
    await setupAccount();
    await license([C1]);
    const before = await everyTable(db());
    const audit = await lastAuditId(db());

    const delivery = await sb.slack.openHome(ADMIN_ID);
    // Slack retries an event it thinks was missed with the same envelope, numbered, while the first runs.
    const retries = await Promise.all(
      [1, 2, 3].map((retryNum) => sb.slack.retryEvent(delivery, { retryNum, retryReason: 'http_timeout' })),
    );
    acknowledged([delivery.ack, ...retries]);

    // A retry may be the only delivery that reached the app, so each one draws the tab; drawing it is idempotent.
    const published = await sb.slack.waitFor(() => {
      const calls = sb.slack.apiCalls('views.publish');
      return calls.length === 4 && calls;
    });
    expect(published.every((call) => call.ok && call.args.user_id === ADMIN_ID)).toBe(true);
    expect(new Set(published.map((call) => JSON.stringify(call.args.view))).size).toBe(1);
    const home = sb.slack.homeView(ADMIN_ID);
    expect(visibleText({ text: '', blocks: home?.blocks ?? [] })).toContain('1 of 50 in use (49 free)');
    expect(await everyTable(db())).toEqual(before);
    expect(await auditedAfter(db(), audit)).toEqual([]);
  });
});

describe('the Import button clicked twice', () => {
  it('imports once when both clicks arrive together, and tells only the second clicker it is under way', async () => {
    const { ts, fileId, preview } = await previewedImport();
    const audit = await lastAuditId(db());

    acknowledged(await Promise.all([1, 2].map(() => clickButton(preview, /^Import 2 users$/))));
    const summary = await importSummary(ts, preview);
    await sb.slack.waitFor(() => ephemeralsSaying('team.csv').length > 0);

    expect(visibleText(summary)).toContain('2 created, 0 updated, 0 unchanged, 0 skipped');
    expect(ephemeralsSaying('team.csv').map(visibleText)).toEqual([
      expect.stringMatching(/team\.csv is (being imported right now|already applied)/),
    ]);
    // The thread holds the preview, the one summary and its results file: whatever the second click posted there
    // is gone.
    const results = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
    expect(botReplies(ts).map((m) => m.ts)).toEqual([preview.ts, summary.ts, results.ts]);
    expect(await importOf(db(), fileId)).toMatchObject({ status: 'applied' });
    expect(Object.keys(await extensionsByEmail(db()))).toEqual(IMPORTED);
    expect(await auditedAfter(db(), audit)).toEqual(importAudit.map((row) => expect.objectContaining(row)));
  });

  it('changes nothing when the preview is clicked again after the import, and says it is applied', async () => {
    const { ts, preview } = await previewedImport();
    await clickButton(preview, /^Import 2 users$/);
    await importSummary(ts, preview);
    const before = await everyTable(db());
    const audit = await lastAuditId(db());
    const thread = botReplies(ts);

    acknowledged([await clickButton(preview, /^Import 2 users$/, preview)]);
    const [answer] = await sb.slack.waitFor(
      () => ephemeralsSaying('team.csv').length > 0 && ephemeralsSaying('team.csv'),
    );

    expect(visibleText(answer as Ephemeral)).toBe(
      ':warning: team.csv is already applied; nothing was done. See `/phone imports`.',
    );
    expect(botReplies(ts)).toEqual(thread);
    expect(await everyTable(db())).toEqual(before);
    expect(await auditedAfter(db(), audit)).toEqual([]);
  });
});

describe('the Undo button clicked twice', () => {
  async function imported() {
    const { ts, preview } = await previewedImport();
    await clickButton(preview, /^Import 2 users$/);
    const summary = await importSummary(ts, preview);
    return { ts, summary };
  }

  const undone = () =>
    sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('undid the import of *team.csv*')),
    );

  it('undoes once when both confirmations arrive together, and tells the later one it is undone', async () => {
    const { summary } = await imported();
    const prompt = await askUndo(summary);
    const audit = await lastAuditId(db());
    const from = sb.slack.responses(ADMIN_ID).length;

    await Promise.all([1, 2].map(() => pressEphemeral(prompt, /^Undo import$/)));
    await undone();
    // Both answer once the first has committed, in either order.
    await sb.slack.waitFor(() => answers(from).length === 2);

    expect(answers(from)).toEqual(
      expect.arrayContaining([
        'Undone: removed 2 phone users and restored 0.',
        `:warning: The import of team.csv was already undone by <@${ADMIN_ID}>; nothing was done. See \`/phone imports\`.`,
      ]),
    );
    expect(await extensionsByEmail(db())).toEqual({});
    const actions = (await auditedAfter(db(), audit)).map((row) => row.action);
    expect(actions.filter((action) => action === 'import.undone')).toHaveLength(1);
    expect(actions.filter((action) => action === 'license.removed')).toHaveLength(IMPORTED.length);
  });

  it('changes nothing when the summary is clicked again after the undo, and says it is undone', async () => {
    const { summary } = await imported();
    await confirmUndo(await askUndo(summary));
    const undoneSummary = await undone();
    const before = await everyTable(db());
    const audit = await lastAuditId(db());

    acknowledged([await clickButton(undoneSummary, /^Undo import$/, summary)]);
    await sb.slack.waitFor(() => ephemeralsSaying('team.csv was already undone').length > 0);

    expect(sb.slack.messages(CHANNEL).find((m) => m.ts === summary.ts)).toEqual(undoneSummary);
    expect(await everyTable(db())).toEqual(before);
    expect(await auditedAfter(db(), audit)).toEqual([]);
  });
});

describe('the confirmation of /phone remove clicked twice', () => {
  async function removalPrompt() {
    await setupAccount();
    await license([C1, C2]);
    const prompt = await phone(`remove ${mention(C1)} ${mention(C2)}`);
    expect(prompt.where).toBe('ephemeral');
    return prompt.message as Ephemeral;
  }

  const clickConfirm = (prompt: Ephemeral, seen?: Ephemeral) =>
    sb.slack.click({
      user: ADMIN_ID,
      actionId: ACTIONS.removeConfirm,
      message: { ephemeralId: prompt.id },
      ...(seen ? { seen } : {}),
    });

  /** One removal: the prompt says so, the channel told once, each person told once, two licenses gone, two audit rows. */
  async function removedOnce(audit: number, prompt: Ephemeral) {
    const shown = sb.slack.ephemerals(ADMIN_ID, CHANNEL).find((e) => e.id === prompt.id);
    expect(shown && visibleText(shown)).toBe('Removed 2 phone licenses.');
    const removals = sb.slack
      .messages(CHANNEL)
      .filter((m) => visibleText(m).includes('removed the phone licenses'));
    expect(removals).toHaveLength(1);
    for (const person of [C1, C2]) {
      expect(directMessages(person).filter((text) => text.includes('license was removed'))).toHaveLength(1);
    }
    expect(await extensionsByEmail(db())).toEqual({});
    expect((await auditedAfter(db(), audit)).map((row) => row.action)).toEqual([
      'license.removed',
      'license.removed',
    ]);
  }

  /** The second confirmation's answer: it names someone whose license the first one removed. */
  const refused = (answer: string) =>
    answer.startsWith(
      `:warning: Nothing was removed. ${mention(C1)} is not a phone user (no phone license).`,
    );

  it('removes once when both clicks arrive together, and the second one says nothing was removed', async () => {
    const prompt = await removalPrompt();
    const audit = await lastAuditId(db());

    acknowledged(await Promise.all([1, 2].map(() => clickConfirm(prompt))));
    await sb.slack.waitFor(() => answers().some(refused) && answers().includes('Removed 2 phone licenses.'));
    for (const person of [C1, C2]) {
      await sb.slack.waitFor(() =>
        directMessages(person).some((text) => text.includes('license was removed')),
      );
    }

    await removedOnce(audit, prompt);
  });

  it('changes nothing when the confirmation is clicked again after the removal', async () => {
    const prompt = await removalPrompt();
    const audit = await lastAuditId(db());
    await clickConfirm(prompt);
    for (const person of [C1, C2]) {
      await sb.slack.waitFor(() =>
        directMessages(person).some((text) => text.includes('license was removed')),
      );
    }
    const before = await everyTable(db());
    const afterRemoval = await lastAuditId(db());

    acknowledged([await clickConfirm(prompt, prompt)]);
    await sb.slack.waitFor(() => answers().some(refused));

    await removedOnce(audit, prompt);
    expect(await everyTable(db())).toEqual(before);
    expect(await auditedAfter(db(), afterRemoval)).toEqual([]);
  });
});
