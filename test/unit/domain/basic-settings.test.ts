import { describe, expect, it } from 'vitest';
import { BASIC_SETTINGS, type BasicSettings, copyBasicSettings } from '../../../src/domain/basic-settings.ts';
import type { Route } from '../../../src/domain/settings.ts';

const apps = (enabled: boolean, ringSeconds: number): Route => ({ kind: 'apps', enabled, ringSeconds });
const desk = (mac: string): Route => ({ kind: 'desk_phone', mac, enabled: true, ringSeconds: 25 });
const forward = (number: string): Route => ({ kind: 'forward', number, enabled: true, ringSeconds: 30 });

const source: BasicSettings = {
  businessHours: { kind: 'always' },
  closedHours: { action: 'disconnect' },
  unanswered: { action: 'voicemail', greetingId: 7 },
  ringMode: 'sequential',
  routes: [forward('+14155550111'), desk('001A2B3C4D5E'), apps(false, 15)],
  holdMusic: { kind: 'audio', audioId: 3 },
  language: 'fr-CA',
  areaCode: '415',
};

describe('copyBasicSettings', () => {
  it('gives exactly the basic settings, and only the routes that exist for the target', () => {
    const target = { routes: [desk('00AABBCCDDEE'), apps(true, 20)], forwardNumbers: [] };
    const copied = copyBasicSettings(source, target);
    expect(Object.keys(copied.settings).sort()).toEqual([...BASIC_SETTINGS].sort());
    expect(copied.settings).toMatchObject({
      unanswered: { action: 'voicemail', greetingId: 7 },
      holdMusic: { kind: 'audio', audioId: 3 },
      language: 'fr-CA',
      areaCode: '415',
    });
    // The target's own desk phone keeps its route; the source's forward and desk-phone routes are not copied.
    expect(copied.settings.routes).toEqual([desk('00AABBCCDDEE'), apps(false, 15)]);
    expect(copied.kept).toEqual([]);
  });

  it('keeps the apps on when turning them off would leave nothing ringing', () => {
    const copied = copyBasicSettings(source, { routes: [apps(true, 20)], forwardNumbers: [] });
    expect(copied.settings.routes).toEqual([apps(true, 15)]);
  });

  it("keeps the target's closed hours when the source's forward and the target has no forward number", () => {
    const forwarding = { ...source, closedHours: { action: 'forward' } as const };
    const none = copyBasicSettings(forwarding, { routes: [apps(true, 20)], forwardNumbers: [] });
    expect(none.settings).not.toHaveProperty('closedHours');
    expect(none.kept).toEqual([{ setting: 'closedHours', reason: 'no_forward_numbers' }]);
    const own = copyBasicSettings(forwarding, {
      routes: [apps(true, 20), forward('+14155550122')],
      forwardNumbers: [{ number: '+14155550122', description: 'Home' }],
    });
    expect(own.settings.closedHours).toEqual({ action: 'forward' });
    expect(own.kept).toEqual([]);
  });
});
