import { delegationCycle } from '../../domain/delegation.ts';
import type { Result } from '../../domain/result.ts';
import { MAX_ASSISTANTS } from '../../domain/settings.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { isAdmin } from '../../store/account.ts';
import type { Transaction } from '../../store/database.ts';
import {
  countAssistants,
  delegationsFrom,
  deleteDelegation,
  insertDelegation,
} from '../../store/delegations.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import { updateSettings } from '../../store/settings.ts';
import { assistantsOf, assistingFor, type Delegate, delegatesByIds } from '../../store/user-details.ts';
import { type Actor, catchDomain, type Deps, fail, type Recorder, runGatedChange } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { auditTarget, userRef } from '../snapshots.ts';
import { runSettingsChange } from './core.ts';
import { ownLineOnly } from './own-line.ts';

export type DelegationChange = {
  owner: PhoneUserCard;
  assistant: PhoneUserCard;
  /** The owner's assistants after the change. */
  assistants: Delegate[];
  /** Who ended or started it, as seen from the two people: one of them, or an admin acting for them. */
  by: 'owner' | 'assistant' | 'admin';
};

/**
 * Lets another phone user answer the owner's calls. The owner may do it for themselves (self-service); at most
 * 15 assistants, never oneself, and never someone whose calls the owner already answers, directly or through
 * others: a circle of assistants would hand a call round and round.
 */
export async function addAssistant(
  deps: Deps,
  actor: Actor,
  ownerRef: UserRef,
  assistantRef: UserRef,
): Promise<Result<DelegationChange>> {
  const change = runSettingsChange<DelegationChange>(
    deps,
    actor,
    ownerRef,
    'delegation',
    'delegate add',
    async (tx, rec, target) => {
      const owner = target.card;
      const assistant = await findPhoneUser(tx, assistantRef);
      if (assistant.phoneUserId === owner.phoneUserId)
        fail({ code: 'ASSISTANT_SELF', user: personOf(owner) });
      const before = await delegationState(tx, owner, assistant);
      if (before.assistants.some((a) => a.phoneUserId === assistant.phoneUserId)) {
        fail({ code: 'ASSISTANT_ALREADY', owner: personOf(owner), assistant: personOf(assistant) });
      }
      if ((await countAssistants(tx, owner.phoneUserId)) >= MAX_ASSISTANTS) {
        fail({ code: 'ASSISTANT_LIMIT', user: personOf(owner), max: MAX_ASSISTANTS });
      }
      const cycle = delegationCycle(
        await delegationsFrom(tx, assistant.phoneUserId),
        owner.phoneUserId,
        assistant.phoneUserId,
      );
      if (cycle) {
        const chain = (await delegatesByIds(tx, cycle)).map((delegate) => delegate.person);
        fail({ code: 'ASSISTANT_CYCLE', owner: personOf(owner), assistant: personOf(assistant), chain });
      }
      if (!(await insertDelegation(tx, owner.phoneUserId, assistant.phoneUserId, rec.at))) {
        fail({ code: 'CONCURRENT_CHANGE', what: 'delegations' });
      }
      const assistants = await recordDelegation(tx, rec, 'delegation.added', owner, assistant, before);
      rec.emit({ kind: 'phone_user.assistant_added', user: userRef(owner), assistant: userRef(assistant) });
      return { owner, assistant, assistants, by: target.byAdmin ? 'admin' : 'owner' };
    },
  );
  return ownLineOnly(change, { code: 'NOT_OWN_SETTINGS', command: 'delegate add' });
}

/**
 * Ends a delegation. Either side may: the owner (self-service), or the assistant, who may stop answering
 * someone's calls; anyone else must be an admin. A refusal is audited.
 */
export async function removeAssistant(
  deps: Deps,
  actor: Actor,
  ownerRef: UserRef,
  assistantRef: UserRef,
): Promise<Result<DelegationChange>> {
  const change = runGatedChange<DelegationChange>(deps, actor, 'delegate remove', async (tx, rec) => {
    const admin = await isAdmin(tx, actor.slackUserId);
    // Someone who is not an admin learns nothing about other people: a name that matches nobody is refused, and
    // audited, as someone else's delegation would be. The owner is told the truth about their own assistants.
    const find = async (ref: UserRef, told: boolean) => {
      const found = await catchDomain(() => findPhoneUser(tx, ref));
      if (found.ok) return found.value;
      const own = ref.kind === 'slack' && ref.id === actor.slackUserId;
      return fail(told || own ? found.error : { code: 'NOT_ADMIN', action: 'delegate remove' });
    };
    const owner = await find(ownerRef, admin);
    const assistant = await find(assistantRef, admin || owner.slackUserId === actor.slackUserId);
    const by = admin
      ? 'admin'
      : owner.slackUserId === actor.slackUserId
        ? 'owner'
        : assistant.slackUserId === actor.slackUserId
          ? 'assistant'
          : fail({ code: 'NOT_ADMIN', action: 'delegate remove' });
    const before = await delegationState(tx, owner, assistant);
    if (!(await deleteDelegation(tx, owner.phoneUserId, assistant.phoneUserId))) {
      fail({ code: 'ASSISTANT_NOT_FOUND', owner: personOf(owner), assistant: personOf(assistant) });
    }
    const assistants = await recordDelegation(tx, rec, 'delegation.removed', owner, assistant, before);
    rec.emit({ kind: 'phone_user.assistant_removed', user: userRef(owner), assistant: userRef(assistant) });
    return { owner, assistant, assistants, by };
  });
  return ownLineOnly(change, { code: 'NOT_OWN_SETTINGS', command: 'delegate remove' });
}

type DelegationState = { assistants: Delegate[]; assisting: Delegate[] };

async function delegationState(
  tx: Transaction,
  owner: PhoneUserCard,
  assistant: PhoneUserCard,
): Promise<DelegationState> {
  return {
    assistants: await assistantsOf(tx, owner.phoneUserId),
    assisting: await assistingFor(tx, assistant.phoneUserId),
  };
}

const emails = (delegates: Delegate[]) => delegates.map((d) => d.person.email);

/**
 * Both people's history shows the change: the owner's assistants and the assistant's "I can assist for", before
 * and after. Both settings versions move, so a form open on either sees it.
 */
async function recordDelegation(
  tx: Transaction,
  rec: Recorder,
  action: string,
  owner: PhoneUserCard,
  assistant: PhoneUserCard,
  before: DelegationState,
): Promise<Delegate[]> {
  const after = await delegationState(tx, owner, assistant);
  await updateSettings(tx, owner.phoneUserId, {}, rec.at);
  await updateSettings(tx, assistant.phoneUserId, {}, rec.at);
  rec.audit({
    action,
    ...auditTarget(owner),
    before: { assistants: emails(before.assistants) },
    after: { assistants: emails(after.assistants) },
  });
  rec.audit({
    action,
    ...auditTarget(assistant),
    before: { assisting: emails(before.assisting) },
    after: { assisting: emails(after.assisting) },
  });
  return after.assistants;
}
