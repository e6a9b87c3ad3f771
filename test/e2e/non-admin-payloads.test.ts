import type { App } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryUsers, imports } from '../../db/schema/index.ts';
import { FORM } from '../../src/local/driver.ts';
import type { AckResult, InputValue, View } from '../../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/services/imports/service.ts';
import { Turns } from '../../src/services/imports/turns.ts';
import { ACTIONS, ASSIGN_BLOCKS, CARD_FORM_BLOCKS, CARD_FORM_INPUTS, VIEWS } from '../../src/slack/ids.ts';
import { routedIds } from '../../src/slack/listener.ts';
import {
  encodeHistoryCursor,
  encodeListCursor,
  encodeNumbersCursor,
  encodePlanRemoval,
  encodeReservedCursor,
  encodeRemoval as encodeUsers,
} from '../../src/slack/payloads.ts';
import { registerListeners } from '../../src/slack/register.ts';
import type { Runtime } from '../../src/slack/runtime.ts';
import { ADDRESS_BLOCKS } from '../../src/slack/views/settings/address-form.ts';
import { HANDLING_BLOCKS } from '../../src/slack/views/settings/call-handling-form.ts';
import { CALLER_BLOCKS } from '../../src/slack/views/settings/caller-form.ts';
import { HOURS_BLOCKS } from '../../src/slack/views/settings/hours-form.ts';
import { LINE_BLOCKS } from '../../src/slack/views/settings/line-form.ts';
import { encodeRemoval, LIST_BLOCKS } from '../../src/slack/views/settings/list-forms.ts';
import { encodeFormMetadata } from '../../src/slack/views/settings/metadata.ts';
import { VOICEMAIL_BLOCKS } from '../../src/slack/views/settings/voicemail-form.ts';
import { id3Mp3 } from '../support/audio.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { type Button, forgedPayloads, type Surface } from '../support/forged-payloads.ts';
import { openHome } from '../support/home.ts';
import {
  auditedAfter,
  everyTable,
  lastAuditId,
  mention,
  phoneCommands,
  unreadableMarkup,
} from '../support/phone.ts';
import { checks, radio, select, settingsModal, text } from '../support/settings-modal.ts';
import { buttonOf, csvUploads } from '../support/uploads.ts';

/*
 * permissions.test.ts sends the account-wide slash commands as a non-admin. This file sends the rest: every
 * button and form of the app written by hand, as an attacker who has read them would (another user's id in the
 * button value or in private_metadata, a form the app drew for an admin), and the slash commands that name
 * someone else's line. Each must be refused where the sender can read it, change nothing, and be audited.
 */

// The account every attempt is made against is built once and kept while attempts leave it as it was (they must):
// see `ensureWorld`.
const sb = useSwitchboard({ resetEachTest: false });
const forged = forgedPayloads(sb);
const { phone, phoneReply, phoneChange, busyAccount, license, directMessage } = phoneCommands(sb);
const { openSettings, openSection } = settingsModal(sb);
const { upload, press, previewRecorded, botReplies } = csvUploads(sb);
const db = () => sb.app.deps.db;

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const MOBILE = '+14155550123';
const DESK_PHONE = '00-1a-2b-3c-4d-5e';
const OWN_DESK_PHONE = '00-1a-2b-3c-4d-5f';
const ADD_FILE = 'Email,First Name,Last Name\nken@example.com,Ken,Thompson\n';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1, C2, C3])).toEqual([]);
});

/**
 * The account every attempt is made against: colleague 1 (the victim) with a plan, a number, a forward number,
 * a blocked prefix, a desk phone and colleague 2 as assistant; Mallory with a line of her own, a blocked prefix
 * and a desk phone that only an admin may change. Colleague 3 has no line.
 */
async function world(): Promise<void> {
  await busyAccount();
  await license([C2, MALLORY]);
  await phoneChange(`forward add ${mention(C1)} ${MOBILE}`);
  await phoneChange(`block add ${mention(C1)} +1900`);
  await phoneChange(`phone add ${mention(C1)} ${DESK_PHONE} Model A20`);
  await phoneChange(`delegate add ${mention(C1)} ${mention(C2)}`);
  await directMessage(C2, 'You are now an assistant');
  await phoneChange(`block add ${mention(MALLORY)} +1900`);
  await phoneChange(`phone add ${mention(MALLORY)} ${OWN_DESK_PHONE} Model A20`);
}

/** The world as the last `ensureWorld` left it; attempts must change nothing in it but the audit log. */
let built: string | undefined;

/**
 * The world of `world()`, built again only when the test before changed something of it (a payload's own set-up,
 * or a failure): every test starts from the same state, without each paying for building it.
 */
async function ensureWorld(): Promise<void> {
  if (built !== undefined && built === JSON.stringify(await everyTable(db()))) return;
  built = undefined;
  await sb.reset();
  await world();
  await sb.app.notices.idle();
  await sb.app.sync?.idle();
  built = JSON.stringify(await everyTable(db()));
}

async function directoryId(slackUserId: string): Promise<number> {
  const [row] = await db()
    .select({ id: directoryUsers.id })
    .from(directoryUsers)
    .where(eq(directoryUsers.slackUserId, slackUserId));
  if (!row) throw new Error(`${slackUserId} is not in the directory`);
  return row.id;
}

/** A section of `target`'s settings as the app draws it for the admin: the form an attacker copies. */
const adminForm = (target: string, section: string) => openSection(target, section, ADMIN_ID);

/** The form of `/phone assign` as the admin gets it (openSettings waits for whatever modal a command opens). */
const adminAssignForm = () => openSettings('assign', ADMIN_ID);

/** The form a button on `target`'s card opens for the admin (a calling plan, a number): the form an attacker copies. */
async function adminCardForm(actionId: string, target: string): Promise<View> {
  for (const view of sb.slack.openViews(ADMIN_ID).reverse()) {
    await sb.slack.closeView({ user: ADMIN_ID, viewId: view.id });
  }
  const value = `u:${await directoryId(target)}`;
  await forged.press(ADMIN_ID, { action_id: actionId, value }, aMessage);
  return sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID)[0]);
}

/** The summary of `target`'s settings as the app draws it for the admin. */
const adminSummary = (target: string) => openSettings(`settings ${mention(target)}`, ADMIN_ID);

