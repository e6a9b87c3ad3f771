import { asc, desc, eq, getTableName, gt, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';
import {
  accountSettings,
  admins,
  auditLog,
  callingPlans,
  directoryUsers,
  phoneNumbers,
  phoneUserPlans,
  phoneUsers,
  reservedExtensions,
  sites,
} from '../../db/schema/index.ts';
import type { Ephemeral, Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, colleague, type useSwitchboard, visibleText } from './e2e.ts';

type Harness = ReturnType<typeof useSwitchboard>;

/** What the caller of a command saw first: a reply only they can see, or a message in the channel. */
export type Reply = { where: 'ephemeral' | 'channel'; text: string; message: Ephemeral | Message };

export const mention = (slackUserId: string) => `<@${slackUserId}>`;

/**
 * `/phone` as a person types it in the admins' channel, through the stand-in's signed requests. Every helper
 * checks the acknowledgement (the stand-in's deadline; Slack's own 3 seconds are tested where they are the point,
 * as a loaded machine can stall any process past them) and waits for what the person sees next, never for a fixed
 * time.
 */
export function phoneCommands(sb: Harness) {
  /** Sends the command and returns the first new thing the caller sees: their ephemeral, or a channel post. */
  async function phone(text: string, user = ADMIN_ID): Promise<Reply> {
    const ephemeralsBefore = sb.slack.ephemerals(user, CHANNEL).length;
    const messagesBefore = sb.slack.messages(CHANNEL).length;
    const ack = await sb.slack.slash({ user, channel: CHANNEL, text });
    expect(ack.status).toBe(200);
    return sb.slack.waitFor((): Reply | undefined => {
      const ephemeral = sb.slack.ephemerals(user, CHANNEL)[ephemeralsBefore];
      if (ephemeral) return { where: 'ephemeral', text: visibleText(ephemeral), message: ephemeral };
      const message = sb.slack.messages(CHANNEL)[messagesBefore];
      if (message) return { where: 'channel', text: visibleText(message), message };
      return undefined;
    });
  }

  /** A lookup or a refusal: visible only to the caller. Returns what they read. */
  async function phoneReply(text: string, user = ADMIN_ID): Promise<string> {
    const reply = await phone(text, user);
    expect(reply.where, `/phone ${text} answered in the channel: ${reply.text}`).toBe('ephemeral');
    return reply.text;
  }

  /** A successful change: posted to the channel, naming who made it. Returns what the channel reads. */
  async function phoneChange(text: string, user = ADMIN_ID): Promise<string> {
    const reply = await phone(text, user);
    expect(reply.where, `/phone ${text} was refused: ${reply.text}`).toBe('channel');
    return reply.text;
  }

  /**
   * A phone user's change to their own line: confirmed to them alone, nothing posted in the channel. Returns what
   * they read.
   */
  async function ownChange(text: string, user: string): Promise<string> {
    const posted = sb.slack.messages(CHANNEL).length;
    const reply = await phone(text, user);
    expect(reply.where, `/phone ${text} answered in the channel: ${reply.text}`).toBe('ephemeral');
    expect(reply.text).not.toMatch(/^:warning:/);
    expect(sb.slack.messages(CHANNEL).slice(posted)).toEqual([]);
    return reply.text;
  }

  /** The account the tests start from: 50 licenses and 50 US/CA Unlimited plans, bought through Slack. */
  async function setupAccount(): Promise<void> {
    await phoneChange('licenses 50');
    await phoneChange('plans set 200 50');
  }

  /**
   * An account where every account-wide command has something to act on: the starting account, a second site
   * (Boston), numbers +14155550100 and +14155550101, and colleague 1 on extension 1000 with US/CA Unlimited and
   * the first number.
   */
  async function busyAccount(): Promise<void> {
    await setupAccount();
    await phoneChange('site add Boston');
    await phoneChange('numbers add +14155550100..+14155550101');
    await license([colleague(1)], 'plan:200');
    await phoneChange(`number add <@${colleague(1)}>`);
  }

  /**
   * Gives the mentioned people licenses and waits for each one's direct message, so none arrives later. The admin
   * licensing themselves reads the confirmation in the channel and gets no direct message on top.
   */
  async function license(slackUserIds: string[], options = ''): Promise<string> {
    const posted = await phoneChange(`assign ${slackUserIds.map(mention).join(' ')} ${options}`.trim());
    for (const id of slackUserIds) {
      if (id !== ADMIN_ID) await directMessage(id, 'You now have a phone line');
    }
    return posted;
  }

  /** The visible text of the direct message to `slackUserId` that contains `containing`, once it arrives. */
  function directMessage(slackUserId: string, containing: string): Promise<string> {
    return sb.slack.waitFor(() => directMessages(slackUserId).find((text) => text.includes(containing)));
  }

  /** Every direct message the app sent to `slackUserId` in this test. */
  function directMessages(slackUserId: string): string[] {
    return sb.slack.messages(sb.slack.dmChannel(slackUserId)).map(visibleText);
  }

  /**
   * Clicks a button on an ephemeral reply the person can see (`value` forges what the button carries) and returns
   * what they see next: the reply replaced, or a new reply beside it.
   */
  async function clickOn(
    reply: Reply,
    actionId: string,
    options: { user?: string; value?: string } = {},
  ): Promise<string> {
    const user = options.user ?? ADMIN_ID;
    expect(reply.where, 'buttons are clicked on an ephemeral reply').toBe('ephemeral');
    const id = (reply.message as Ephemeral).id;
    const before = sb.slack.ephemerals(user, CHANNEL).length;
    const ack = await sb.slack.click({
      user,
      actionId,
      message: { ephemeralId: id },
      ...(options.value === undefined ? {} : { value: options.value }),
    });
    expect(ack.status).toBe(200);
    return sb.slack.waitFor(() => {
      const shown = sb.slack.ephemerals(user, CHANNEL);
      const added = shown[before];
      if (added) return visibleText(added);
      const now = shown.find((e) => e.id === id);
      const text = now ? visibleText(now) : undefined;
      return text !== undefined && text !== reply.text ? text : undefined;
    });
  }

  return {
    phone,
    phoneReply,
    phoneChange,
    ownChange,
    setupAccount,
    busyAccount,
    license,
    directMessage,
    directMessages,
    clickOn,
  };
}

/**
 * Slack markup the app may send: mentions, channels, special mentions and links. Anything else in `<…>` is read
 * by Slack as a link, so a person would not see it as written (`<email>` must be sent as `&lt;email&gt;`).
 */
const UNREADABLE = /<(?![@#!]|mailto:|https?:\/\/|tel:)[^<>\n]*>/g;

/** Every piece of `<…>` in what the app showed in the channel, in replies and in DMs that Slack would mangle. */
export function unreadableMarkup(sb: Harness, people: string[]): string[] {
  const shown = [
    ...sb.slack.messages(CHANNEL),
    ...people.flatMap((user) => sb.slack.ephemerals(user)),
    ...people.flatMap((user) => sb.slack.messages(sb.slack.dmChannel(user))),
  ].map(visibleText);
  return shown.flatMap((text) => text.match(UNREADABLE) ?? []);
}

/**
 * Everything a command could change, read straight from the database; compare two snapshots to show that a
 * refused command changed nothing. The audit log is left out: refusals are audited on purpose.
 */
export async function accountState(db: Database) {
  const [account, adminRows, people, users, plans, held, numbers, siteRows, reserved] = await Promise.all([
    db.select().from(accountSettings),
    db.select().from(admins).orderBy(asc(admins.slackUserId)),
    db.select().from(directoryUsers).orderBy(asc(directoryUsers.id)),
    db.select().from(phoneUsers).orderBy(asc(phoneUsers.id)),
    db.select().from(callingPlans).orderBy(asc(callingPlans.code)),
    db.select().from(phoneUserPlans).orderBy(asc(phoneUserPlans.phoneUserId), asc(phoneUserPlans.planCode)),
    db.select().from(phoneNumbers).orderBy(asc(phoneNumbers.id)),
    db.select().from(sites).orderBy(asc(sites.id)),
    db.select().from(reservedExtensions).orderBy(asc(reservedExtensions.extension)),
  ]);
  return { account, adminRows, people, users, plans, held, numbers, siteRows, reserved };
}

/**
 * Every table of the schema but the audit log (a new table is included by itself), each table's rows in a stable
 * order: settings, hours, forward numbers, audio, imports, numbers, queues, the change outbox, the notice
 * jobs and the sync markings (what a request queued, not how far the workers got) alike. Equal
 * snapshots mean nothing was changed anywhere.
 */
export async function everyTable(db: Database): Promise<Record<string, unknown[]>> {
  const tables = Object.values(schema as Record<string, unknown>).filter(
    (value): value is PgTable => is(value, PgTable) && value !== auditLog,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const all: unknown[] = await db.select().from(table);
    // What a request writes to the notice queue and the sync markings counts; the background workers' progress
    // on them does not.
    const rows =
      table === schema.noticeJobs
        ? (all as schema.NoticeJobRow[]).map(({ requestId, actor, directoryUserId, changes }) => ({
            requestId,
            actor,
            directoryUserId,
            changes,
          }))
        : table === schema.phoneSync
          ? (all as schema.PhoneSyncRow[]).map(({ directoryUserId, email, generation, markedAt }) => ({
              directoryUserId,
              email,
              generation,
              markedAt,
            }))
          : all;
    const keyed = rows.map((row) => [JSON.stringify(row), row] as const);
    snapshot[getTableName(table)] = keyed.sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
  }
  return snapshot;
}

/** The id of the latest audit row, to read what a request audited with `auditedAfter`. */
export async function lastAuditId(db: Database): Promise<number> {
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

/** The audit rows written after `id`, oldest first: who did what, to which target. */
export async function auditedAfter(db: Database, id: number) {
  return db
    .select({ actor: auditLog.actor, action: auditLog.action, target: auditLog.targetId })
    .from(auditLog)
    .where(gt(auditLog.id, id))
    .orderBy(asc(auditLog.id));
}

/** The audit rows of refused attempts, oldest first: who tried and which command. */
export async function deniedAttempts(db: Database): Promise<{ actor: string; command: string }[]> {
  const rows = await db
    .select({ actor: auditLog.actor, command: auditLog.targetId })
    .from(auditLog)
    .where(eq(auditLog.action, 'denied'))
    .orderBy(asc(auditLog.id));
  return rows;
}

/** The phone users in the database as `extension → email`, for checking what a change did. */
export async function extensionsByEmail(db: Database): Promise<Record<string, string>> {
  const rows = await db
    .select({ email: directoryUsers.email, extension: phoneUsers.extension })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .orderBy(asc(phoneUsers.id));
  return Object.fromEntries(rows.map((row) => [row.email, row.extension]));
}
