import type { types } from '@slack/bolt';
import type { Routing } from '../../../domain/call-handling.ts';
import { RING_SECONDS, type Route, type RouteTarget } from '../../../domain/settings.ts';
import { CLOSED_CHOICES, UNANSWERED_CHOICES } from '../../../domain/settings-values.ts';
import type { UserDetails } from '../../../services/settings/details.ts';
import { formatMac } from '../../blocks/settings-text.ts';
import { clip } from '../../format.ts';
import { VIEWS } from '../../ids.ts';
import { input, opt, sectionModal } from './elements.ts';

/** A route's block ids carry what it rings, so the form reads back without knowing the routes it was drawn with. */
const routeKey = (route: RouteTarget) =>
  route.kind === 'apps' ? 'apps' : route.kind === 'desk_phone' ? `desk_${route.mac}` : `fwd_${route.number}`;

const ON_PREFIX = 'handling_on_';

export const HANDLING_BLOCKS = {
  mode: 'handling_mode',
  on: (route: RouteTarget) => `${ON_PREFIX}${routeKey(route)}`,
  ring: (route: RouteTarget) => `handling_ring_${routeKey(route)}`,
  order: (route: RouteTarget) => `handling_order_${routeKey(route)}`,
  unanswered: 'handling_unanswered',
  closed: 'handling_closed',
} as const;

const MODES = [
  opt('Simultaneous: ring every route that is on at once', 'simultaneous'),
  opt('Sequential: ring the routes one after another', 'sequential'),
];
const RING_TIMES = Array.from(
  { length: (RING_SECONDS.max - RING_SECONDS.min) / RING_SECONDS.step + 1 },
  (_, i) => String(RING_SECONDS.min + i * RING_SECONDS.step),
).map((s) => opt(`${s} seconds`, s));
const RING_ON = opt('Ring this route', 'on');
const UNANSWERED: Record<(typeof UNANSWERED_CHOICES)[number], string> = {
  voicemail: 'Go to voicemail',
  disconnect: 'Disconnect',
};
const CLOSED: Record<(typeof CLOSED_CHOICES)[number], string> = {
  voicemail: 'Go to voicemail',
  message: 'Play a message, then disconnect',
  disconnect: 'Disconnect',
  forward: 'Forward to the forward numbers',
};
const UNANSWERED_OPTIONS = UNANSWERED_CHOICES.map((c) => opt(UNANSWERED[c], c));
const CLOSED_OPTIONS = CLOSED_CHOICES.map((c) => opt(CLOSED[c], c));

function routeLabel(route: Route, details: UserDetails): string {
  if (route.kind === 'apps') return 'Desktop and mobile apps';
  if (route.kind === 'desk_phone') {
    const model = details.deskPhones.find((phone) => phone.mac === route.mac)?.model ?? '';
    return `Desk phone ${model} ${formatMac(route.mac)}`.replace(/\s+/g, ' ');
  }
  const description = details.settings.forwardNumbers.find((f) => f.number === route.number)?.description;
  return clip(`Forward to ${route.number}${description ? ` (${description})` : ''}`, 2000);
}

/**
 * The call-handling form: ring mode; per route on or off, its ring time and its place in the order; what
 * happens to calls nobody answers and to calls out of hours. At most 14 routes (apps, 3 desk phones, 10 forward
 * numbers) make 42 blocks, within Slack's 100.
 */