/** The Remove button the app drew in a list section, for the entry whose block mentions `entry`. */
function removeButton(view: View, entry: string): Button {
  const blocks = view.blocks as { block_id?: string; accessory?: Button & { type: string } }[];
  const block = blocks.find(
    (b) => b.accessory?.action_id === ACTIONS.settingsListRemove && b.block_id?.includes(entry),
  );
  if (!block?.accessory || !block.block_id) throw new Error(`no Remove button for ${entry}`);
  return { action_id: block.accessory.action_id, block_id: block.block_id, value: block.accessory.value };
}

/** A preview of an add file the admin uploaded, and its import's id. */
async function previewedImport() {
  const { fileId, reply } = await upload('team.csv', ADD_FILE);
  const row = await previewRecorded(fileId, reply);
  return { preview: reply, id: row.id };
}

/** An import the admin applied, which can still be undone, and its id. */
async function appliedImport() {
  const { preview, id } = await previewedImport();
  await press(preview, /^Import 1 user$/);
  await sb.slack.waitFor(() =>
    botReplies(preview.thread_ts ?? '').find((m) => visibleText(m).includes('imported *team.csv*')),
  );
  // The preview loses its buttons last: once it has, the app has nothing more to post about this import.
  await sb.slack.waitFor(() => {
    const closed = sb.slack.messages(CHANNEL).find((m) => m.ts === preview.ts);
    return closed && !buttonOf(closed, /Import/);
  });
  const [row] = await db().select({ status: imports.status }).from(imports).where(eq(imports.id, id));
  expect(row?.status).toBe('applied');
  return id;
}

/** The Line section's values: a site and an extension, no plans, no numbers, active. */
const lineValues = (site: string, extension: string) => ({
  [LINE_BLOCKS.site]: { value: text(site) },
  [LINE_BLOCKS.extension]: { value: text(extension) },
  [LINE_BLOCKS.plans]: { value: text('') },
  [LINE_BLOCKS.numbers]: { value: text('') },
  [LINE_BLOCKS.status]: { status: radio('active') },
});

/** A message in the admins' channel for buttons that do not care which message they were on. */
const aMessage: Surface = { message: { ts: '1700000000.000100' } };

type Payload =
  | { press: Button; on: Surface }
  | { submit: View; values: Record<string, Record<string, InputValue>> };

type Attempt = {
  /** The action_id or callback_id whose listener receives the payload. */
  listener: string;
  /** What the sender tries, as the test's name says it: "confirming the removal of …". */
  tries: string;
  /** Sets up what the payload names (a form the app drew, an import) and writes the payload. */
  payload: (attacker: string) => Promise<Payload>;
  /** What the sender reads instead: a reply, an error under a field, or a note on top of the form. */
  refusal: string;
  /** The commands the audit log records as denied to the sender. */
  denied: string[];
};

/** Test names read as sentences: what is tried, then the listener it reaches. */
const named = (attempts: Attempt[]) => attempts.map((a) => [a.tries, a.listener, a] as const);

const send = (user: string, payload: Payload): Promise<AckResult> =>
  'press' in payload
    ? forged.press(user, payload.press, payload.on)
    : forged.submit(user, payload.submit, payload.values);

/** Everything the sender can read: replies to them, their open forms, and the inline errors of a form's ack. */
function readBy(user: string, ack?: AckResult): string[] {
  const errors = (ack?.json as { errors?: Record<string, string> } | undefined)?.errors ?? {};
  return [
    ...Object.values(errors),
    ...sb.slack.ephemerals(user).map(visibleText),
    ...sb.slack.openViews(user).map((view) => visibleText({ text: '', blocks: view.blocks })),
  ];
}

/** What people other than the sender can see: the channel with its threads, and everyone's direct messages. */
const shownToOthers = () =>
  JSON.stringify([
    sb.slack.messages(CHANNEL),
    ...[ADMIN_ID, C1, C2, C3, MALLORY].map((user) => sb.slack.messages(sb.slack.dmChannel(user))),
  ]);

/** Waits until `user` reads something new that contains `text`. */
async function toldAfter(user: string, earlier: string[], ack: AckResult, text: string): Promise<void> {
  const known = new Set(earlier);
  await sb.slack.waitFor(() => readBy(user, ack).find((read) => !known.has(read) && read.includes(text)));
}

/** Sends the payload as `attacker` and checks the three promises: refused to them, nothing changed, audited. */
async function attempt(attacker: string, { payload, refusal, denied }: Attempt): Promise<void> {
  const written = await payload(attacker);
  const before = await everyTable(db());
  const shown = shownToOthers();
  const mark = await lastAuditId(db());
  const earlier = readBy(attacker);
  const ack = await send(attacker, written);
  await toldAfter(attacker, earlier, ack, refusal);
  expect(await everyTable(db())).toEqual(before);
  expect(shownToOthers()).toBe(shown);
  expect(await auditedAfter(db(), mark)).toEqual(
    denied.map((command) => ({ actor: attacker, action: 'denied', target: command })),
  );
}

