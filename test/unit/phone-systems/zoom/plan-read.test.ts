import { describe, expect, it } from 'vitest';
import { readContext, readSnapshot } from '../../../../src/phone-systems/zoom/plan/index.ts';
import { responseProblems } from '../../../support/zoom-requests.ts';

/** Zoom's answers for Ada, shaped as the documents say (each fixture is checked against them below). */
const answers = {
  user: { id: 'zu-ada', email: 'ada@example.com', first_name: 'Ada', status: 'active', type: 1 },
  userSettings: { feature: { zoom_phone: true, meeting_capacity: 100 } },
  phoneUser: {
    id: 'zu-ada',
    phone_user_id: 'pu-ada',
    email: 'ada@example.com',
    extension_id: 'ext-ada',
    extension_number: 1101,
    site_id: 'site-main',
    status: 'activate',
    calling_plans: [{ type: 200, billing_account_id: 'b1' }],
    phone_numbers: [{ id: 'num-1', number: '+14155550101' }],
    emergency_address: {
      id: 'addr-main',
      address_line1: '1 Main St',
      city: 'San Francisco',
      state_code: 'CA',
      zip: '94105',
      country: 'US',
    },
  },
  phoneSettings: {
    area_code: '415',
    audio_prompt_language: 'en-US',
    music_on_hold_id: '0',
    outbound_caller: { number: '+14155550101' },
    outbound_caller_ids: [{ is_default: true, name: 'Main', number: '+14155550100' }],
    delegation: { assistants: [{ extension_id: 'ext-grace', display_name: 'Grace' }], privacy: false },
    desk_phone: {
      pin_code: '482913',
      devices: [{ id: 'dev-1', mac_address: '001122334455', device_type: 'Yealink T54W' }],
    },
    extension_number: 1101,
    business_hours_settings: {
      business_hour_type: 2,
      business_hours: [
        { weekday: 2, type: 2, from: '09:00', to: '17:00' },
        { weekday: 1, type: 0 },
      ],
    },
  },
  customizedNumbers: { customize_numbers: [{ phone_number_id: 'num-4', phone_number: '+14155550104' }] },
  personalAddresses: {
    emergency_addresses: [
      {
        id: 'addr-own',
        address_line1: '9 Elm St',
        address_line2: 'Apt 2',
        city: 'Oakland',
        state_code: 'CA',
        zip: '94607',
        country: 'US',
        level: 1,
        owner: { id: 'zu-ada' },
      },
    ],
  },
  sites: {
    sites: [
      { id: 'site-main', name: 'Main', site_code: 1 },
      { id: 'site-east', name: 'East' },
    ],
  },
  callingPlans: {
    calling_plans: [{ type: 200, name: 'US/CA Unlimited', subscribed: 10, assigned: 4, available: 6 }],
  },
  numbers: {
    phone_numbers: [
      { id: 'num-1', number: '+14155550101', assignee: { id: 'ext-ada', type: 'user' }, status: 'available' },
      { id: 'num-2', number: '+14155550102', status: 'available' },
    ],
  },
  assistant: { id: 'zu-grace', extension_id: 'ext-grace', extension_number: 1102 },
  blockedRules: {
    extension_blocked_rules: [
      { id: 'rule-1', match_type: 'prefix', blocked_number: '+1900', type: 'block_for_other_reasons' },
    ],
  },
  devices: { devices: [{ id: 'dev-spare', mac_address: '00:a0:c9:11:22:33', device_type: 'yealink' }] },
  siteAddresses: {
    emergency_addresses: [
      { id: 'addr-own', is_default: true, site: { id: 'site-main' }, owner: { id: 'zu-ada' } },
      { id: 'addr-main', is_default: true, site: { id: 'site-main' } },
    ],
  },
};

