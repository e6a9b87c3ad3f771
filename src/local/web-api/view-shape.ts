import { isObject } from '../block-kit/checks.ts';
import type { Store } from '../store.ts';
import type { View } from '../types.ts';

/** Slack gives every block and interactive element an id when the app leaves it out; state.values needs them. */
function withIds(store: Store, blocks: unknown[]): unknown[] {
  const actionId = (el: unknown) =>
    isObject(el) && el.type !== 'image' && el.action_id === undefined
      ? { ...el, action_id: store.ids.next('act') }
      : el;
  return blocks.map((block) => {
    if (!isObject(block)) return block;
    const next: Record<string, unknown> = { ...block, block_id: block.block_id ?? store.ids.next('blk') };
    if (next.element !== undefined) next.element = actionId(next.element);
    if (next.accessory !== undefined) next.accessory = actionId(next.accessory);
    if (next.type === 'actions' && Array.isArray(next.elements)) next.elements = next.elements.map(actionId);
    return next;
  });
}

export function buildView(
  store: Store,
  payload: Record<string, unknown>,
  place: { id?: string | undefined; root: string | null; previous: string | null },
): View {
  const { identity } = store;
  const id = place.id ?? store.ids.next('V');
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  return {
    id,
    hash: store.ids.viewHash(),
    type: payload.type === 'home' ? 'home' : 'modal',
    team_id: identity.teamId,
    app_id: identity.appId,
    bot_id: identity.botId,
    callback_id: text('callback_id'),
    private_metadata: text('private_metadata'),
    external_id: text('external_id'),
    title: payload.title,
    blocks: withIds(store, Array.isArray(payload.blocks) ? payload.blocks : []),
    ...(payload.submit !== undefined ? { submit: payload.submit } : {}),
    ...(payload.close !== undefined ? { close: payload.close } : {}),
    state: { values: {} },
    root_view_id: place.root ?? id,
    previous_view_id: place.previous,
    notify_on_close: payload.notify_on_close === true,
    clear_on_close: payload.clear_on_close === true,
  };
}

/** A new view keeps what the person typed only where block_id and action_id are unchanged. */
export function keepMatchingState(state: View['state'], blocks: unknown[]): View['state'] {
  const values: View['state']['values'] = {};
  for (const block of blocks) {
    if (!isObject(block) || typeof block.block_id !== 'string') continue;
    const old = state.values[block.block_id];
    const element = isObject(block.element) ? block.element : undefined;
    const actionId = typeof element?.action_id === 'string' ? element.action_id : undefined;
    if (old && actionId && old[actionId] !== undefined) {
      values[block.block_id] = { [actionId]: old[actionId] };
    }
  }
  return { values };
}

/** The view as Slack sends it to apps: inline errors are a client-side display, not part of the object. */
export function toWireView(view: View): Record<string, unknown> {
  const { errors: _shownToPerson, ...wire } = view;
  return { ...wire, app_installed_team_id: view.team_id };
}