/** Attempts on colleague 1's line and on the account: refused to any non-admin, phone user or not. */
const onSomeoneElse: Attempt[] = [
  {
    listener: ACTIONS.removeConfirm,
    tries: "confirming the removal of colleague 1's license",
    payload: async () => ({
      press: {
        action_id: ACTIONS.removeConfirm,
        value: encodeUsers([{ directoryUserId: await directoryId(C1), digest: undefined }]),
      },
      on: aMessage,
    }),
    refusal: 'Nothing was removed. Only phone admins can use `/phone remove`.',
    denied: ['remove'],
  },
  {
    listener: ACTIONS.planRemoveConfirm,
    tries: "confirming the removal of colleague 1's calling plans and direct number",
    payload: async () => ({
      press: {
        action_id: ACTIONS.planRemoveConfirm,
        value: encodePlanRemoval({
          directoryUserId: await directoryId(C1),
          plan: null,
          numbers: ['+14155550100'],
        }),
      },
      on: aMessage,
    }),
    refusal: 'Nothing was removed. Only phone admins can use `/phone plan remove`.',
    denied: ['plan remove'],
  },
  {
    listener: ACTIONS.numbersMore,
    tries: 'paging through the numbers',
    payload: async () => ({
      press: {
        action_id: ACTIONS.numbersMore,
        value: encodeNumbersCursor({ free: true, after: '+14155550100' }),
      },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone numbers`.',
    denied: ['numbers'],
  },
  {
    listener: ACTIONS.reservedMore,
    tries: 'paging through the reserved extensions',
    payload: async () => ({
      press: { action_id: ACTIONS.reservedMore, value: encodeReservedCursor({ after: '4000', before: 50 }) },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone reserved`.',
    denied: ['reserved'],
  },
  {
    listener: ACTIONS.listNext,
    tries: 'paging through the list of phone users',
    payload: async () => ({
      press: { action_id: ACTIONS.listNext, value: encodeListCursor({ status: 'active' }, 0) },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone list`.',
    denied: ['list'],
  },
  {
    listener: ACTIONS.historyMore,
    tries: "paging back through colleague 1's history",
    payload: async () => ({
      press: {
        action_id: ACTIONS.historyMore,
        value: encodeHistoryCursor({ subject: await directoryId(C1), before: 1_000_000 }),
      },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone history`.',
    denied: ['history'],
  },
  {
    listener: ACTIONS.showPin,
    tries: "asking for colleague 1's voicemail PIN",
    payload: async () => ({
      press: { action_id: ACTIONS.showPin, value: `u:${await directoryId(C1)}` },
      on: aMessage,
    }),
    refusal: 'Only phone admins and the phone user themselves can see a voicemail PIN.',
    denied: ['show pin'],
  },
  {
    listener: ACTIONS.settingsOpen,
    tries: "opening colleague 1's settings from a card",
    payload: async () => ({
      press: { action_id: ACTIONS.settingsOpen, value: `u:${await directoryId(C1)}` },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone settings`.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.settingsEdit,
    tries: "pressing Edit on the summary of colleague 1's settings",
    payload: async () => ({
      press: { action_id: ACTIONS.settingsEdit, block_id: 'summary_voicemail', value: 'voicemail' },
      on: { view: await adminSummary(C1) },
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.hoursMode,
    tries: "choosing a weekly schedule in colleague 1's business hours form",
    payload: async () => ({
      press: { action_id: ACTIONS.hoursMode, block_id: HOURS_BLOCKS.mode },
      on: { view: await adminForm(C1, 'hours') },
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.hoursDayType,
    tries: "closing a day in colleague 1's business hours form",
    payload: async () => ({
      press: { action_id: ACTIONS.hoursDayType, block_id: HOURS_BLOCKS.day('mon') },
      on: { view: await adminForm(C1, 'hours') },
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: "removing colleague 1's forward number",
    payload: async () => {
      const list = await adminForm(C1, 'forward');
      return { press: removeButton(list, MOBILE.slice(1)), on: { view: list } };
    },
    refusal: 'Only phone admins can use /phone forward remove for someone else.',
    denied: ['forward remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: 'unblocking a prefix blocked for colleague 1',
    payload: async () => {
      const list = await adminForm(C1, 'blocked');
      return { press: removeButton(list, '1900'), on: { view: list } };
    },
    refusal: 'Only phone admins can use /phone block remove.',
    denied: ['block remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: "removing colleague 1's assistant",
    payload: async () => {
      const list = await adminForm(C1, 'assistants');
      return { press: removeButton(list, 'assistants_entry_'), on: { view: list } };
    },
    refusal: 'Only phone admins can use /phone delegate remove for someone else.',
    denied: ['delegate remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: "taking colleague 1's desk phone away",
    payload: async () => {
      const list = await adminForm(C1, 'phones');
      return { press: removeButton(list, 'phones_entry_'), on: { view: list } };
    },
    refusal: 'Only phone admins can use /phone phone remove.',
    denied: ['phone remove'],
  },
  {
    listener: ACTIONS.importAll,
    tries: "importing every row of the admin's previewed file",
    payload: async () => {
      const { preview, id } = await previewedImport();
      return { press: { action_id: ACTIONS.importAll, value: String(id) }, on: { message: preview } };
    },
    refusal: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.importValid,
    tries: "importing the valid rows of the admin's previewed file",
    payload: async () => {
      const { preview, id } = await previewedImport();
      return { press: { action_id: ACTIONS.importValid, value: String(id) }, on: { message: preview } };
    },
    refusal: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.importCancel,
    tries: "cancelling the admin's previewed import",
    payload: async () => {
      const { preview, id } = await previewedImport();
      return { press: { action_id: ACTIONS.importCancel, value: String(id) }, on: { message: preview } };
    },
    refusal: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.importUndo,
    tries: "undoing the admin's import",
    payload: async () => ({
      press: { action_id: ACTIONS.importUndo, value: String(await appliedImport()) },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.importUndoConfirm,
    tries: "confirming the undo of the admin's import",
    payload: async () => ({
      press: { action_id: ACTIONS.importUndoConfirm, value: String(await appliedImport()) },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.syncRetryOne,
    tries: 'retrying the phone system for colleague 1',
    payload: async () => ({
      press: { action_id: ACTIONS.syncRetryOne, value: `u:${await directoryId(C1)}` },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone sync`.',
    denied: ['sync'],
  },
  {
    listener: ACTIONS.syncReplyRetry,
    tries: 'retrying the people a change was refused for',
    payload: async () => ({ press: { action_id: ACTIONS.syncReplyRetry, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone sync`.',
    denied: ['sync'],
  },
  {
    listener: ACTIONS.syncReplyRevert,
    tries: 'reverting in Switchboard a change the phone system refused',
    payload: async () => ({ press: { action_id: ACTIONS.syncReplyRevert, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone sync`.',
    denied: ['sync'],
  },
  {
    listener: ACTIONS.syncRetryAll,
    tries: 'retrying everyone the phone system refused',
    payload: async () => ({ press: { action_id: ACTIONS.syncRetryAll, value: 'all' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone sync`.',
    denied: ['sync'],
  },
  {
    listener: ACTIONS.driftKeep,
    tries: "pushing Switchboard's values over what was changed in the phone system",
    payload: async () => ({ press: { action_id: ACTIONS.driftKeep, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone drift`.',
    denied: ['drift'],
  },
  {
    listener: ACTIONS.driftShow,
    tries: "reading the last drift report from an admin's Home tab",
    payload: async () => {
      await openHome(sb, ADMIN_ID);
      const home = sb.slack.homeView(ADMIN_ID);
      if (!home) throw new Error('the admin has no Home tab');
      return { press: { action_id: ACTIONS.driftShow, value: '1' }, on: { view: home } };
    },
    refusal: 'Only phone admins can use /phone drift.',
    denied: ['drift'],
  },
  {
    listener: ACTIONS.adoptAll,
    tries: "adopting the phone system's account",
    payload: async () => ({ press: { action_id: ACTIONS.adoptAll, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone adopt`.',
    denied: ['adopt'],
  },
  {
    listener: ACTIONS.adoptOthers,
    tries: "adopting the phone system's account but its conflicts",
    payload: async () => ({ press: { action_id: ACTIONS.adoptOthers, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone adopt`.',
    denied: ['adopt'],
  },
  {
    listener: ACTIONS.adoptCancel,
    tries: "cancelling an admin's adoption preview",
    payload: async () => ({ press: { action_id: ACTIONS.adoptCancel, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone adopt`.',
    denied: ['adopt'],
  },
  {
    listener: ACTIONS.driftTake,
    tries: "taking the phone system's values into Switchboard",
    payload: async () => ({ press: { action_id: ACTIONS.driftTake, value: '1' }, on: aMessage }),
    refusal: 'Only phone admins can use `/phone drift`.',
    denied: ['drift'],
  },
  {
    listener: VIEWS.assign,
    tries: "submitting the admin's assign form for colleague 3",
    payload: async () => ({
      submit: await adminAssignForm(),
      values: { [ASSIGN_BLOCKS.users]: { users: { type: 'multi_users_select', selected_users: [C3] } } },
    }),
    refusal: 'Only phone admins can use /phone assign.',
    denied: ['assign'],
  },
  {
    listener: ACTIONS.cardPlanAssign,
    tries: "opening the calling plan form of colleague 2's card",
    payload: async () => ({
      press: { action_id: ACTIONS.cardPlanAssign, value: `u:${await directoryId(C2)}` },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone plan add`.',
    denied: ['plan add'],
  },
  {
    listener: ACTIONS.cardNumberAssign,
    tries: "opening the number form of colleague 1's card",
    payload: async () => ({
      press: { action_id: ACTIONS.cardNumberAssign, value: `u:${await directoryId(C1)}` },
      on: aMessage,
    }),
    refusal: 'Only phone admins can use `/phone number add`.',
    denied: ['number add'],
  },
  {
    listener: VIEWS.cardPlan,
    tries: "submitting the admin's calling plan form for colleague 2",
    payload: async () => ({
      submit: await adminCardForm(ACTIONS.cardPlanAssign, C2),
      values: { [CARD_FORM_BLOCKS.plan]: { [CARD_FORM_INPUTS.plan]: select('200') } },
    }),
    refusal: 'Only phone admins can use /phone plan add.',
    denied: ['plan add'],
  },
  {
    listener: VIEWS.cardNumber,
    tries: "submitting the admin's number form for colleague 1",
    payload: async () => ({
      submit: await adminCardForm(ACTIONS.cardNumberAssign, C1),
      values: { [CARD_FORM_BLOCKS.number]: { [CARD_FORM_INPUTS.number]: select('any') } },
    }),
    refusal: 'Only phone admins can use /phone number add.',
    denied: ['number add'],
  },
  {
    listener: VIEWS.settingsHours,
    tries: "saving colleague 1's business hours",
    payload: async () => ({
      submit: await adminForm(C1, 'hours'),
      values: { [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: radio('always') } },
    }),
    refusal: 'Only phone admins can use /phone hours for someone else.',
    denied: ['hours'],
  },
  {
    listener: VIEWS.settingsLine,
    tries: "moving colleague 1's line to Boston on extension 4999, without plans or numbers",
    payload: async () => ({
      submit: await adminForm(C1, 'line'),
      values: lineValues('Boston', '4999'),
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: VIEWS.settingsHandling,
    tries: "saving colleague 1's call handling",
    payload: async () => ({
      submit: await adminForm(C1, 'handling'),
      values: { [HANDLING_BLOCKS.mode]: { mode: radio('sequential') } },
    }),
    refusal: 'Only phone admins can use /phone settings for someone else.',
    denied: ['settings'],
  },
  {
    listener: VIEWS.settingsVoicemail,
    tries: "setting colleague 1's voicemail PIN and language",
    payload: async () => ({
      submit: await adminForm(C1, 'voicemail'),
      values: {
        [VOICEMAIL_BLOCKS.pin]: { pin: text('9471') },
        [VOICEMAIL_BLOCKS.language]: { language: select('fr-CA') },
      },
    }),
    refusal: 'Only phone admins can use /phone settings for someone else.',
    denied: ['settings'],
  },
  {
    listener: VIEWS.settingsCaller,
    tries: "hiding colleague 1's caller ID",
    payload: async () => ({
      submit: await adminForm(C1, 'caller'),
      values: { [CALLER_BLOCKS.callerId]: { caller_id: select('hidden') } },
    }),
    refusal: 'Only phone admins can use /phone set for someone else.',
    denied: ['set'],
  },
  {
    listener: VIEWS.settingsAddress,
    tries: "giving colleague 1 an emergency address of the sender's choosing",
    payload: async () => ({
      submit: await adminForm(C1, 'address'),
      values: {
        [ADDRESS_BLOCKS.source]: { source: radio('own') },
        [ADDRESS_BLOCKS.line1]: { value: text('1 Main St') },
        [ADDRESS_BLOCKS.city]: { value: text('Springfield') },
        [ADDRESS_BLOCKS.state]: { value: text('IL') },
        [ADDRESS_BLOCKS.postalCode]: { value: text('62701') },
        [ADDRESS_BLOCKS.country]: { value: text('US') },
      },
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: VIEWS.settingsForward,
    tries: 'adding a forward number to colleague 1',
    payload: async () => ({
      submit: await adminForm(C1, 'forward'),
      values: { [LIST_BLOCKS.forwardNumber]: { value: text('+14155550199') } },
    }),
    refusal: 'Only phone admins can use /phone forward add for someone else.',
    denied: ['forward add'],
  },
  {
    listener: VIEWS.settingsBlocked,
    tries: 'blocking a number for colleague 1',
    payload: async () => ({
      submit: await adminForm(C1, 'blocked'),
      values: { [LIST_BLOCKS.blockedEntry]: { value: text('+1800') } },
    }),
    refusal: 'Only phone admins can use /phone block add.',
    denied: ['block add'],
  },
  {
    listener: VIEWS.settingsAssistants,
    tries: "making themselves colleague 1's assistant",
    payload: async (attacker) => ({
      submit: await adminForm(C1, 'assistants'),
      values: { [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: attacker } } },
    }),
    refusal: 'Only phone admins can use /phone delegate add for someone else.',
    denied: ['delegate add'],
  },
  {
    listener: VIEWS.settingsPhones,
    tries: 'adding a desk phone to colleague 1',
    payload: async () => ({
      submit: await adminForm(C1, 'phones'),
      values: {
        [LIST_BLOCKS.deskMac]: { value: text('00-1a-2b-3c-4d-60') },
        [LIST_BLOCKS.deskModel]: { value: text('Model A20') },
      },
    }),
    refusal: 'Only phone admins can use /phone phone add.',
    denied: ['phone add'],
  },
];

/** Attempts on Mallory's own line, on what only an admin may change there. */
const onOwnLine: Attempt[] = [
  {
    listener: ACTIONS.settingsEdit,
    tries: 'opening the caller ID form of her own settings',
    payload: async () => ({
      press: { action_id: ACTIONS.settingsEdit, block_id: 'summary_caller', value: 'caller' },
      on: { view: await openSettings('settings', MALLORY) },
    }),
    refusal: 'Only phone admins can change this part of your settings.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: 'unblocking a prefix the admin blocked for her',
    payload: async () => {
      const list = await adminForm(MALLORY, 'blocked');
      return { press: removeButton(list, '1900'), on: { view: list } };
    },
    refusal: 'Only phone admins can change blocked numbers.',
    denied: ['block remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    tries: 'taking away her own desk phone',
    payload: async () => {
      const list = await adminForm(MALLORY, 'phones');
      return { press: removeButton(list, 'phones_entry_'), on: { view: list } };
    },
    refusal: 'Only phone admins can change desk phones.',
    denied: ['phone remove'],
  },
  {
    listener: VIEWS.settingsLine,
    tries: 'moving her own line to Boston on another extension',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'line'),
      values: lineValues('Boston', '4998'),
    }),
    refusal: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: VIEWS.settingsCaller,
    tries: 'setting her own caller ID and area code',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'caller'),
      values: {
        [CALLER_BLOCKS.callerId]: { caller_id: select('hidden') },
        [CALLER_BLOCKS.areaCode]: { area_code: text('415') },
      },
    }),
    refusal: 'Only phone admins can change caller ID.',
    denied: ['set'],
  },
  {
    listener: VIEWS.settingsAddress,
    tries: 'setting her own emergency address, which her admin manages',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'address'),
      values: {
        [ADDRESS_BLOCKS.source]: { source: radio('own') },
        [ADDRESS_BLOCKS.line1]: { value: text('1 Main St') },
        [ADDRESS_BLOCKS.city]: { value: text('Springfield') },
        [ADDRESS_BLOCKS.state]: { value: text('IL') },
        [ADDRESS_BLOCKS.postalCode]: { value: text('62701') },
        [ADDRESS_BLOCKS.country]: { value: text('US') },
      },
    }),
    refusal: 'Your phone admin manages your emergency address',
    denied: ['address'],
  },
  {
    listener: VIEWS.settingsAddress,
    tries: 'allowing herself to manage her own emergency address',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'address'),
      values: {
        [ADDRESS_BLOCKS.source]: { source: radio('site') },
        [ADDRESS_BLOCKS.allow]: { allow: checks('allow') },
      },
    }),
    refusal: 'Only phone admins can use /phone address allow-self.',
    denied: ['address allow-self'],
  },
  {
    listener: VIEWS.settingsBlocked,
    tries: 'blocking a number on her own line',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'blocked'),
      values: { [LIST_BLOCKS.blockedEntry]: { value: text('+1800') } },
    }),
    refusal: 'Only phone admins can change blocked numbers.',
    denied: ['block add'],
  },
  {
    listener: VIEWS.settingsPhones,
    tries: 'adding a desk phone to her own line',
    payload: async () => ({
      submit: await adminForm(MALLORY, 'phones'),
      values: {
        [LIST_BLOCKS.deskMac]: { value: text('00-1a-2b-3c-4d-60') },
        [LIST_BLOCKS.deskModel]: { value: text('Model A20') },
      },
    }),
    refusal: 'Only phone admins can change desk phones.',
    denied: ['phone add'],
  },
];

describe.each([
  ['a phone user who is not an admin', MALLORY],
  ['a non-admin without a phone line', C3],
])('%s, sending buttons and forms written by hand', (_who, attacker) => {
  it.each(named(onSomeoneElse))(
    'is refused when %s (%s), changes nothing and is audited',
    async (_tries, _listener, a) => {
      await ensureWorld();
      await attempt(attacker, a);
    },
  );
});

describe('a phone user who is not an admin, on her own line', () => {
  it.each(named(onOwnLine))(
    'is refused when %s (%s), changes nothing and is audited',
    async (_tries, _listener, a) => {
      await ensureWorld();
      await attempt(MALLORY, a);
    },
  );

  it('still saves what she may change herself, through the same kind of payload', async () => {
    await ensureWorld();
    const form = await openSection(MALLORY, 'handling', MALLORY);
    const mark = await lastAuditId(db());
    const ack = await forged.submit(MALLORY, form, { [HANDLING_BLOCKS.mode]: { mode: radio('sequential') } });
    expect(ack.json).toBeUndefined();
    expect(await phoneReply('me', MALLORY)).toContain('*Ring mode*\nSequential');
    expect((await auditedAfter(db(), mark)).map((row) => row.action)).not.toContain('denied');
  });

  it('may press Cancel under an undo question, which only takes back a message of her own', async () => {
    await ensureWorld();
    const before = await everyTable(db());
    const shown = shownToOthers();
    const mark = await lastAuditId(db());
    const earlier = readBy(MALLORY);
    const ack = await forged.press(MALLORY, { action_id: ACTIONS.importUndoCancel }, aMessage);
    await toldAfter(MALLORY, earlier, ack, 'Cancelled: nothing was undone.');
    expect(await everyTable(db())).toEqual(before);
    expect(shownToOthers()).toBe(shown);
    expect(await auditedAfter(db(), mark)).toEqual([]);
  });

  it('may press Cancel under a removal, which only takes back a message of her own', async () => {
    await ensureWorld();
    const before = await everyTable(db());
    const shown = shownToOthers();
    const mark = await lastAuditId(db());
    const earlier = readBy(MALLORY);
    const ack = await forged.press(MALLORY, { action_id: ACTIONS.removeCancel }, aMessage);
    await toldAfter(MALLORY, earlier, ack, 'Cancelled: nothing was removed.');
    expect(await everyTable(db())).toEqual(before);
    expect(shownToOthers()).toBe(shown);
    expect(await auditedAfter(db(), mark)).toEqual([]);
  });
});

describe("a recording named in another user's voicemail form", () => {
  it.each([
    ['a recording', id3Mp3()],
    ['a file that is not audio', Buffer.from('These are the meeting notes.\n', 'utf8')],
  ])(
    'is not downloaded for a non-admin when it is %s: the form is refused and audited',
    async (_what, content) => {
      await ensureWorld();
      const { fileId } = await sb.slack.uploadFile({
        user: ADMIN_ID,
        channel: CHANNEL,
        filename: 'welcome.mp3',
        content,
      });
      await attempt(MALLORY, {
        listener: VIEWS.settingsVoicemail,
        tries: "setting colleague 1's greeting from a file in the channel",
        payload: async () => ({
          submit: await adminForm(C1, 'voicemail'),
          values: {
            [VOICEMAIL_BLOCKS.file]: {
              file: { type: 'file_input', files: [{ id: fileId, name: 'welcome.mp3' }] },
            },
            [VOICEMAIL_BLOCKS.fileUse]: { use: radio('greeting') },
          },
        }),
        refusal: 'Only phone admins can use /phone settings.',
        denied: ['settings'],
      });
      expect(sb.slack.fileDownloads(fileId)).toBe(0);
    },
  );
});

/** Directory id 999999 belongs to nobody. */
const nobodysForm = (form: View): View => ({
  ...form,
  private_metadata: encodeFormMetadata({
    directoryUserId: 999_999,
    version: 1,
    openedAt: new Date(),
    channelId: CHANNEL,
  }),
});

const unreadable = (form: View, privateMetadata: string): View => ({
  ...form,
  private_metadata: privateMetadata,
});

type Garbage = {
  listener: string;
  /** The payload, finishing the test's name. */
  what: string;
  payload: () => Promise<Payload>;
  /** What the sender reads, when the app has somewhere to say it. */
  answer: string | undefined;
  /** The commands audited as denied: a payload that names no one is refused as it would be for someone real. */
  denied: string[];
};

const garbage: Garbage[] = [
  {
    listener: ACTIONS.removeConfirm,
    what: 'a removal confirmation whose value is not a list of ids',
    payload: async () => ({
      press: { action_id: ACTIONS.removeConfirm, value: 'd:1;drop table' },
      on: aMessage,
    }),
    answer: 'This button could not be read; nothing was removed.',
    denied: [],
  },
  {
    listener: ACTIONS.removeConfirm,
    what: 'a removal confirmation with no value at all',
    payload: async () => ({ press: { action_id: ACTIONS.removeConfirm }, on: aMessage }),
    answer: 'This button could not be read; nothing was removed.',
    denied: [],
  },
  {
    listener: ACTIONS.planRemoveConfirm,
    what: 'a plan-removal confirmation whose numbers are not phone numbers',
    payload: async () => ({
      press: { action_id: ACTIONS.planRemoveConfirm, value: '{"d":1,"p":null,"n":["drop table"]}' },
      on: aMessage,
    }),
    answer: 'This button could not be read; nothing was removed.',
    denied: [],
  },
  {
    listener: ACTIONS.numbersMore,
    what: 'a More button whose value names no number',
    payload: async () => ({
      press: { action_id: ACTIONS.numbersMore, value: '{"free":true,"after":"DROP TABLE"}' },
      on: aMessage,
    }),
    answer: 'This list could not be continued; run `/phone numbers` again.',
    denied: [],
  },
  {
    listener: ACTIONS.reservedMore,
    what: 'a More button whose value names no extension',
    payload: async () => ({
      press: { action_id: ACTIONS.reservedMore, value: '{"after":"4000; DROP TABLE","before":50}' },
      on: aMessage,
    }),
    answer: 'This list could not be continued; run `/phone reserved` again.',
    denied: [],
  },
  {
    listener: ACTIONS.listNext,
    what: 'a Next button whose value is cut-off JSON',
    payload: async () => ({ press: { action_id: ACTIONS.listNext, value: '{"q":{"site":' }, on: aMessage }),
    answer: 'This list could not be continued; run `/phone list` again.',
    denied: [],
  },
  {
    listener: ACTIONS.historyMore,
    what: 'a More button whose value names no history',
    payload: async () => ({
      press: { action_id: ACTIONS.historyMore, value: 'h:everyone:drop' },
      on: aMessage,
    }),
    answer: 'This history could not be continued; run `/phone history` again.',
    denied: [],
  },
  {
    listener: ACTIONS.syncRetryOne,
    what: 'a Retry button whose value names nobody',
    payload: async () => ({ press: { action_id: ACTIONS.syncRetryOne, value: 'u:ada' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.syncReplyRetry,
    what: 'a Retry button under a change whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.syncReplyRetry, value: 'x' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.adoptAll,
    what: 'an Adopt button whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.adoptAll, value: '1; drop table' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.driftTake,
    what: 'a drift button whose value is not a check and a place',
    payload: async () => ({ press: { action_id: ACTIONS.driftTake, value: '1:ada' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.syncReplyRevert,
    what: 'a Revert button under a change whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.syncReplyRevert, value: '1e3' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.showPin,
    what: 'a Show PIN button whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.showPin, value: 'u:ada' }, on: aMessage }),
    answer: 'This button could not be read.',
    denied: [],
  },
  {
    listener: ACTIONS.settingsOpen,
    what: 'an Edit settings button whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.settingsOpen, value: 'u:-1' }, on: aMessage }),
    answer: undefined,
    denied: [],
  },
  {
    listener: ACTIONS.importAll,
    what: 'an Import button whose value is not a number',
    payload: async () => ({ press: { action_id: ACTIONS.importAll, value: 'all of them' }, on: aMessage }),
    answer: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.importUndo,
    what: 'an Undo button naming an import that does not exist',
    payload: async () => ({ press: { action_id: ACTIONS.importUndo, value: '999999' }, on: aMessage }),
    answer: 'Only phone admins can use `/phone import`.',
    denied: ['import'],
  },
  {
    listener: ACTIONS.settingsEdit,
    what: 'an Edit button on a summary whose private_metadata is not JSON',
    payload: async () => ({
      press: { action_id: ACTIONS.settingsEdit, value: 'hours' },
      on: { view: unreadable(await adminSummary(C1), '{"u":') },
    }),
    answer: undefined,
    denied: [],
  },
  {
    listener: ACTIONS.settingsEdit,
    what: 'an Edit button on a summary whose private_metadata names nobody',
    payload: async () => ({
      press: { action_id: ACTIONS.settingsEdit, value: 'hours' },
      on: { view: nobodysForm(await adminSummary(C1)) },
    }),
    answer: 'Only phone admins can use /phone settings.',
    denied: ['settings'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    what: 'a Remove button whose value is not JSON',
    payload: async () => ({
      press: { action_id: ACTIONS.settingsListRemove, value: 'forward:+14155550123' },
      on: { view: await adminForm(C1, 'forward') },
    }),
    answer: undefined,
    denied: [],
  },
  {
    listener: ACTIONS.settingsListRemove,
    what: 'a Remove button in a list whose private_metadata names nobody',
    payload: async () => ({
      press: { action_id: ACTIONS.settingsListRemove, value: encodeRemoval('forward', MOBILE) },
      on: { view: nobodysForm(await adminForm(C1, 'forward')) },
    }),
    answer: 'Only phone admins can use /phone forward remove for someone else.',
    denied: ['forward remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    what: 'an assistant Remove button in a list whose private_metadata names nobody',
    payload: async () => {
      const list = await adminForm(C1, 'assistants');
      return { press: removeButton(list, 'assistants_entry_'), on: { view: nobodysForm(list) } };
    },
    answer: 'Only phone admins can use /phone delegate remove for someone else.',
    denied: ['delegate remove'],
  },
  {
    listener: ACTIONS.settingsListRemove,
    what: "a Remove button naming an extension nobody has in colleague 1's assistants",
    payload: async () => ({
      press: { action_id: ACTIONS.settingsListRemove, value: encodeRemoval('assistants', '9999') },
      on: { view: await adminForm(C1, 'assistants') },
    }),
    answer: 'Only phone admins can use /phone delegate remove for someone else.',
    denied: ['delegate remove'],
  },
  {
    listener: VIEWS.settingsHours,
    what: 'a business-hours form whose private_metadata is not JSON',
    payload: async () => ({
      submit: unreadable(await adminForm(C1, 'hours'), 'not json'),
      values: { [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: radio('always') } },
    }),
    answer: 'This form could not be read; close it and open the settings again.',
    denied: [],
  },
  {
    listener: VIEWS.settingsForward,
    what: 'a forward-number form whose private_metadata names nobody',
    payload: async () => ({
      submit: nobodysForm(await adminForm(C1, 'forward')),
      values: { [LIST_BLOCKS.forwardNumber]: { value: text('+14155550199') } },
    }),
    answer: 'Only phone admins can use /phone forward add for someone else.',
    denied: ['forward add'],
  },
  {
    listener: VIEWS.assign,
    what: 'an assign form whose private_metadata is not JSON',
    payload: async () => ({
      submit: unreadable(await adminAssignForm(), '{channelId'),
      values: { [ASSIGN_BLOCKS.users]: { users: { type: 'multi_users_select', selected_users: [C3] } } },
    }),
    answer: 'This form could not be read. Close it and run /phone assign again.',
    denied: [],
  },
  {
    listener: VIEWS.assign,
    what: 'an assign form whose private_metadata names no channel',
    payload: async () => ({
      submit: unreadable(await adminAssignForm(), JSON.stringify({ channelId: '#general' })),
      values: { [ASSIGN_BLOCKS.users]: { users: { type: 'multi_users_select', selected_users: [C3] } } },
    }),
    answer: 'This form could not be read. Close it and run /phone assign again.',
    denied: [],
  },
];

describe('a payload that cannot be read or names nobody, sent by a non-admin', () => {
  it.each(garbage.map((g) => [g.what, g.listener, g] as const))(
    'is turned away cleanly when it is %s (%s): nothing changes and the app keeps answering',
    async (_what, _listener, g) => {
      await ensureWorld();
      const written = await g.payload();
      const before = await everyTable(db());
      const shown = shownToOthers();
      const mark = await lastAuditId(db());
      const earlier = readBy(MALLORY);
      const ack = await send(MALLORY, written);
      if (g.answer) await toldAfter(MALLORY, earlier, ack, g.answer);
      expect(await phoneReply('me', MALLORY)).toContain('*Extension*');
      expect(await everyTable(db())).toEqual(before);
      expect(shownToOthers()).toBe(shown);
      expect(await auditedAfter(db(), mark)).toEqual(
        g.denied.map((command) => ({ actor: MALLORY, action: 'denied', target: command })),
      );
    },
  );

  it('goes unanswered when no listener knows it, changes nothing, and the app keeps answering', async () => {
    await ensureWorld();
    const before = await everyTable(db());
    const shown = shownToOthers();
    const mark = await lastAuditId(db());
    const common = {
      team: { id: sb.slack.teamId },
      user: { id: MALLORY, team_id: sb.slack.teamId },
      api_app_id: sb.slack.appId,
      trigger_id: '0000000000.0000000000.forged',
    };
    const view = (callbackId: string) => ({
      id: 'V0FORGED01',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: '',
      state: { values: {} },
    });
    const payloads = [
      { ...common, type: 'view_submission', view: view(VIEWS.settingsSummary) },
      { ...common, type: 'view_submission', view: view('settings_admins') },
      {
        ...common,
        type: 'block_actions',
        actions: [{ type: 'button', action_id: 'admins_add', block_id: 'forged', value: MALLORY }],
      },
    ];
    // Bolt answers 404 to what no listener acknowledged within Slack's 3 seconds; Slack then tells the sender.
    const acks = await Promise.all(
      payloads.map((payload) =>
        sb.slack.sendRaw({
          body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          contentType: FORM,
        }),
      ),
    );
    expect(acks.map((ack) => ack.status)).toEqual([404, 404, 404]);
    expect(await phoneReply('me', MALLORY)).toContain('*Extension*');
    expect(await everyTable(db())).toEqual(before);
    expect(shownToOthers()).toBe(shown);
    expect(await auditedAfter(db(), mark)).toEqual([]);
  });
});

/**
 * `/phone` commands permissions.test.ts does not send: on someone else's line, on what only an admin changes on
 * her own, and account-wide ones it leaves out.
 */
const commands: [text: string, refusal: string, denied: string][] = [
  [`set ${mention(C1)} pin=9471`, 'Only phone admins can use `/phone set` for someone else.', 'set'],
  [`set ${mention(MALLORY)} caller-id=hidden`, 'Only phone admins can change caller ID.', 'set'],
  [`hours ${mention(C1)} 24/7`, 'Only phone admins can use `/phone hours` for someone else.', 'hours'],
  [
    `forward add ${mention(C1)} +14155550199`,
    'Only phone admins can use `/phone forward add` for someone else.',
    'forward add',
  ],
  [
    `forward remove ${mention(C1)} ${MOBILE}`,
    'Only phone admins can use `/phone forward remove` for someone else.',
    'forward remove',
  ],
  [
    `delegate add ${mention(C1)} ${mention(MALLORY)}`,
    'Only phone admins can use `/phone delegate add` for someone else.',
    'delegate add',
  ],
  [
    `delegate remove ${mention(C1)} ${mention(C2)}`,
    'Only phone admins can use `/phone delegate remove` for someone else.',
    'delegate remove',
  ],
  [
    `delegate remove ${mention(C1)} 9999`,
    'Only phone admins can use `/phone delegate remove` for someone else.',
    'delegate remove',
  ],
  [
    `greeting ${mention(C1)} default`,
    'Only phone admins can use `/phone greeting` for someone else.',
    'greeting',
  ],
  [
    `hold-music ${mention(C1)} none`,
    'Only phone admins can use `/phone hold-music` for someone else.',
    'hold-music',
  ],
  [
    `audio remove ${mention(C1)} welcome`,
    'Only phone admins can use `/phone audio remove` for someone else.',
    'audio remove',
  ],
  [
    `address ${mention(C1)} "1 Main St" Springfield IL 62701 US`,
    'Only phone admins can use `/phone address` for someone else.',
    'address',
  ],
  [
    `address ${mention(C1)} site-default`,
    'Only phone admins can use `/phone address` for someone else.',
    'address',
  ],
  [
    `address ${mention(MALLORY)} "1 Main St" Springfield IL 62701 US`,
    'Your phone admin manages your emergency address',
    'address',
  ],
  [
    `address ${mention(MALLORY)} allow-self on`,
    'Only phone admins can use `/phone address allow-self`.',
    'address allow-self',
  ],
  [`block add ${mention(C1)} +1800`, 'Only phone admins can use `/phone block add`.', 'block add'],
  [`block remove ${mention(C1)} +1900`, 'Only phone admins can use `/phone block remove`.', 'block remove'],
  [`block remove ${mention(MALLORY)} +1900`, 'Only phone admins can change blocked numbers.', 'block remove'],
  [`copy ${mention(C1)} ${mention(MALLORY)}`, 'Only phone admins can use `/phone copy`.', 'copy'],
  [
    `phone add ${mention(MALLORY)} 00-1a-2b-3c-4d-60 Model A20`,
    'Only phone admins can change desk phones.',
    'phone add',
  ],
  [
    `phone remove ${mention(C1)} ${DESK_PHONE}`,
    'Only phone admins can use `/phone phone remove`.',
    'phone remove',
  ],
  [
    'site address Main "1 Main St" Springfield IL 62701 US',
    'Only phone admins can use `/phone site address`.',
    'site address',
  ],
  [
    'numbers main add +14155550101',
    'Only phone admins can use `/phone numbers main add`.',
    'numbers main add',
  ],
  ['queue add Sales 5000', 'Only phone admins can use `/phone queue add`.', 'queue add'],
  [
    `queue member add Sales ${mention(MALLORY)} manager`,
    'Only phone admins can use `/phone queue member`.',
    'queue member',
  ],
  ['receptionist add Front 6000', 'Only phone admins can use `/phone receptionist add`.', 'receptionist add'],
  [
    `receptionist operator Front ${mention(MALLORY)}`,
    'Only phone admins can use `/phone receptionist operator`.',
    'receptionist operator',
  ],
  [`settings ${mention(C1)}`, 'Only phone admins can use `/phone settings`.', 'settings'],
  ['assign', 'Only phone admins can use `/phone assign`.', 'assign'],
  ['import', 'Only phone admins can use `/phone import`.', 'import'],
  ['export', 'Only phone admins can use `/phone export`.', 'export'],
];

describe('a phone user who is not an admin, typing commands about what is not hers to change', () => {
  it.each(commands)(
    'is refused `/phone %s`, changes nothing and is audited',
    async (command, refusal, denied) => {
      await ensureWorld();
      const before = await everyTable(db());
      const mark = await lastAuditId(db());
      const reply = await phone(command, MALLORY);
      expect(reply.where).toBe('ephemeral');
      expect(reply.text).toContain(refusal);
      expect(await everyTable(db())).toEqual(before);
      expect(await auditedAfter(db(), mark)).toEqual([{ actor: MALLORY, action: 'denied', target: denied }]);
    },
  );
});

/**
 * The action_ids and callback_ids the app listens for, read from its registration with a stand-in for Bolt: every
 * button and form goes through the listener module's routes, and nothing else may listen for one.
 */
function registeredListeners(): { actions: string[]; views: string[] } {
  const direct: string[] = [];
  const recorder = new Proxy(
    {},
    {
      get: (_app, method) => (constraint: unknown) => {
        const routed = typeof constraint === 'object' && constraint !== null && 'type' in constraint;
        if ((method === 'action' || method === 'view') && !routed) direct.push(String(constraint));
      },
    },
  );
  const runtime: Runtime = {
    deps: () => undefined,
    logger: recorder as Runtime['logger'],
    importLimits: DEFAULT_IMPORT_LIMITS,
    importTurns: new Turns(1),
  };
  registerListeners(recorder as App, runtime);
  expect(direct).toEqual([]);
  return routedIds(recorder as App);
}

describe('the attempts above', () => {
  it('reach every button and form listener the app registers, so a new one without a case fails here', () => {
    const { actions, views } = registeredListeners();
    const reached = new Set([
      ...onSomeoneElse.map((a) => a.listener),
      ACTIONS.removeCancel,
      ACTIONS.planRemoveCancel,
      ACTIONS.importUndoCancel,
    ]);
    expect(new Set([...actions, ...views])).toEqual(reached);
    expect(new Set(actions)).toEqual(new Set(Object.values(ACTIONS)));
  });
});