describe('readSnapshot', () => {
  it('uses fixtures that match the documented answers', () => {
    expect(responseProblems('get', '/users/{userId}', answers.user)).toEqual([]);
    expect(responseProblems('get', '/users/{userId}/settings', answers.userSettings)).toEqual([]);
    expect(responseProblems('get', '/phone/users/{userId}', answers.phoneUser)).toEqual([]);
    expect(responseProblems('get', '/phone/users/{userId}/settings', answers.phoneSettings)).toEqual([]);
    expect(
      responseProblems(
        'get',
        '/phone/users/{userId}/outbound_caller_id/customized_numbers',
        answers.customizedNumbers,
      ),
    ).toEqual([]);
    expect(responseProblems('get', '/phone/emergency_addresses', answers.personalAddresses)).toEqual([]);
    expect(responseProblems('get', '/phone/emergency_addresses', answers.siteAddresses)).toEqual([]);
    expect(responseProblems('get', '/phone/sites', answers.sites)).toEqual([]);
    expect(responseProblems('get', '/phone/calling_plans', answers.callingPlans)).toEqual([]);
    expect(responseProblems('get', '/phone/numbers', answers.numbers)).toEqual([]);
    expect(responseProblems('get', '/phone/devices', answers.devices)).toEqual([]);
    expect(
      responseProblems('get', '/phone/extension/{extensionId}/inbound_blocked/rules', answers.blockedRules),
    ).toEqual([]);
    expect(responseProblems('get', '/phone/users/{userId}', answers.assistant)).toEqual([]);
  });

  it('reads a person with a line from the answers of their reads', () => {
    const snapshot = readSnapshot({
      user: answers.user,
      userSettings: answers.userSettings,
      phoneUser: answers.phoneUser,
      phoneSettings: answers.phoneSettings,
      customizedNumbers: [answers.customizedNumbers],
      personalAddresses: [answers.personalAddresses],
      blockedRules: [answers.blockedRules],
    });
    expect(snapshot).toEqual({
      user: { id: 'zu-ada', email: 'ada@example.com', status: 'active', phoneFeature: true },
      phoneUser: {
        phoneUserId: 'pu-ada',
        extensionId: 'ext-ada',
        extensionNumber: '1101',
        siteId: 'site-main',
        status: 'activate',
        planTypes: [200],
        numbers: [{ id: 'num-1', number: '+14155550101' }],
        emergencyAddress: {
          id: 'addr-main',
          line1: '1 Main St',
          line2: null,
          city: 'San Francisco',
          stateCode: 'CA',
          zip: '94105',
          country: 'US',
        },
      },
      settings: {
        areaCode: '415',
        audioPromptLanguage: 'en-US',
        musicOnHoldId: '0',
        outboundCallerNumber: '+14155550101',
        callerIdChoices: ['+14155550100'],
        customizedCallerIdNumberIds: ['num-4'],
        pinCode: '482913',
        assistantExtensionIds: ['ext-grace'],
        businessHours: {
          business_hour_type: 2,
          business_hours: [
            { weekday: 2, type: 2, from: '09:00', to: '17:00' },
            { weekday: 1, type: 0 },
          ],
        },
        deskPhones: [{ id: 'dev-1', mac: '001122334455', model: 'Yealink T54W' }],
      },
      personalAddresses: [
        {
          id: 'addr-own',
          line1: '9 Elm St',
          line2: 'Apt 2',
          city: 'Oakland',
          stateCode: 'CA',
          zip: '94607',
          country: 'US',
        },
      ],
      blockedRules: [{ id: 'rule-1', matchType: 'prefix', value: '+1900' }],
    });
  });

  it('reads a person Zoom does not know, and one whose line Zoom has not created', () => {
    const none = {
      userSettings: null,
      phoneUser: null,
      phoneSettings: null,
      customizedNumbers: [],
      personalAddresses: [],
      blockedRules: [],
    };
    expect(readSnapshot({ ...none, user: null })).toEqual({
      user: null,
      phoneUser: null,
      settings: null,
      personalAddresses: [],
      blockedRules: [],
    });
    expect(readSnapshot({ ...none, user: answers.user, userSettings: answers.userSettings })).toEqual({
      user: { id: 'zu-ada', email: 'ada@example.com', status: 'active', phoneFeature: true },
      phoneUser: null,
      settings: null,
      personalAddresses: [],
      blockedRules: [],
    });
    expect(
      readSnapshot({ ...none, user: answers.user, userSettings: { feature: {} } }).user?.phoneFeature,
    ).toBe(false);
    const invited = { ...answers.user, status: 'pending' };
    expect(readSnapshot({ ...none, user: invited, userSettings: { feature: {} } }).user?.status).toBe(
      'pending',
    );
  });

  it('throws on an answer that is not what Zoom sends, rather than planning from it', () => {
    expect(() =>
      readSnapshot({
        user: { email: 'ada@example.com' },
        userSettings: null,
        phoneUser: null,
        phoneSettings: null,
        customizedNumbers: [],
        personalAddresses: [],
        blockedRules: [],
      }),
    ).toThrow();
  });
});

describe('readContext', () => {
  it('reads sites, plans, numbers, assistants and site addresses', () => {
    const context = readContext({
      sites: [answers.sites],
      callingPlans: answers.callingPlans,
      numbers: [answers.numbers],
      assistants: [
        { email: 'Grace@example.com', phoneUser: answers.assistant },
        { email: 'nobody@example.com', phoneUser: null },
      ],
      devices: [answers.devices],
      siteAddresses: [answers.siteAddresses],
    });
    expect(context).toEqual({
      sites: [
        { id: 'site-main', name: 'Main', code: '1' },
        { id: 'site-east', name: 'East', code: null },
      ],
      plans: [{ type: 200, name: 'US/CA Unlimited', available: 6 }],
      numbers: {
        '+14155550101': { id: 'num-1', number: '+14155550101', assigneeIds: ['ext-ada'] },
        '+14155550102': { id: 'num-2', number: '+14155550102', assigneeIds: [] },
      },
      assistantExtensionIds: { 'grace@example.com': 'ext-grace' },
      devices: { '00A0C9112233': { id: 'dev-spare', mac: '00:a0:c9:11:22:33' } },
      siteDefaultAddressIds: { 'site-main': 'addr-main' },
    });
  });
});
