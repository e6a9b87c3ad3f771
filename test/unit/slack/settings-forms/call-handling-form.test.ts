import { describe, expect, it } from 'vitest';
import {
  HANDLING_BLOCKS,
  readCallHandlingForm,
} from '../../../../src/slack/views/settings/call-handling-form.ts';

const apps = { kind: 'apps' } as const;
const phone = { kind: 'desk_phone', mac: '001A2B3C4D5E' } as const;
const mobile = { kind: 'forward', number: '+14155550123' } as const;

type Target = typeof apps | typeof phone | typeof mobile;
const route = (target: Target, on: boolean, seconds: string | null, position: string) => ({
  [HANDLING_BLOCKS.on(target)]: { on: { selected_options: on ? [{ value: 'on' }] : [] } },
  [HANDLING_BLOCKS.ring(target)]: { seconds: { selected_option: seconds ? { value: seconds } : null } },
  [HANDLING_BLOCKS.order(target)]: { position: { selected_option: { value: position } } },
});
const choices = (mode: string, unanswered = 'voicemail', closed = 'disconnect') => ({
  [HANDLING_BLOCKS.mode]: { mode: { selected_option: { value: mode } } },
  [HANDLING_BLOCKS.unanswered]: { action: { selected_option: { value: unanswered } } },
  [HANDLING_BLOCKS.closed]: { action: { selected_option: { value: closed } } },
});

describe('reading the call-handling form', () => {
  it('reads every route with what it rings, orders them by position and keeps the two choices as typed', () => {
    const read = readCallHandlingForm({
      ...choices('sequential', 'disconnect', 'forward'),
      ...route(apps, true, '20', '3'),
      ...route(phone, false, '45', '1'),
      ...route(mobile, true, '60', '2'),
    });
    expect(read).toEqual({
      ok: true,
      input: {
        routing: {
          ringMode: 'sequential',
          routes: [
            { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: false, ringSeconds: 45 },
            { kind: 'forward', number: '+14155550123', enabled: true, ringSeconds: 60 },
            { kind: 'apps', enabled: true, ringSeconds: 20 },
          ],
        },
        unanswered: 'disconnect',
        closed: 'forward',
      },
    });
  });

  it('refuses two routes at one position in sequential mode, under the later one', () => {
    const read = readCallHandlingForm({
      ...choices('sequential'),
      ...route(apps, true, '20', '1'),
      ...route(mobile, true, '20', '1'),
    });
    expect(read).toEqual({
      ok: false,
      errors: {
        [HANDLING_BLOCKS.order(mobile)]:
          'Another route also rings at position 1: give each route its own place in the order.',
      },
    });
  });

  it('lets positions repeat in simultaneous mode, where order does not matter', () => {
    const read = readCallHandlingForm({
      ...choices('simultaneous'),
      ...route(apps, true, '20', '1'),
      ...route(mobile, true, '20', '1'),
    });
    expect(read.ok).toBe(true);
  });

  it('asks for a ring time and a ring mode that are missing, each under its own field', () => {
    const values = { ...choices('sequential'), ...route(apps, true, null, '1') };
    delete (values as Record<string, unknown>)[HANDLING_BLOCKS.mode];
    expect(readCallHandlingForm(values)).toEqual({
      ok: false,
      errors: {
        [HANDLING_BLOCKS.mode]: 'Choose a ring mode.',
        [HANDLING_BLOCKS.ring(apps)]: 'Choose how long this route rings.',
      },
    });
  });
});
