import type { App } from '@slack/bolt';
import { linkChatAccounts } from '../../../services/linking.ts';
import { addBlocked } from '../../../services/settings/blocked.ts';
import { addForwardNumber } from '../../../services/settings/call-handling.ts';
import { addAssistant } from '../../../services/settings/delegation.ts';
import { addDeskPhone } from '../../../services/settings/desk-phones.ts';
import { forwardAddedMessage } from '../../blocks/call-handling.ts';
import { deskPhoneAddedMessage } from '../../blocks/places-and-devices.ts';
import { blockedAddedMessage, delegationAddedMessage } from '../../blocks/settings-changes.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import {
  LIST_BLOCKS,
  readAssistantAdd,
  readBlockedAdd,
  readDeskPhoneAdd,
  readForwardAdd,
} from './list-forms.ts';
import { registerSectionSubmit } from './submit-section.ts';

/** Adding to the list sections: a forward number, a blocked number or prefix, by the services of the shortcuts. */
export function registerListSubmits(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsForward,
    generalBlock: LIST_BLOCKS.forwardNumber,
    what: 'a forward number',
    read: (values) => readForwardAdd(values as never),
    save: (deps, actor, ref, input, ctx) =>
      ctx.current(() => addForwardNumber(deps, actor, ref, input.number, input.description)),
    errorBlocks: (error, say) =>
      error.code === 'FORWARD_DESCRIPTION_INVALID'
        ? { [LIST_BLOCKS.forwardDescription]: say(error) }
        : undefined,
    message: forwardAddedMessage,
  });
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsBlocked,
    generalBlock: LIST_BLOCKS.blockedEntry,
    what: 'a blocked number',
    read: (values) => readBlockedAdd(values as never),
    save: (deps, actor, ref, input, ctx) => ctx.current(() => addBlocked(deps, actor, ref, input)),
    message: blockedAddedMessage,
  });
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsPhones,
    generalBlock: LIST_BLOCKS.deskMac,
    what: 'a desk phone',
    read: (values) => readDeskPhoneAdd(values as never),
    save: (deps, actor, ref, input, ctx) =>
      ctx.current(() => addDeskPhone(deps, actor, ref, input.mac, input.model)),
    errorBlocks: (error, say) =>
      error.code === 'DESK_PHONE_MODEL_INVALID' ? { [LIST_BLOCKS.deskModel]: say(error) } : undefined,
    message: deskPhoneAddedMessage,
  });
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsAssistants,
    generalBlock: LIST_BLOCKS.assistant,
    what: 'an assistant',
    read: (values) => readAssistantAdd(values as never),
    save: async (deps, actor, ref, user, ctx) => {
      // Someone picked in the form may have been added by import, not linked to their account yet.
      await linkChatAccounts(deps, actor, [user]);
      return ctx.current(() =>
        addAssistant(deps, actor, ref, { kind: 'slack', id: user, raw: `<@${user}>` }),
      );
    },
    message: delegationAddedMessage,
  });
}
