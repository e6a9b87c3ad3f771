import { describe, expect, it } from 'vitest';
import { type Dependent, dependentsKey, totalDependents } from '../../../src/domain/dependents.ts';

const person = (i: number) => ({ name: `Person ${i}`, email: `person${i}@example.com`, slackUserId: null });
const sales: Dependent = { kind: 'queue_member', queueId: 1, queue: 'Sales', manager: false };
const main: Dependent = { kind: 'operator', receptionistId: 7, receptionist: 'Main Line' };

describe('the links that depend on a phone user', () => {
  it('have one key whatever order they are read in, and another once a manager role is added', () => {
    expect(dependentsKey([sales, main])).toBe(dependentsKey([main, sales]));
    expect(dependentsKey([{ ...sales, manager: true }, main])).not.toBe(dependentsKey([sales, main]));
  });

  it('count a delegation between two people removed together once', () => {
    const counts = totalDependents([
      {
        phoneUserId: 1,
        dependents: [sales, { kind: 'assistant', phoneUserId: 2, directoryUserId: 20, person: person(2) }],
      },
      {
        phoneUserId: 2,
        dependents: [
          { kind: 'assisting', phoneUserId: 1, directoryUserId: 10, person: person(1) },
          { kind: 'assisting', phoneUserId: 3, directoryUserId: 30, person: person(3) },
        ],
      },
    ]);
    expect(counts).toEqual({ queues: 1, managed: 0, operator: 0, delegations: 2 });
  });
});
