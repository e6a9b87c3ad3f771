import { createHash } from 'node:crypto';
import { type Dependent, dependentsKey } from '../domain/dependents.ts';
import type { Transaction } from '../store/database.ts';
import { deleteDelegation } from '../store/delegations.ts';
import { dependentsOf } from '../store/dependents.ts';
import type { PhoneUserCard } from '../store/phone-users.ts';
import { deleteQueueMember, setReceptionistOperator } from '../store/routing.ts';
import { updateSettings } from '../store/settings.ts';
import { assistantsOf, assistingFor } from '../store/user-details.ts';
import type { Recorder } from './context.ts';
import { receptionistTarget } from './routing.ts';
import { auditTarget, userRef } from './snapshots.ts';

/**
 * A short fingerprint of what depends on a person, carried by the confirm button of a removal so that the click
 * can tell whether it still ends what the admin was shown. Undefined when nothing does.
 */
export function dependentsDigest(dependents: readonly Dependent[]): string | undefined {
  if (dependents.length === 0) return undefined;
  return createHash('sha256').update(dependentsKey(dependents)).digest('hex').slice(0, 8);
}

const emails = (delegates: { person: { email: string } }[]) => delegates.map((d) => d.person.email);

/**
 * Ends every link to a phone user whose license is about to go, in the caller's transaction: each one written by
 * hand rather than left to the database's cascades, with its own audit row and change record, so that the history
 * says what ended and a phone-system adapter learns of each before it learns the user is gone.
 */
export async function endDependents(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  reason: string,
): Promise<Dependent[]> {
  const dependents = (await dependentsOf(tx, [card.phoneUserId])).get(card.phoneUserId) ?? [];
  const user = userRef(card);
  for (const dependent of dependents) {
    switch (dependent.kind) {
      case 'queue_member': {
        await deleteQueueMember(tx, dependent.queueId, card.phoneUserId);
        rec.audit({
          action: 'call_queue.membership',
          ...auditTarget(card),
          before: { queue: dependent.queue, member: true, manager: dependent.manager },
          after: { queue: dependent.queue, member: false, manager: false, reason },
        });
        rec.emit({
          kind: 'call_queue.member_changed',
          queue: dependent.queue,
          user,
          member: false,
          manager: false,
        });
        break;
      }
      case 'operator': {
        await setReceptionistOperator(tx, dependent.receptionistId, null);
        rec.audit({
          action: 'auto_receptionist.operator_changed',
          ...receptionistTarget({ id: dependent.receptionistId, name: dependent.receptionist }),
          before: { operator: card.email },
          after: { operator: null, reason },
        });
        rec.emit({
          kind: 'auto_receptionist.operator_changed',
          receptionist: dependent.receptionist,
          operator: null,
        });
        break;
      }
      case 'assistant':
      case 'assisting': {
        // Recorded on the colleague who keeps their line, as their list of assistants (or of people they assist
        // for) before and after: that is where an admin looks when the delegation is missed.
        const other = { directoryUserId: dependent.directoryUserId, email: dependent.person.email };
        const boss = dependent.kind === 'assistant';
        const list = boss ? assistingFor : assistantsOf;
        const key = boss ? 'assisting' : 'assistants';
        const before = emails(await list(tx, dependent.phoneUserId));
        const [ownerId, assistantId] = boss
          ? [card.phoneUserId, dependent.phoneUserId]
          : [dependent.phoneUserId, card.phoneUserId];
        await deleteDelegation(tx, ownerId, assistantId);
        await updateSettings(tx, dependent.phoneUserId, {}, rec.at);
        rec.audit({
          action: 'delegation.removed',
          ...auditTarget(other),
          before: { [key]: before },
          after: { [key]: emails(await list(tx, dependent.phoneUserId)), reason },
        });
        rec.emit({
          kind: 'phone_user.assistant_removed',
          user: boss ? user : other,
          assistant: boss ? other : user,
        });
        break;
      }
    }
  }
  return dependents;
}
