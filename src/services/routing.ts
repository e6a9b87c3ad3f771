import { findLookalikeName, textProblem } from '../domain/characters.ts';
import type { Person } from '../domain/errors.ts';
import type { Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import type { AccountSettingsRow } from '../store/account.ts';
import type { Transaction } from '../store/database.ts';
import { type PhoneUserCard, personOf, personOfPhoneUser } from '../store/phone-users.ts';
import {
  type AutoReceptionist,
  type CallQueue,
  deleteQueueMember,
  insertQueue,
  insertReceptionist,
  listQueues,
  listReceptionists,
  putQueueMember,
  type QueueOverview,
  queueByName,
  queueMembership,
  queueNames,
  type ReceptionistOverview,
  receptionistByName,
  receptionistNames,
  setReceptionistOperator,
} from '../store/routing.ts';
import type { Site } from '../store/sites.ts';
import {
  type Actor,
  catchDomain,
  type Deps,
  fail,
  type Recorder,
  requireAdmin,
  runChange,
} from './context.ts';
import { findPhoneUser } from './find-phone-user.ts';
import { checkRequestedExtension, extensionState, resolveSite } from './site-rules.ts';
import { auditTarget, userRef } from './snapshots.ts';

/** What an admin typed to create a call queue or an auto receptionist. */
export type RoutingInput = { name: string; extension: string; site?: string | undefined };

export type QueueCreated = { queue: CallQueue; site: string };
export type MemberChange = {
  queue: CallQueue;
  card: PhoneUserCard;
  before: { member: boolean; manager: boolean };
  after: { member: boolean; manager: boolean };
};
export type ReceptionistCreated = {
  receptionist: AutoReceptionist;
  site: string;
  operator: PhoneUserCard | null;
};
export type OperatorChange = { receptionist: AutoReceptionist; before: Person | null; after: Person | null };

const MAX_NAME_LENGTH = 64;

/** 1 to 64 printable characters, spaces inside collapsed: names are shown on cards and lists. */
export function cleanName(input: string): string | undefined {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > MAX_NAME_LENGTH || /[\p{Cc}<>]/u.test(name)) return undefined;
  return name;
}

/**
 * The extension of a new queue or receptionist, by the rules a user's extension follows (digits, reserved, taken
 * by anyone: people, queues, receptionists). The dial_plan table makes the database refuse a clash anyway.
 */
async function routingExtension(tx: Transaction, account: AccountSettingsRow, input: string, site: Site) {
  const state = await extensionState(tx);
  return checkRequestedExtension(input, site, { siteCodes: account.siteCodesEnabled }, state).full;
}

const queueTarget = (queue: CallQueue) => ({
  targetType: 'call_queue',
  targetId: String(queue.id),
  targetLabel: queue.name,
});

export const receptionistTarget = (receptionist: Pick<AutoReceptionist, 'id' | 'name'>) => ({
  targetType: 'auto_receptionist',
  targetId: String(receptionist.id),
  targetLabel: receptionist.name,
});

export async function addQueue(deps: Deps, actor: Actor, input: RoutingInput): Promise<Result<QueueCreated>> {
  return runChange(deps, actor, 'queue add', async (tx, rec, account) => {
    const name = cleanName(input.name) ?? fail({ code: 'QUEUE_NAME_INVALID', input: input.name });
    const suspicious = textProblem('call queue name', name, { mixedScripts: 'refused' });
    if (suspicious) fail(suspicious);
    const existing = await queueByName(tx, name);
    if (existing) fail({ code: 'QUEUE_EXISTS', name: existing.name });
    const lookalike = findLookalikeName(name, await queueNames(tx));
    if (lookalike) fail({ code: 'NAME_LOOKALIKE', kind: 'call queue', input: name, existing: lookalike });
    const site = await resolveSite(tx, input.site);
    const extension = await routingExtension(tx, account, input.extension, site);
    const queue = await insertQueue(tx, { name, extension, siteId: site.id });
    rec.audit({
      action: 'call_queue.created',
      ...queueTarget(queue),
      before: null,
      after: { name, extension, site: site.name },
    });
    rec.emit({ kind: 'call_queue.created', queue: name, extension, site: site.name });
    return { queue, site: site.name };
  });
}

async function findQueue(tx: Transaction, input: string): Promise<CallQueue> {
  const queue = await queueByName(tx, input);
  return queue ?? fail({ code: 'QUEUE_NOT_FOUND', input, known: await queueNames(tx) });
}

/**
 * Adds a phone user to a call queue, or with `manager` makes them a manager (adding them if they are not a
 * member yet). Audited on the user, whose card shows the membership.
 */
export async function addQueueMember(
  deps: Deps,
  actor: Actor,
  queueName: string,
  ref: UserRef,
  manager: boolean,
): Promise<Result<MemberChange>> {
  return runChange(deps, actor, 'queue member', async (tx, rec) => {
    const queue = await findQueue(tx, queueName);
    const card = await findPhoneUser(tx, ref);
    const current = await queueMembership(tx, queue.id, card.phoneUserId);
    if (current && (current.isManager || !manager)) {
      fail({
        code: 'QUEUE_MEMBER_EXISTS',
        queue: queue.name,
        user: personOf(card),
        isManager: current.isManager,
      });
    }
    await putQueueMember(tx, queue.id, card.phoneUserId, manager);
    const change = {
      queue,
      card,
      before: { member: current !== undefined, manager: current?.isManager ?? false },
      after: { member: true, manager },
    };
    recordMembership(rec, change);
    return change;
  });
}

