import { describe, expect, it } from 'vitest';
import { runsOf } from '../../../src/domain/runs.ts';

const runs = (items: string[], same = (_a: string, _b: string) => true) =>
  runsOf(items, (item) => item, same).map((run) => [run.first, run.last, run.count]);

describe('runs of consecutive numbers', () => {
  it('groups numbers that follow one another, and leaves a gap as a new run', () => {
    expect(runs(['+14155550100', '+14155550101', '+14155550102', '+14155550110'])).toEqual([
      ['+14155550100', '+14155550102', 3],
      ['+14155550110', '+14155550110', 1],
    ]);
  });

  it('groups extensions, but never across a change of length', () => {
    expect(runs(['98', '99', '100', '101'])).toEqual([
      ['98', '99', 2],
      ['100', '101', 2],
    ]);
  });

  it('keeps apart neighbours that do not read alike', () => {
    expect(runs(['4000', '4001'], () => false)).toEqual([
      ['4000', '4000', 1],
      ['4001', '4001', 1],
    ]);
  });

  it('leaves what is not a whole number on its own', () => {
    expect(runs(['*72', '*73'])).toEqual([
      ['*72', '*72', 1],
      ['*73', '*73', 1],
    ]);
  });
});
