import type { Change } from '../domain/changes.ts';
import type { Result } from '../domain/result.ts';
import type { Transaction } from '../store/database.ts';
import { assignNumber, releaseNumbers } from '../store/numbers.ts';
import { cardByDirectoryUser, type PhoneUserCard, personOf, updatePhoneUser } from '../store/phone-users.ts';
import { addUserPlans, removeUserPlans } from '../store/plans.ts';
import { findSiteById } from '../store/sites.ts';
import { changesOfPeople, closeRepliesAt, syncOfPeople, syncReplyById } from '../store/sync-replies.ts';
import { type Actor, type Deps, fail, type Recorder, runChange } from './context.ts';
import { removeOne, resolvePlanForUse } from './licenses.ts';
import { checkRequestedExtension, extensionAtSite, extensionState, resolveSite } from './site-rules.ts';
import { auditTarget, phoneUserSnapshot, userRef } from './snapshots.ts';

export type Reverted = {
  people: { email: string; name: string }[];
  /** The change's message, which stops following the phone system: the Slack layer shows the revert there. */
  reply: { channelId: string; messageTs: string; message: { text: string; blocks?: unknown[] } };
};

/**
 * Revert under a change the phone system refused: Switchboard takes the change back for the people refused, so
 * that it wants again what the phone system still holds. One transaction, audited like the changes it undoes
 * (and once per person as a revert); the phone system is then reconciled to the result as after any change.
 *
 * Only people still refused because of this change are reverted: one changed again since, or retried into sync,
 * is left alone. What Switchboard cannot take back by itself (settings, a removed license, a released number
 * taken since) refuses the whole revert and names the command that does it by hand.
 */
export async function revertReply(deps: Deps, actor: Actor, replyId: number): Promise<Result<Reverted>> {
  return runChange(deps, actor, 'sync', async (tx, rec, account) => {
    const reply = await syncReplyById(tx, replyId);
    const requests = new Set(reply?.requestIds ?? []);
    const refused = reply
      ? (await syncOfPeople(tx, reply.people)).filter(
          (p) => p.state === 'failed' && p.requestId !== null && requests.has(p.requestId),
        )
      : [];
    if (!reply || refused.length === 0) return fail({ code: 'REVERT_NOTHING' });
    const changes = await changesOfPeople(
      tx,
      reply.requestIds,
      refused.map((p) => p.directoryUserId),
    );
    const reverted: Reverted['people'] = [];
    for (const person of refused) {
      const card = await cardByDirectoryUser(tx, person.directoryUserId);
      const own = changes
        .map((row) => row.payload as Change)
        .filter((change) => 'user' in change && change.user.directoryUserId === person.directoryUserId);
      if (!card || own.length === 0) continue;
      const undone = await undoChanges(tx, rec, account.siteCodesEnabled, card, own);
      rec.audit({
        action: 'phone_sync.reverted',
        ...auditTarget(card),
        before: { state: 'failed', reason: person.reason },
        after: { undone },
      });
      reverted.push({ email: card.email, name: `${card.firstName} ${card.lastName}`.trim() });
    }
    if (reverted.length === 0) return fail({ code: 'REVERT_NOTHING' });
    await closeRepliesAt(tx, reply.channelId, reply.messageTs, rec.at);
    return {
      people: reverted,
      reply: { channelId: reply.channelId, messageTs: reply.messageTs, message: reply.message },
    };
  });
}

