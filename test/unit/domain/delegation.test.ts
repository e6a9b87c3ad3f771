import { describe, expect, it } from 'vitest';
import { delegationCycle } from '../../../src/domain/delegation.ts';

const assists = (assistantId: number, ownerId: number) => ({ ownerId, assistantId });

describe('delegationCycle', () => {
  it('finds nothing when the owner does not answer the assistant’s calls', () => {
    expect(delegationCycle([], 1, 2)).toBeUndefined();
    expect(delegationCycle([assists(3, 2), assists(4, 3)], 1, 2)).toBeUndefined();
  });

  it('refuses B assisting A when A already assists B', () => {
    expect(delegationCycle([assists(1, 2)], 1, 2)).toEqual([2, 1]);
  });

  it('finds a longer circle, from the assistant round to the owner', () => {
    // 3 assists 2, 1 assists 3: 2 assisting 1 would close the circle 1 → 2 → 3 → 1.
    expect(delegationCycle([assists(3, 2), assists(1, 3)], 1, 2)).toEqual([2, 3, 1]);
  });

  it('gives the shortest chain when there are several, and survives circles it meets on the way', () => {
    const edges = [assists(3, 2), assists(4, 3), assists(3, 4), assists(1, 4), assists(1, 3)];
    expect(delegationCycle(edges, 1, 2)).toEqual([2, 3, 1]);
  });

  it('lets two people share an assistant without a circle', () => {
    expect(delegationCycle([assists(3, 1), assists(3, 2)], 1, 2)).toBeUndefined();
  });
});
