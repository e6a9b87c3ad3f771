import { describe, expect, it } from 'vitest';
import { Turns } from '../../../src/services/imports/turns.ts';

describe('turns at reading files', () => {
  it('gives the turn at once when it is free, and in the order of arrival otherwise, saying how many go first', async () => {
    const turns = new Turns(1);
    const told: [string, number][] = [];
    const order: string[] = [];
    const take = (name: string) =>
      turns
        .take(async (ahead) => {
          told.push([name, ahead]);
        })
        .then((end) => {
          order.push(name);
          return end;
        });

    const endFirst = await take('first');
    const second = take('second');
    const third = take('third');
    await Promise.resolve();
    expect(order).toEqual(['first']);

    endFirst();
    endFirst();
    const endSecond = await second;
    expect(order).toEqual(['first', 'second']);
    endSecond();
    (await third)();
    expect(told).toEqual([
      ['second', 1],
      ['third', 2],
    ]);
    expect(order).toEqual(['first', 'second', 'third']);
    // Free again: the next one goes at once, told nothing.
    (await take('fourth'))();
    expect(told).toHaveLength(2);
  });

  it('keeps a place in line when telling the person fails', async () => {
    const turns = new Turns(1);
    const endFirst = await turns.take(async () => {});
    const second = turns.take(async () => {
      throw new Error('Slack is down');
    });
    endFirst();
    (await second)();
    // The turn went round and came back: the next one goes at once, without waiting.
    const waited: number[] = [];
    (await turns.take(async (ahead) => void waited.push(ahead)))();
    expect(waited).toEqual([]);
  });
});