/**
 * Takes a phone user out of a call queue, or with `manager` only takes away their manager role (they stay a
 * member).
 */
export async function removeQueueMember(
  deps: Deps,
  actor: Actor,
  queueName: string,
  ref: UserRef,
  manager: boolean,
): Promise<Result<MemberChange>> {
  return runChange(deps, actor, 'queue member', async (tx, rec) => {
    const queue = await findQueue(tx, queueName);
    const card = await findPhoneUser(tx, ref);
    const current = await queueMembership(tx, queue.id, card.phoneUserId);
    if (!current) fail({ code: 'QUEUE_NOT_MEMBER', queue: queue.name, user: personOf(card) });
    if (manager && !current.isManager)
      fail({ code: 'QUEUE_NOT_MANAGER', queue: queue.name, user: personOf(card) });
    if (manager) await putQueueMember(tx, queue.id, card.phoneUserId, false);
    else await deleteQueueMember(tx, queue.id, card.phoneUserId);
    const change = {
      queue,
      card,
      before: { member: true, manager: current.isManager },
      after: { member: manager, manager: false },
    };
    recordMembership(rec, change);
    return change;
  });
}

function recordMembership(rec: Recorder, change: MemberChange) {
  rec.audit({
    action: 'call_queue.membership',
    ...auditTarget(change.card),
    before: { queue: change.queue.name, ...change.before },
    after: { queue: change.queue.name, ...change.after },
  });
  rec.emit({
    kind: 'call_queue.member_changed',
    queue: change.queue.name,
    user: userRef(change.card),
    ...change.after,
  });
}

export async function queuesOverview(deps: Deps, actor: Actor): Promise<Result<QueueOverview[]>> {
  const allowed = await requireAdmin(deps, actor, 'queues');
  if (!allowed.ok) return allowed;
  return catchDomain(() => listQueues(deps.db));
}

export async function addReceptionist(
  deps: Deps,
  actor: Actor,
  input: RoutingInput & { operator?: UserRef | undefined },
): Promise<Result<ReceptionistCreated>> {
  return runChange(deps, actor, 'receptionist add', async (tx, rec, account) => {
    const name = cleanName(input.name) ?? fail({ code: 'RECEPTIONIST_NAME_INVALID', input: input.name });
    const suspicious = textProblem('auto receptionist name', name, { mixedScripts: 'refused' });
    if (suspicious) fail(suspicious);
    const existing = await receptionistByName(tx, name);
    if (existing) fail({ code: 'RECEPTIONIST_EXISTS', name: existing.name });
    const lookalike = findLookalikeName(name, await receptionistNames(tx));
    if (lookalike)
      fail({ code: 'NAME_LOOKALIKE', kind: 'auto receptionist', input: name, existing: lookalike });
    const site = await resolveSite(tx, input.site);
    const extension = await routingExtension(tx, account, input.extension, site);
    const operator = input.operator ? await findPhoneUser(tx, input.operator) : null;
    const receptionist = await insertReceptionist(tx, {
      name,
      extension,
      siteId: site.id,
      operatorId: operator?.phoneUserId ?? null,
    });
    rec.audit({
      action: 'auto_receptionist.created',
      ...receptionistTarget(receptionist),
      before: null,
      after: { name, extension, site: site.name, operator: operator?.email ?? null },
    });
    rec.emit({
      kind: 'auto_receptionist.created',
      receptionist: name,
      extension,
      site: site.name,
      operator: operator ? userRef(operator) : null,
    });
    return { receptionist, site: site.name, operator };
  });
}

/** Makes a phone user the operator of an auto receptionist; `null` leaves it without one. */
export async function setOperator(
  deps: Deps,
  actor: Actor,
  receptionistName: string,
  ref: UserRef | null,
): Promise<Result<OperatorChange>> {
  return runChange(deps, actor, 'receptionist operator', async (tx, rec) => {
    const receptionist =
      (await receptionistByName(tx, receptionistName)) ??
      fail({ code: 'RECEPTIONIST_NOT_FOUND', input: receptionistName, known: await receptionistNames(tx) });
    const card = ref ? await findPhoneUser(tx, ref) : null;
    const after = card ? personOf(card) : null;
    if ((card?.phoneUserId ?? null) === receptionist.operatorId) {
      fail({ code: 'RECEPTIONIST_OPERATOR_UNCHANGED', receptionist: receptionist.name, operator: after });
    }
    const before =
      receptionist.operatorId === null ? null : await personOfPhoneUser(tx, receptionist.operatorId);
    await setReceptionistOperator(tx, receptionist.id, card?.phoneUserId ?? null);
    rec.audit({
      action: 'auto_receptionist.operator_changed',
      ...receptionistTarget(receptionist),
      before: { operator: before?.email ?? null },
      after: { operator: after?.email ?? null },
    });
    rec.emit({
      kind: 'auto_receptionist.operator_changed',
      receptionist: receptionist.name,
      operator: card ? userRef(card) : null,
    });
    return { receptionist, before, after };
  });
}

export async function receptionistsOverview(
  deps: Deps,
  actor: Actor,
): Promise<Result<ReceptionistOverview[]>> {
  const allowed = await requireAdmin(deps, actor, 'receptionists');
  if (!allowed.ok) return allowed;
  return catchDomain(() => listReceptionists(deps.db));
}