/** Takes back one person's changes, newest first; returns the kinds undone. */
async function undoChanges(
  tx: Transaction,
  rec: Recorder,
  siteCodes: boolean,
  card: PhoneUserCard,
  changes: Change[],
): Promise<string[]> {
  const undone: string[] = [];
  let current = card;
  for (const change of changes) {
    const unsupported = (what: string, command: string) =>
      fail({ code: 'REVERT_UNSUPPORTED', user: personOf(card), what, command });
    const who = card.email;
    switch (change.kind) {
      case 'phone_user.assigned':
        // The license is what was refused: taking it away takes everything given with it.
        await removeOne(tx, rec, current);
        undone.push(change.kind);
        return undone;
      case 'phone_user.extension_changed': {
        const site = await findSiteById(tx, current.siteId);
        if (!site) throw new Error(`site ${current.siteId} is missing`);
        const short =
          siteCodes && site.siteCode && change.from.startsWith(site.siteCode)
            ? change.from.slice(site.siteCode.length)
            : change.from;
        const wanted = checkRequestedExtension(
          short,
          site,
          { siteCodes },
          await extensionState(tx),
          current.extension,
        );
        await updatePhoneUser(
          tx,
          current.phoneUserId,
          { extension: wanted.full, shortExtension: wanted.short },
          rec.at,
        );
        current = await changed(tx, rec, 'extension.changed', current);
        rec.emit({
          kind: 'phone_user.extension_changed',
          user: userRef(card),
          from: change.to,
          to: wanted.full,
        });
        break;
      }
      case 'phone_user.status_changed': {
        const status = change.status === 'active' ? 'inactive' : 'active';
        await updatePhoneUser(tx, current.phoneUserId, { status }, rec.at);
        current = await changed(
          tx,
          rec,
          status === 'active' ? 'user.activated' : 'user.deactivated',
          current,
        );
        rec.emit({ kind: 'phone_user.status_changed', user: userRef(card), status });
        break;
      }
      case 'phone_user.plan_added':
        await removeUserPlans(tx, current.phoneUserId, [change.plan]);
        current = await changed(tx, rec, 'plan.removed', current);
        rec.emit({ kind: 'phone_user.plan_removed', user: userRef(card), plan: change.plan });
        break;
      case 'phone_user.plan_removed': {
        const plan = await resolvePlanForUse(tx, String(change.plan), 1);
        await addUserPlans(tx, [{ phoneUserId: current.phoneUserId, planCode: plan.code, at: rec.at }]);
        current = await changed(tx, rec, 'plan.added', current);
        rec.emit({ kind: 'phone_user.plan_added', user: userRef(card), plan: plan.code });
        break;
      }
      case 'phone_user.number_assigned':
        await releaseNumbers(tx, current.phoneUserId, [change.number]);
        current = await changed(tx, rec, 'number.released', current);
        rec.emit({ kind: 'phone_user.number_released', user: userRef(card), number: change.number });
        break;
      case 'phone_user.number_released':
        if (!(await assignNumber(tx, change.number, current.phoneUserId))) {
          unsupported(
            `the release of ${change.number}, which is no longer free`,
            `/phone number add ${who} <number>`,
          );
        }
        current = await changed(tx, rec, 'number.assigned', current);
        rec.emit({ kind: 'phone_user.number_assigned', user: userRef(card), number: change.number });
        break;
      case 'phone_user.site_changed': {
        // Back to the site it came from, keeping the short extension where it is free there, as a move does.
        const site = await resolveSite(tx, change.from);
        const { full, short } = await extensionAtSite(tx, current, site, { siteCodes });
        await updatePhoneUser(
          tx,
          current.phoneUserId,
          { siteId: site.id, extension: full, shortExtension: short },
          rec.at,
        );
        current = await changed(tx, rec, 'site.moved', current);
        rec.emit({
          kind: 'phone_user.site_changed',
          user: userRef(card),
          from: change.to,
          to: site.name,
          extension: full,
        });
        break;
      }
      case 'phone_user.removed':
        unsupported('the removal of a license', `/phone assign ${who}`);
        break;
      default:
        unsupported('a change of settings', `/phone settings ${who}`);
    }
    undone.push(change.kind);
  }
  return undone;
}

/** The person's card after a step, with the step audited from the card before it. */
async function changed(
  tx: Transaction,
  rec: Recorder,
  action: string,
  before: PhoneUserCard,
): Promise<PhoneUserCard> {
  const after = await cardByDirectoryUser(tx, before.directoryUserId);
  if (!after) throw new Error(`phone user ${before.directoryUserId} vanished inside its own transaction`);
  rec.audit({
    action,
    ...auditTarget(before),
    before: phoneUserSnapshot(before),
    after: phoneUserSnapshot(after),
  });
  return after;
}
