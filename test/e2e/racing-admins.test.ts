import { asc, eq, gt, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { constraintViolation } from '../../db/errors.ts';
import { auditLog, directoryUsers, phoneNumbers, phoneUsers } from '../../db/schema/index.ts';
import { ADMIN_ID, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { duplicatedExtensions, duplicatedNumbers } from '../support/fixtures.ts';
import { extensionsByEmail, lastAuditId, mention, phoneCommands } from '../support/phone.ts';

/**
 * Two admins send 50 `/phone` commands at the same moment, most of them fighting over one extension, one direct
 * number, one new email or one person's license. Each command is typed in a channel of its own, so that every
 * answer can be traced to the command it answers. Whatever order the app runs them in, the outcome is the same:
 * one winner per contested thing, every loser told who or what beat them, and an audit log of the winners alone.
 */
const SECOND_ADMIN = colleague(12);
const ADMINS = [ADMIN_ID, SECOND_ADMIN];
const sb = useSwitchboard({ adminUserIds: ADMINS });
const { phoneChange, phoneReply, license, directMessages } = phoneCommands(sb);

const WANTED_EXTENSION = '4100';
const WANTED_NUMBER = '+14155550150';
const NEW_NUMBER = '+14155550199';
const NEW_EMAIL = 'newhire@example.com';
const MALLORY = 'UNOTADMIN1';

/** Phone users on 1000..1007 with a calling plan, each wanting extension 4100 and the number +14155550150. */
const CONTESTED = [1, 2, 3, 4, 5, 6, 7, 8].map(colleague);
/** People without a license yet, each given one by both admins at once. */
const NEWCOMERS = [colleague(9), colleague(10), colleague(11), MALLORY];

const emailOf = (slackUserId: string) =>
  slackUserId === MALLORY ? 'mallory@example.com' : `colleague${Number(slackUserId.slice(5))}@example.com`;

type Group = 'extension' | 'number' | 'email' | 'license' | 'inventory';
/** One command of the race: who types it, in which channel, and whom it is about. */
type Contender = { group: Group; admin: string; command: string; target?: string; channel: string };
type Answer = { where: 'ephemeral' | 'channel'; text: string };
type Outcome = Contender & { answers: Answer[] };

function contenders(): Contender[] {
  const list: Omit<Contender, 'channel'>[] = [];
  for (const target of CONTESTED) {
    for (const admin of ADMINS) {
      list.push({ group: 'extension', admin, target, command: `ext ${mention(target)} ${WANTED_EXTENSION}` });
      list.push({
        group: 'number',
        admin,
        target,
        command: `number add ${mention(target)} ${WANTED_NUMBER}`,
      });
    }
  }
  for (let i = 0; i < 8; i++) {
    // Emails ignore case, so the spelling is no way around the clash.
    const email = i % 2 === 0 ? NEW_EMAIL : 'NewHire@Example.com';
    list.push({ group: 'email', admin: ADMINS[i % 2] as string, command: `user add ${email} New Hire` });
  }
  for (const target of NEWCOMERS) {
    for (const admin of ADMINS)
      list.push({ group: 'license', admin, target, command: `assign ${mention(target)}` });
  }
  for (const admin of ADMINS) list.push({ group: 'inventory', admin, command: `numbers add ${NEW_NUMBER}` });
  // Interleaved (7 and 50 share no factor), so neither admin nor any group goes first as a block.
  const mixed = list.map((_, i) => list[(i * 7) % list.length] as Omit<Contender, 'channel'>);
  return mixed.map((contender, i) => ({ ...contender, channel: `CRACE${String(i).padStart(4, '0')}` }));
}

const RACE = contenders();

beforeAll(() => {
  for (const { channel } of RACE) sb.slack.addChannel({ id: channel, name: channel.toLowerCase() });
});

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** Everything the app answered a contender: its ephemerals in the contender's channel and the channel's posts. */
function answersTo(contender: Contender): Answer[] {
  return [
    ...sb.slack
      .ephemerals(contender.admin, contender.channel)
      .map((e) => ({ where: 'ephemeral' as const, text: visibleText(e) })),
    ...sb.slack.messages(contender.channel).map((m) => ({ where: 'channel' as const, text: visibleText(m) })),
  ];
}

const won = (outcome: Outcome) => outcome.answers[0]?.where === 'channel';

function split(outcomes: Outcome[], group: Group) {
  const mine = outcomes.filter((outcome) => outcome.group === group);
  return { winners: mine.filter(won), losers: mine.filter((outcome) => !won(outcome)) };
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const textOf = (outcome: Outcome) => outcome.answers[0]?.text ?? '';

/** The audit rows written after `id`, as who did what to whom, in a stable order for comparison. */
async function auditSince(id: number) {
  const rows = await sb.app.deps.db
    .select({ actor: auditLog.actor, action: auditLog.action, target: auditLog.targetLabel })
    .from(auditLog)
    .where(gt(auditLog.id, id))
    .orderBy(asc(auditLog.id));
  return sortedRows(rows);
}

const sortedRows = <T>(rows: T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('50 commands from two admins at once', () => {
  it('gives each contested extension, number, email and license to exactly one, and tells every loser why', async () => {
    expect(ADMINS.map((admin) => RACE.filter((contender) => contender.admin === admin).length)).toEqual([
      25, 25,
    ]);
    await phoneChange('licenses 50');
    await phoneChange('plans set 200 50');
    await phoneChange(`numbers add ${WANTED_NUMBER}`);
    await license(CONTESTED, 'plan:200');
    const extensionsBefore = await extensionsByEmail(sb.app.deps.db);
    const auditedBefore = await lastAuditId(sb.app.deps.db);

    const acks = await Promise.all(
      RACE.map((contender) =>
        sb.slack.slash({ user: contender.admin, channel: contender.channel, text: contender.command }),
      ),
    );
    expect(acks.map((ack) => ack.status)).toEqual(RACE.map(() => 200));

    // Every command is answered, and the licensed newcomers' direct messages, sent last, have arrived.
    await sb.slack.waitFor(() => RACE.every((contender) => answersTo(contender).length > 0), {
      timeoutMs: 30_000,
    });
    for (const newcomer of NEWCOMERS) {
      await sb.slack.waitFor(() => directMessages(newcomer).length > 0);
    }
    const outcomes: Outcome[] = RACE.map((contender) => ({ ...contender, answers: answersTo(contender) }));
    expect(outcomes.filter((outcome) => outcome.answers.length !== 1)).toEqual([]);
    expect(outcomes.filter((outcome) => !won(outcome)).map(textOf)).toEqual(
      outcomes.filter((outcome) => !won(outcome)).map(() => expect.stringMatching(/^:warning: /)),
    );

    // Extension 4100: one person has it; the others are told who, and its owner's twin that nothing changed.
    const extension = split(outcomes, 'extension');
    const extensionWinner = only(extension.winners);
    const holder = extensionWinner.target as string;
    expect(textOf(extensionWinner)).toBe(
      `${mention(extensionWinner.admin)} changed the extension of ${mention(holder)} from \`${extensionsBefore[emailOf(holder)]}\` to \`${WANTED_EXTENSION}\`.`,
    );
    for (const loser of extension.losers) {
      expect(textOf(loser)).toContain(
        loser.target === holder
          ? `The extension is already \`${WANTED_EXTENSION}\`; nothing changed.`
          : `Extension \`${WANTED_EXTENSION}\` is taken by ${mention(holder)}.`,
      );
    }

    // The direct number: one holder, named to every other contender (its holder's twin included).
    const number = split(outcomes, 'number');
    const numberWinner = only(number.winners);
    const numberHolder = numberWinner.target as string;
    expect(textOf(numberWinner)).toBe(
      `${mention(numberWinner.admin)} assigned \`${WANTED_NUMBER}\` to ${mention(numberHolder)}.`,
    );
    for (const loser of number.losers) {
      expect(textOf(loser)).toContain(
        `\`${WANTED_NUMBER}\` is already assigned to ${mention(numberHolder)}.`,
      );
    }

    // The new email: one directory entry; the others are told it is there already, in whatever case they typed.
    const email = split(outcomes, 'email');
    const emailWinner = only(email.winners);
    const typed = emailWinner.command.split(' ')[2] as string;
    expect(textOf(emailWinner)).toContain(
      `${mention(emailWinner.admin)} added New Hire (${typed}) to the directory.`,
    );
    for (const loser of email.losers) {
      expect(textOf(loser)).toContain(
        `\`${loser.command.split(' ')[2]}\` is already in the directory (emails ignore case).`,
      );
    }

    // Licenses: each newcomer licensed once, on an extension of their own; the second admin told they have it.
    const licenses = split(outcomes, 'license');
    expect(licenses.winners.map((outcome) => outcome.target).sort()).toEqual([...NEWCOMERS].sort());
    const extensionsAfter = await extensionsByEmail(sb.app.deps.db);
    for (const winner of licenses.winners) {
      const target = winner.target as string;
      expect(textOf(winner)).toContain(`${mention(target)}: extension *${extensionsAfter[emailOf(target)]}*`);
      expect(directMessages(target)).toEqual([
        expect.stringContaining(`You now have a phone line: extension *${extensionsAfter[emailOf(target)]}*`),
      ]);
    }
    for (const loser of licenses.losers) {
      const target = loser.target as string;
      expect(textOf(loser)).toContain(
        `Nothing was assigned: ${mention(target)} (ext ${extensionsAfter[emailOf(target)]}) already has a phone license.`,
      );
    }

    // The inventory number: added once; the other admin is told it is there.
    const inventory = split(outcomes, 'inventory');
    const inventoryWinner = only(inventory.winners);
    expect(textOf(inventoryWinner)).toContain(`added 1 number (\`${NEW_NUMBER}\`) to the inventory.`);
    expect(textOf(only(inventory.losers))).toContain(
      `Nothing was added: \`${NEW_NUMBER}\` is already in the inventory.`,
    );

    // What the database holds: every extension, number and email once, and exactly the winners' changes.
    const db = sb.app.deps.db;
    expect(extensionsAfter).toEqual({
      ...extensionsBefore,
      [emailOf(holder)]: WANTED_EXTENSION,
      ...Object.fromEntries(NEWCOMERS.map((id) => [emailOf(id), expect.stringMatching(/^\d+$/)])),
    });
    expect(new Set(Object.values(extensionsAfter)).size).toBe(Object.keys(extensionsAfter).length);
    expect(await duplicatedExtensions(db)).toEqual([]);
    expect(await duplicatedNumbers(db)).toEqual([]);
    const numbers = await db
      .select({ number: phoneNumbers.number, holder: directoryUsers.email })
      .from(phoneNumbers)
      .leftJoin(phoneUsers, eq(phoneUsers.id, phoneNumbers.phoneUserId))
      .leftJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
      .orderBy(asc(phoneNumbers.number));
    expect(numbers).toEqual([
      { number: WANTED_NUMBER, holder: emailOf(numberHolder) },
      { number: NEW_NUMBER, holder: null },
    ]);
    expect(
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from directory_users where lower(email) = ${NEW_EMAIL}`,
      ),
    ).toEqual([{ n: 1 }]);

    expect(await auditSince(auditedBefore)).toEqual(
      sortedRows([
        { actor: extensionWinner.admin, action: 'extension.changed', target: emailOf(holder) },
        { actor: numberWinner.admin, action: 'number.assigned', target: emailOf(numberHolder) },
        { actor: emailWinner.admin, action: 'directory_user.created', target: typed },
        ...licenses.winners.flatMap((winner) => [
          { actor: winner.admin, action: 'directory_user.created', target: emailOf(winner.target as string) },
          { actor: winner.admin, action: 'license.assigned', target: emailOf(winner.target as string) },
        ]),
        { actor: inventoryWinner.admin, action: 'numbers.added', target: 'numbers' },
      ]),
    );

    // Nothing is left stuck: the app answers both admins afterwards, and a loser's change goes through now.
    const loser = extension.losers.find((outcome) => outcome.target !== holder) as Outcome;
    expect(await phoneChange(`ext ${mention(loser.target as string)} 4101`, SECOND_ADMIN)).toContain(
      `changed the extension of ${mention(loser.target as string)}`,
    );
    expect(await phoneReply(`show ${mention(holder)}`)).toContain(WANTED_EXTENSION);
  });

  it('refuses, in the database itself, a second holder for an extension, a number or an email', async () => {
    await phoneChange('licenses 50');
    await phoneChange('plans set 200 50');
    await phoneChange(`numbers add ${WANTED_NUMBER}..+14155550151`);
    await license(CONTESTED.slice(0, 2), 'plan:200');
    const db = sb.app.deps.db;
    const refused = (write: Promise<unknown>) =>
      write.then(
        () => undefined,
        (error: unknown) => constraintViolation(error),
      );

    // Written behind the app's back, so that no check of the app stands in the way.
    expect(
      await refused(db.update(phoneUsers).set({ extension: '1000' }).where(eq(phoneUsers.extension, '1001'))),
    ).toEqual({ kind: 'unique', constraint: 'phone_users_extension_unique' });
    expect(await refused(db.insert(phoneNumbers).values({ number: WANTED_NUMBER }))).toEqual({
      kind: 'unique',
      constraint: 'phone_numbers_number_unique',
    });
    expect(
      await refused(
        db
          .insert(directoryUsers)
          .values({ email: 'COLLEAGUE1@example.com', firstName: 'Copy', lastName: 'Cat' }),
      ),
    ).toEqual({ kind: 'unique', constraint: 'directory_users_email_unique' });
  });
});
