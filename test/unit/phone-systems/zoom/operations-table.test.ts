import { describe, expect, it } from 'vitest';
import { operationOf } from '../../../../src/phone-systems/zoom/operations-table.ts';

describe('the operation a request is', () => {
  it('tells the batch path from a user called "batch" by the literal path first', () => {
    expect(operationOf('phone', 'POST', '/phone/users/batch')).toEqual({
      key: 'POST /phone/users/batch',
      label: 'MEDIUM',
    });
    expect(operationOf('phone', 'PATCH', '/phone/users/batch')).toEqual({
      key: 'PATCH /phone/users/{userId}',
      label: 'LIGHT',
    });
  });

  it('finds an operation whose path holds an email, and the label of each API apart', () => {
    expect(operationOf('phone', 'GET', '/phone/users/ada%40example.com/settings')?.key).toBe(
      'GET /phone/users/{userId}/settings',
    );
    expect(operationOf('users', 'PATCH', '/users/ada%40example.com')).toEqual({
      key: 'PATCH /users/{userId}',
      label: 'LIGHT',
    });
    expect(operationOf('phone', 'GET', '/users/u1')).toBeUndefined();
    expect(operationOf('phone', 'GET', '/phone/users/u1/settings/extra')).toBeUndefined();
  });
});
