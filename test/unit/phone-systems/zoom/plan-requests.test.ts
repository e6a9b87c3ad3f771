import { describe, expect, it } from 'vitest';
import type { ZoomCall } from '../../../../src/phone-systems/zoom/plan/index.ts';
import { requestProblems, responseProblems } from '../../../support/zoom-requests.ts';

/** The request check the plan tests lean on must itself catch what Zoom would refuse. */
const base = {
  label: 'settings.update',
  method: 'patch',
  path: '/phone/users/{userId}/settings',
  params: { path: { userId: 'u1' } },
  purpose: 'test',
} as const;

// Deliberately wrong requests, which the types would not let a plan build.
const wrong = (call: object) => call as ZoomCall;

describe('requestProblems', () => {
  it('accepts a documented body', () => {
    expect(requestProblems(wrong({ ...base, body: { area_code: '415' } }))).toEqual([]);
  });

  it('catches a misspelt field', () => {
    expect(requestProblems(wrong({ ...base, body: { areacode: '415' } }))).toEqual([
      'body must NOT have additional properties',
    ]);
  });

  it('catches a wrong type: the extension is a string when written', () => {
    const call = wrong({
      ...base,
      label: 'phone_user.update',
      path: '/phone/users/{userId}',
      body: { extension_number: 1101 },
    });
    expect(requestProblems(call)).toEqual(['body/extension_number must be string']);
  });

  it('catches a value outside an enum', () => {
    const call = wrong({
      label: 'phone_user.activation',
      method: 'put',
      path: '/phone/users/batch',
      params: { path: {} },
      body: { batch_type: 'activate', activation_status: 'on', user_ids: ['u1'] },
      purpose: 'test',
    });
    expect(requestProblems(call)).toEqual([
      'body/activation_status must be equal to one of the allowed values',
    ]);
  });

  it('catches an unknown operation, a missing path parameter and an undeclared query parameter', () => {
    expect(requestProblems(wrong({ ...base, method: 'put' }))).toEqual([
      'no operation PUT /phone/users/{userId}/settings',
    ]);
    expect(requestProblems(wrong({ ...base, params: { path: {} }, body: {} }))).toContain(
      'path parameter userId empty',
    );
    const call = wrong({ ...base, method: 'delete', path: '/phone/users/{userId}/settings/{settingType}' });
    expect(
      requestProblems(
        wrong({
          ...call,
          params: { path: { userId: 'u1', settingType: 'delegation' }, query: { assistant: 'x' } },
        }),
      ),
    ).toEqual(['query parameter assistant is not declared']);
  });

  it('catches more than ten numbers in one assignment', () => {
    const call = wrong({
      ...base,
      method: 'post',
      path: '/phone/users/{userId}/phone_numbers',
      body: { phone_numbers: Array.from({ length: 11 }, (_, index) => ({ id: `n${index}` })) },
    });
    expect(requestProblems(call)).toEqual(['body/phone_numbers must NOT have more than 10 items']);
  });

  it('catches an answer fixture that Zoom would not send', () => {
    expect(responseProblems('get', '/phone/users/{userId}', { extension_number: '1101' })).toEqual([
      'answer/extension_number must be integer',
    ]);
    expect(responseProblems('get', '/phone/sites', { sites: [{ id: 's', code: 1 }] })).toEqual([
      'answer/sites/0 must NOT have additional properties',
    ]);
  });
});
