import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoursSpec, parseHoursText } from '../../../../src/domain/hours.ts';
import { type BusinessHours, type DayHours, WEEKDAYS } from '../../../../src/domain/settings.ts';
import { accountSettingsOf, hoursOf } from '../../../../src/phone-systems/zoom/plan/account-settings.ts';
import { toZoomHours } from '../../../../src/phone-systems/zoom/plan/hours.ts';
import type { ZoomSnapshot } from '../../../../src/phone-systems/zoom/plan/snapshot.ts';

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const day: fc.Arbitrary<DayHours> = fc.oneof(
  fc.constant({ type: 'closed' as const }),
  fc.constant({ type: '24h' as const }),
  fc
    .tuple(time, time)
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => ({ type: 'interval' as const, from, to })),
);
const hours: fc.Arbitrary<BusinessHours> = fc.oneof(
  fc.constant({ kind: 'always' as const }),
  fc
    .tuple(...WEEKDAYS.map(() => day))
    .map((days) => ({
      kind: 'weekly' as const,
      days: Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]])),
    }))
    .map((weekly) => weekly as BusinessHours),
);

describe('business hours read back from Zoom', () => {
  it('are what Switchboard sent, whatever the hours', () => {
    fc.assert(
      fc.property(hours, (sent) => {
        expect(hoursOf(toZoomHours(sent))).toEqual(sent);
      }),
    );
  });

  it('read no hours as open around the clock, days left out as closed, and 9:00 as 09:00', () => {
    expect(hoursOf(null)).toEqual({ kind: 'always' });
    const read = hoursOf({
      business_hour_type: 2,
      business_hours: [{ weekday: 2, type: 2, from: '9:00', to: '17:30' }],
    });
    expect(read).toMatchObject({
      kind: 'weekly',
      days: { mon: { type: 'interval', from: '09:00', to: '17:30' } },
    });
    expect(read?.kind === 'weekly' && WEEKDAYS.filter((d) => read.days[d].type === 'closed')).toHaveLength(6);
  });

  it('are unreadable when a time is not a time', () => {
    expect(
      hoursOf({
        business_hour_type: 2,
        business_hours: [{ weekday: 3, type: 2, from: '25:00', to: '17:00' }],
      }),
    ).toBe(null);
    expect(hoursOf({ business_hour_type: 2, business_hours: [{ weekday: 3, type: 2, from: '09:00' }] })).toBe(
      null,
    );
  });

  it('are written back in the words /phone hours reads', () => {
    fc.assert(
      fc.property(hours, (held) => {
        expect(parseHoursText(hoursSpec(held))).toEqual({ ok: true, value: held });
      }),
    );
    expect(hoursSpec({ kind: 'always' })).toBe('24/7');
  });
});

/** A snapshot of a line with Zoom's defaults, changed by `settings`. */
function snapshotWith(
  settings: Partial<NonNullable<ZoomSnapshot['settings']>> = {},
  more: Partial<ZoomSnapshot> = {},
): ZoomSnapshot {
  return {
    user: { id: 'u1', email: 'ada@example.com', status: 'active', phoneFeature: true },
    phoneUser: {
      phoneUserId: 'pu1',
      extensionId: 'ext1',
      extensionNumber: '1001',
      siteId: 'site1',
      status: 'activate',
      planTypes: [200],
      numbers: [],
      emergencyAddress: {
        id: 'site-address',
        line1: '1 Main St',
        line2: null,
        city: 'San Jose',
        stateCode: 'CA',
        zip: '95113',
        country: 'US',
      },
    },
    settings: {
      areaCode: '',
      audioPromptLanguage: 'en-US',
      musicOnHoldId: '',
      outboundCallerNumber: '',
      callerIdChoices: [],
      customizedCallerIdNumberIds: [],
      pinCode: '',
      assistantExtensionIds: [],
      businessHours: null,
      deskPhones: [],
      ...settings,
    },
    personalAddresses: [],
    blockedRules: [],
    ...more,
  };
}

const siteDefaults = new Set(['site-address']);
const noAssistants = () => undefined;

describe("a person's settings in Zoom, in Switchboard's terms", () => {
  it("reads Zoom's defaults as Switchboard's: default music, hidden caller ID, the site's address, no PIN", () => {
    expect(accountSettingsOf(snapshotWith(), siteDefaults, noAssistants)).toEqual({
      businessHours: { kind: 'always' },
      holdMusic: 'default',
      callerId: { kind: 'hidden' },
      areaCode: null,
      language: 'en-US',
      voicemailPin: null,
      emergencyAddress: null,
      deskPhones: [],
      assistants: [],
      blocked: [],
      kept: [],
    });
  });

  it('reads what the portal set: caller ID, no hold music, a personal address, desk phones, assistants, blocks', () => {
    const snapshot = snapshotWith(
      {
        musicOnHoldId: '0',
        outboundCallerNumber: '+14155550100',
        areaCode: '415',
        pinCode: '4821',
        assistantExtensionIds: ['ext-grace'],
        deskPhones: [
          { id: 'd1', mac: '805EC0010203', model: 'Yealink T54W' },
          { id: 'd2', mac: null },
        ],
      },
      {
        blockedRules: [
          { id: 'r1', matchType: 'phoneNumber', value: '+19005550100' },
          { id: 'r2', matchType: 'prefix', value: '1900' },
        ],
      },
    );
    if (snapshot.phoneUser?.emergencyAddress) snapshot.phoneUser.emergencyAddress.id = 'personal';
    const read = accountSettingsOf(snapshot, siteDefaults, (id) =>
      id === 'ext-grace' ? 'grace@example.com' : undefined,
    );
    expect(read).toMatchObject({
      holdMusic: 'none',
      callerId: { kind: 'number', number: '+14155550100' },
      areaCode: '415',
      voicemailPin: '4821',
      emergencyAddress: {
        line1: '1 Main St',
        city: 'San Jose',
        state: 'CA',
        postalCode: '95113',
        country: 'US',
      },
      deskPhones: [{ mac: '805EC0010203', model: 'Yealink T54W' }],
      assistants: ['grace@example.com'],
      blocked: [
        { kind: 'number', value: '+19005550100' },
        { kind: 'prefix', value: '1900' },
      ],
      kept: [],
    });
  });

  it('names what Switchboard cannot hold rather than guess at it', () => {
    const read = accountSettingsOf(
      snapshotWith(
        { musicOnHoldId: 'audio-7', assistantExtensionIds: ['ext-common-area'] },
        { blockedRules: [{ id: 'r1', matchType: 'countryCode', value: '' }] },
      ),
      siteDefaults,
      noAssistants,
    );
    expect(read?.kept.sort()).toEqual(['assistant_not_a_person', 'blocked_rule_kind', 'hold_music_audio']);
  });

  it('has nothing to say of a person with no line', () => {
    expect(
      accountSettingsOf(snapshotWith({}, { phoneUser: null }), siteDefaults, noAssistants),
    ).toBeUndefined();
  });
});
