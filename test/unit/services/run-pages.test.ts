import { describe, expect, it } from 'vitest';
import { runPage } from '../../../src/services/run-pages.ts';

/** A sorted list of extensions read as the store reads it: after a key, at most `limit`, counting the reads. */
function reader(items: string[]) {
  const reads: number[] = [];
  const read = async (after: string | undefined, limit: number) => {
    reads.push(limit);
    const start = after === undefined ? 0 : items.indexOf(after) + 1;
    return items.slice(start, start + limit);
  };
  return { read, reads };
}

const key = (item: string) => item;
const same = () => true;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('a page of a list shown in runs', () => {
  it('holds a fixed number of lines, however many items each line covers', async () => {
    const items = [...range(1000, 30), ...range(2000, 1), ...range(3000, 1), ...range(4000, 5)];
    const { read } = reader(items);
    const page = await runPage(read, key, same, undefined, 2);
    expect(page.runs.map((run) => [run.first, run.last, run.count])).toEqual([
      ['1000', '1029', 30],
      ['2000', '2000', 1],
    ]);
    expect(page.rows).toHaveLength(31);
    expect(page.more).toBe('2000');
    const next = await runPage(read, key, same, page.more, 2);
    expect(next.runs.map((run) => run.first)).toEqual(['3000', '4000']);
    expect(next.more).toBeUndefined();
  });

  it('reads on until the last line is known to be whole, in growing reads', async () => {
    const { read, reads } = reader([...range(100_000, 3_000), '200000']);
    const page = await runPage(read, key, same, undefined, 1);
    expect(page.runs).toHaveLength(1);
    expect(page.runs[0]?.count).toBe(3_000);
    expect(page.more).toBe('102999');
    expect(reads).toEqual([200, 400, 800, 1600, 3200]);
  });

  it('has no More when the list ends exactly with the page', async () => {
    const { read } = reader(['10', '12', '14']);
    const page = await runPage(read, key, same, undefined, 3);
    expect(page.runs).toHaveLength(3);
    expect(page.more).toBeUndefined();
  });
});
