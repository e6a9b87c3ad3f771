import type { AddressInput } from '../../../domain/address.ts';
import type { UserRef } from '../../../domain/user-ref.ts';
import {
  addQueue,
  addQueueMember,
  addReceptionist,
  queuesOverview,
  receptionistsOverview,
  removeQueueMember,
  setOperator,
} from '../../../services/routing.ts';
import {
  allowSelfManagedAddress,
  setSiteDefaultAddress,
  setUserAddress,
  useSiteDefaultAddress,
} from '../../../services/settings/address.ts';
import { addDeskPhone, removeDeskPhone } from '../../../services/settings/desk-phones.ts';
import {
  deskPhoneAddedMessage,
  deskPhoneRemovedMessage,
  memberChangedMessage,
  operatorChangedMessage,
  queueCreatedMessage,
  queuesMessage,
  receptionistCreatedMessage,
  receptionistsMessage,
  selfManagedAddressMessage,
  siteAddressMessage,
  userAddressMessage,
} from '../../blocks/places-and-devices.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { type HandlerContext, settle } from './context.ts';

/** Emergency addresses, desk phones, call queues and auto receptionists: each a service call and a builder. */

export function userAddress(ctx: HandlerContext, user: UserRef, address: AddressInput): Promise<Outcome> {
  return settle(setUserAddress(ctx.deps, ctx.actor, user, address), (change) => ({
    channel: userAddressMessage(ctx.actor.slackUserId, change),
  }));
}

export function userSiteDefaultAddress(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(useSiteDefaultAddress(ctx.deps, ctx.actor, user), (change) => ({
    channel: userAddressMessage(ctx.actor.slackUserId, change),
  }));
}

export function allowSelfAddress(ctx: HandlerContext, user: UserRef, allowed: boolean): Promise<Outcome> {
  return settle(allowSelfManagedAddress(ctx.deps, ctx.actor, user, allowed), (change) => ({
    channel: selfManagedAddressMessage(ctx.actor.slackUserId, change.card, change.allowed),
  }));
}

export function siteAddress(ctx: HandlerContext, site: string, address: AddressInput): Promise<Outcome> {
  return settle(setSiteDefaultAddress(ctx.deps, ctx.actor, site, address), (change) => ({
    channel: siteAddressMessage(ctx.actor.slackUserId, change.site, change.after),
  }));
}

export function phoneAdd(ctx: HandlerContext, user: UserRef, mac: string, model: string): Promise<Outcome> {
  return settle(addDeskPhone(ctx.deps, ctx.actor, user, mac, model), (change) => ({
    channel: deskPhoneAddedMessage(ctx.actor.slackUserId, change),
  }));
}

export function phoneRemove(ctx: HandlerContext, user: UserRef, mac: string): Promise<Outcome> {
  return settle(removeDeskPhone(ctx.deps, ctx.actor, user, mac), (change) => ({
    channel: deskPhoneRemovedMessage(ctx.actor.slackUserId, change),
  }));
}

export function queueAdd(
  ctx: HandlerContext,
  name: string,
  extension: string,
  site: string | undefined,
): Promise<Outcome> {
  return settle(addQueue(ctx.deps, ctx.actor, { name, extension, site }), (created) => ({
    channel: queueCreatedMessage(ctx.actor.slackUserId, created),
  }));
}

export function queueMember(
  ctx: HandlerContext,
  action: 'add' | 'remove',
  queue: string,
  user: UserRef,
  manager: boolean,
): Promise<Outcome> {
  const change = action === 'add' ? addQueueMember : removeQueueMember;
  return settle(change(ctx.deps, ctx.actor, queue, user, manager), (result) => ({
    channel: memberChangedMessage(ctx.actor.slackUserId, result),
  }));
}

export function queues(ctx: HandlerContext): Promise<Outcome> {
  return settle(queuesOverview(ctx.deps, ctx.actor), (list) => ephemeral(queuesMessage(list)));
}

export function receptionistAdd(
  ctx: HandlerContext,
  input: { name: string; extension: string; site?: string | undefined; operator?: UserRef | undefined },
): Promise<Outcome> {
  return settle(addReceptionist(ctx.deps, ctx.actor, input), (created) => ({
    channel: receptionistCreatedMessage(ctx.actor.slackUserId, created),
  }));
}

export function receptionistOperator(
  ctx: HandlerContext,
  name: string,
  operator: UserRef | null,
): Promise<Outcome> {
  return settle(setOperator(ctx.deps, ctx.actor, name, operator), (change) => ({
    channel: operatorChangedMessage(ctx.actor.slackUserId, change),
  }));
}

export function receptionists(ctx: HandlerContext): Promise<Outcome> {
  return settle(receptionistsOverview(ctx.deps, ctx.actor), (list) => ephemeral(receptionistsMessage(list)));
}
