import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  audioFiles,
  autoReceptionists,
  callQueueMembers,
  callQueues,
  delegations,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
} from '../../db/schema/index.ts';
import type { Dependent, SharedAudio } from '../domain/dependents.ts';
import { personOf } from './phone-users.ts';
import { phoneUserPersonColumns } from './user-details.ts';

/**
 * Every link from outside these phone users' own lines to them, by phone user: queue memberships (by queue name),
 * operator roles (by receptionist name), then delegations (by the other person's extension). The database would
 * end them all by itself when a phone user is deleted; reading them first is how they are named and recorded.
 */
export async function dependentsOf(db: Executor, phoneUserIds: readonly number[]) {
  const found = new Map<number, Dependent[]>(phoneUserIds.map((id) => [id, []]));
  if (phoneUserIds.length === 0) return found;
  const ids = [...phoneUserIds];
  const add = (phoneUserId: number, dependent: Dependent) => found.get(phoneUserId)?.push(dependent);

  const memberships = await db
    .select({
      phoneUserId: callQueueMembers.phoneUserId,
      queueId: callQueues.id,
      queue: callQueues.name,
      manager: callQueueMembers.isManager,
    })
    .from(callQueueMembers)
    .innerJoin(callQueues, eq(callQueues.id, callQueueMembers.queueId))
    .where(inArray(callQueueMembers.phoneUserId, ids))
    .orderBy(asc(sql`lower(${callQueues.name})`));
  for (const { phoneUserId, ...row } of memberships) add(phoneUserId, { kind: 'queue_member', ...row });

  const operated = await db
    .select({
      operatorId: autoReceptionists.operatorId,
      receptionistId: autoReceptionists.id,
      receptionist: autoReceptionists.name,
    })
    .from(autoReceptionists)
    .where(inArray(autoReceptionists.operatorId, ids))
    .orderBy(asc(sql`lower(${autoReceptionists.name})`));
  for (const { operatorId, ...row } of operated) add(operatorId as number, { kind: 'operator', ...row });

  const assistants = await db
    .select({ ...phoneUserPersonColumns, directoryUserId: directoryUsers.id, ownerId: delegations.ownerId })
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.assistantId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(inArray(delegations.ownerId, ids))
    .orderBy(asc(phoneUsers.extension));
  for (const row of assistants) {
    add(row.ownerId, { kind: 'assistant', ...delegate(row) });
  }
  const bosses = await db
    .select({
      ...phoneUserPersonColumns,
      directoryUserId: directoryUsers.id,
      assistantId: delegations.assistantId,
    })
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.ownerId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(inArray(delegations.assistantId, ids))
    .orderBy(asc(phoneUsers.extension));
  for (const row of bosses) {
    add(row.assistantId, { kind: 'assisting', ...delegate(row) });
  }
  return found;
}

const delegate = (
  row: { phoneUserId: number; directoryUserId: number } & Parameters<typeof personOf>[0],
) => ({
  phoneUserId: row.phoneUserId,
  directoryUserId: row.directoryUserId,
  person: personOf(row),
});

/**
 * The audio files of these phone users that someone else's settings play (settings copied from one user to
 * another keep pointing at the same file), by owner, each with the people who play it.
 */
export async function sharedAudioOf(db: Executor, phoneUserIds: readonly number[]) {
  const found = new Map<number, SharedAudio[]>(phoneUserIds.map((id) => [id, []]));
  if (phoneUserIds.length === 0) return found;
  const player = alias(phoneUsers, 'player');
  const id = sql`${audioFiles.id}::text`;
  const rows = await db
    .select({
      ownerId: audioFiles.phoneUserId,
      audioId: audioFiles.id,
      name: audioFiles.name,
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      slackUserId: directoryUsers.slackUserId,
    })
    .from(audioFiles)
    .innerJoin(
      phoneUserSettings,
      and(
        ne(phoneUserSettings.phoneUserId, audioFiles.phoneUserId),
        or(
          sql`${phoneUserSettings.unanswered}->>'greetingId' = ${id}`,
          sql`${phoneUserSettings.closedHours}->>'greetingId' = ${id}`,
          sql`${phoneUserSettings.closedHours}->>'audioId' = ${id}`,
          sql`${phoneUserSettings.holdMusic}->>'audioId' = ${id}`,
        ),
      ),
    )
    .innerJoin(player, eq(player.id, phoneUserSettings.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, player.directoryUserId))
    .where(inArray(audioFiles.phoneUserId, [...phoneUserIds]))
    .orderBy(asc(sql`lower(${audioFiles.name})`), asc(audioFiles.id), asc(player.extension));
  for (const row of rows) {
    const files = found.get(row.ownerId as number) ?? [];
    const file = files.find((f) => f.audioId === row.audioId);
    if (file) file.players.push(personOf(row));
    else files.push({ audioId: row.audioId, name: row.name, players: [personOf(row)] });
  }
  return found;
}
