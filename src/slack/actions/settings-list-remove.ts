import type { App } from '@slack/bolt';
import type { Result } from '../../domain/result.ts';
import { type Deps, isDenial } from '../../services/context.ts';
import { removeBlocked } from '../../services/settings/blocked.ts';
import { removeForwardNumber } from '../../services/settings/call-handling.ts';
import { whileCurrent } from '../../services/settings/core.ts';
import { removeAssistant } from '../../services/settings/delegation.ts';
import { removeDeskPhone } from '../../services/settings/desk-phones.ts';
import { settingsForm } from '../../services/settings/forms.ts';
import { forwardRemovedMessage } from '../blocks/call-handling.ts';
import type { Message } from '../blocks/message.ts';
import { deskPhoneRemovedMessage } from '../blocks/places-and-devices.ts';
import { blockedRemovedMessage, delegationRemovedMessage } from '../blocks/settings-changes.ts';
import { ACTIONS } from '../ids.ts';
import { formError } from '../names.ts';
import type { Runtime } from '../runtime.ts';
import { decodeRemoval, type ListKey, withNotice } from '../views/settings/list-forms.ts';
import { sectionView } from '../views/settings/sections.ts';
import { afterSettingsChange } from '../views/settings/submit-section.ts';
import { onSettingsButton } from './settings-button.ts';

type Ref = { kind: 'directory'; id: number; raw: string };
type Removed = { message: Message };

/** Each list's remove with its channel message: the services of `forward`, `block` and `delegate`. */
const REMOVE: Record<
  ListKey,
  (deps: Deps, actor: { slackUserId: string }, ref: Ref, entry: string) => Promise<Result<Removed>>
> = {
  forward: async (deps, actor, ref, entry) => {
    const removed = await removeForwardNumber(deps, actor, ref, entry);
    if (!removed.ok) return removed;
    return { ok: true, value: { message: forwardRemovedMessage(actor.slackUserId, removed.value) } };
  },
  blocked: async (deps, actor, ref, entry) => {
    const removed = await removeBlocked(deps, actor, ref, entry);
    if (!removed.ok) return removed;
    return { ok: true, value: { message: blockedRemovedMessage(actor.slackUserId, removed.value) } };
  },
  phones: async (deps, actor, ref, mac) => {
    const removed = await removeDeskPhone(deps, actor, ref, mac);
    if (!removed.ok) return removed;
    return {
      ok: true,
      value: { message: deskPhoneRemovedMessage(actor.slackUserId, removed.value) },
    };
  },
  assistants: async (deps, actor, ref, extension) => {
    const assistant = { kind: 'extension' as const, extension, raw: extension };
    const removed = await removeAssistant(deps, actor, ref, assistant);
    if (!removed.ok) return removed;
    const { slackUserId } = actor;
    return {
      ok: true,
      value: { message: delegationRemovedMessage(slackUserId, removed.value) },
    };
  },
};

/**
 * A Remove button inside a list section: removes the entry (only if nobody changed the user since the list was
 * drawn), posts the change, and redraws the list and the summary under it. A refusal shows above the list.
 */
export function registerSettingsListRemove(app: App, runtime: Runtime): void {
  onSettingsButton(
    app,
    runtime,
    ACTIONS.settingsListRemove,
    'removing from a settings list',
    async ({ deps, actor, args, view: list, metadata, ref }) => {
      const { client } = args;
      const removal = decodeRemoval(args.action.value);
      if (!removal) return;
      const { channelId } = metadata;
      const removed = await whileCurrent({ version: metadata.version, openedAt: metadata.openedAt }, () =>
        REMOVE[removal.list](deps, actor, ref, removal.entry),
      );
      // Someone refused for who they are gets no list redrawn: the redraw would be refused, and audited, again.
      const form = !removed.ok && isDenial(removed.error) ? undefined : await settingsForm(deps, actor, ref);
      const view = form?.ok ? sectionView(form.value, removal.list, deps.clock.now(), channelId) : undefined;
      // With no list to show it above, a refusal goes on top of the form the button was pressed in.
      if (!view && !removed.ok) return removed;
      if (view) {
        const what =
          removal.list === 'assistants' ? `the assistant at extension ${removal.entry}` : removal.entry;
        const notice = removed.ok
          ? `Removed ${what}.`
          : `:warning: ${await formError(client, removed.error)}`;
        await client.views.update({ view_id: list.id, view: withNotice(view, notice) });
      }
      if (!removed.ok) return;
      const { message } = removed.value;
      const summaryViewId = list.previous_view_id ?? undefined;
      await afterSettingsChange(deps, args, { actor, ref, summaryViewId, channelId, message });
    },
  );
}
