import { isObject, type Json } from './block-kit/checks.ts';
import type { ChannelRecord, Store } from './store.ts';
import type { ClickArgs } from './types.ts';

export function userRef(store: Store, userId: string) {
  const name = store.users.get(userId)?.name ?? userId;
  return { id: userId, username: name, name, team_id: store.identity.teamId };
}

export function teamRef(store: Store) {
  return { id: store.identity.teamId, domain: store.identity.teamDomain };
}

export function channelName(channel: ChannelRecord): string {
  return channel.isIm ? 'directmessage' : channel.name;
}

/** Common fields of every interactivity payload. */
export function interactionBase(store: Store, type: string, userId: string) {
  return {
    type,
    team: teamRef(store),
    user: userRef(store, userId),
    api_app_id: store.identity.appId,
    token: store.identity.verificationToken,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The element a person can click: in an actions block, a section accessory, or a dispatching input. */
export function findElement(
  blocks: unknown[],
  actionId: string,
  blockId?: string,
): { blockId: string; element: Json } | undefined {
  for (const [index, block] of blocks.entries()) {
    if (!isObject(block)) continue;
    const id = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
    if (blockId !== undefined && id !== blockId) continue;
    const candidates = [
      block.accessory,
      block.element,
      ...(Array.isArray(block.elements) ? block.elements : []),
    ];
    const element = candidates.find((el): el is Json => isObject(el) && el.action_id === actionId);
    if (element) return { blockId: id, element };
  }
  return undefined;
}

function findOption(element: Json, value: string): unknown {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const options = [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : [])),
  ];
  return options.find((o) => isObject(o) && o.value === value);
}

/** One entry of `actions[]`, shaped by the element type as Slack sends it. */
export function actionEntry(
  store: Store,
  a: ClickArgs,
  blockId: string,
  element: Json,
): Record<string, unknown> {
  const type = String(element.type);
  const action: Record<string, unknown> = {
    type,
    action_id: a.actionId,
    block_id: blockId,
    action_ts: store.ids.ts(),
  };
  if (type === 'button') {
    action.text = element.text;
    if (a.value ?? element.value) action.value = a.value ?? element.value;
    if (element.style) action.style = element.style;
  }
  if (a.selectedOption) {
    const { value, text } = a.selectedOption;
    const option = findOption(element, value) ?? { text: { type: 'plain_text', text: text ?? value }, value };
    if (type.startsWith('multi_') || type === 'checkboxes') action.selected_options = [option];
    else action.selected_option = option;
  }
  if (a.selectedUsers) {
    if (type === 'users_select') action.selected_user = a.selectedUsers[0] ?? null;
    else action.selected_users = a.selectedUsers;
  }
  if (type === 'datepicker' && a.value) action.selected_date = a.value;
  return action;
}

/** The Events API envelope Bolt expects for `event_callback`. */
export function eventEnvelope(
  store: Store,
  event: Record<string, unknown>,
  eventId: string,
): Record<string, unknown> {
  const { identity } = store;
  return {
    token: identity.verificationToken,
    team_id: identity.teamId,
    context_team_id: identity.teamId,
    context_enterprise_id: null,
    api_app_id: identity.appId,
    event: { event_ts: store.ids.ts(), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(store.clock.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