export function callHandlingFormView(details: UserDetails, metadata: string): types.ModalView {
  const { settings } = details;
  const positions = settings.routes.map((_, i) => opt(String(i + 1), String(i + 1)));
  const blocks: types.KnownBlock[] = [
    input(HANDLING_BLOCKS.mode, 'Ring mode', {
      type: 'radio_buttons',
      action_id: 'mode',
      options: MODES,
      initial_option: settings.ringMode === 'sequential' ? MODES[1] : MODES[0],
    }),
  ];
  settings.routes.forEach((route, index) => {
    blocks.push(
      { type: 'divider' },
      input(
        HANDLING_BLOCKS.on(route),
        routeLabel(route, details),
        {
          type: 'checkboxes',
          action_id: 'on',
          options: [RING_ON],
          ...(route.enabled ? { initial_options: [RING_ON] } : {}),
        },
        { optional: true },
      ),
      input(HANDLING_BLOCKS.ring(route), 'Ring time', {
        type: 'static_select',
        action_id: 'seconds',
        options: RING_TIMES,
        ...initial(RING_TIMES, String(route.ringSeconds)),
      }),
      input(
        HANDLING_BLOCKS.order(route),
        'Position',
        {
          type: 'static_select',
          action_id: 'position',
          options: positions,
          initial_option: positions[index],
        },
        { hint: { type: 'plain_text', text: 'In sequential mode, routes ring in this order, 1 first.' } },
      ),
    );
  });
  blocks.push(
    { type: 'divider' },
    input(HANDLING_BLOCKS.unanswered, 'When not answered in business hours', {
      type: 'radio_buttons',
      action_id: 'action',
      options: UNANSWERED_OPTIONS,
      ...initial(UNANSWERED_OPTIONS, settings.unanswered.action),
    }),
    input(HANDLING_BLOCKS.closed, 'Outside business hours', {
      type: 'radio_buttons',
      action_id: 'action',
      options: CLOSED_OPTIONS,
      ...initial(CLOSED_OPTIONS, settings.closedHours.action),
    }),
  );
  return sectionModal(VIEWS.settingsHandling, 'Call handling', metadata, blocks);
}

function initial(options: { value: string }[], value: string) {
  const found = options.find((o) => o.value === value);
  return found ? { initial_option: found } : {};
}

type Value = {
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
};
export type HandlingValues = Record<string, Record<string, Value>>;

export type CallHandlingFormInput = { routing: Routing; unanswered: string; closed: string };

/** The route a block id names, or undefined for any other block. */
function routeOfBlock(blockId: string): RouteTarget | undefined {
  if (!blockId.startsWith(ON_PREFIX)) return undefined;
  const key = blockId.slice(ON_PREFIX.length);
  if (key === 'apps') return { kind: 'apps' };
  if (key.startsWith('desk_')) return { kind: 'desk_phone', mac: key.slice(5) };
  if (key.startsWith('fwd_')) return { kind: 'forward', number: key.slice(4) };
  return undefined;
}

/**
 * Reads the form back into the routing and the two choices, or errors keyed by the block at fault: each route
 * needs a ring time, and in sequential mode each route its own position.
 */
export function readCallHandlingForm(
  values: HandlingValues,
): { ok: true; input: CallHandlingFormInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const mode = values[HANDLING_BLOCKS.mode]?.mode?.selected_option?.value;
  const unanswered = values[HANDLING_BLOCKS.unanswered]?.action?.selected_option?.value;
  const closed = values[HANDLING_BLOCKS.closed]?.action?.selected_option?.value;
  if (mode !== 'simultaneous' && mode !== 'sequential') errors[HANDLING_BLOCKS.mode] = 'Choose a ring mode.';
  if (!unanswered) errors[HANDLING_BLOCKS.unanswered] = 'Choose what happens to calls nobody answers.';
  if (!closed) errors[HANDLING_BLOCKS.closed] = 'Choose what happens to calls outside business hours.';
  const routes: { route: Route; position: number; blockId: string }[] = [];
  for (const blockId of Object.keys(values)) {
    const target = routeOfBlock(blockId);
    if (!target) continue;
    const enabled = (values[blockId]?.on?.selected_options ?? []).some((o) => o.value === 'on');
    const seconds = Number(values[HANDLING_BLOCKS.ring(target)]?.seconds?.selected_option?.value);
    const position = Number(values[HANDLING_BLOCKS.order(target)]?.position?.selected_option?.value);
    if (!Number.isInteger(seconds))
      errors[HANDLING_BLOCKS.ring(target)] = 'Choose how long this route rings.';
    routes.push({
      route: { ...target, enabled, ringSeconds: seconds },
      position: Number.isInteger(position) ? position : routes.length + 1,
      blockId: HANDLING_BLOCKS.order(target),
    });
  }
  if (mode === 'sequential') {
    const taken = new Map<number, string>();
    for (const { position, blockId } of routes) {
      const other = taken.get(position);
      if (other) {
        errors[blockId] =
          `Another route also rings at position ${position}: give each route its own place in the order.`;
      } else taken.set(position, blockId);
    }
  }
  if (Object.keys(errors).length > 0 || (mode !== 'simultaneous' && mode !== 'sequential')) {
    return { ok: false, errors };
  }
  const ordered = routes
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map((entry) => entry.route);
  return {
    ok: true,
    input: {
      routing: { ringMode: mode, routes: ordered },
      unanswered: unanswered ?? '',
      closed: closed ?? '',
    },
  };
}
