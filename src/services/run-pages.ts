import { type Run, runsOf } from '../domain/runs.ts';

/** How many lines one page of a list shown in runs holds: a run, however long, is one line. */
export const RUN_LINES_PAGE = 50;

/** The first batch read; each next batch is twice as large, so a very long run costs a few statements. */
const FIRST_BATCH = 200;
const LARGEST_BATCH = 5_000;

export type RunPage<T> = {
  runs: Run<T>[];
  /** The items the runs cover. */
  rows: T[];
  /** The key of the last item shown, when a next page exists. */
  more: string | undefined;
};

/**
 * A page of a sorted list shown in runs (`first–last (count)`): at most `lines` runs. Items are read in batches
 * after `after` until a run beyond the page has begun, which is what tells that the page's last run is whole, or
 * until the list ends.
 */
export async function runPage<T>(
  read: (after: string | undefined, limit: number) => Promise<T[]>,
  keyOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
  after: string | undefined,
  lines = RUN_LINES_PAGE,
): Promise<RunPage<T>> {
  const items: T[] = [];
  let cursor = after;
  for (let batch = FIRST_BATCH; ; batch = Math.min(batch * 2, LARGEST_BATCH)) {
    const got = await read(cursor, batch);
    items.push(...got);
    const runs = runsOf(items, keyOf, same);
    if (runs.length > lines) {
      const shown = runs.slice(0, lines);
      const covered = shown.reduce((sum, run) => sum + run.count, 0);
      return { runs: shown, rows: items.slice(0, covered), more: keyOf((shown.at(-1) as Run<T>).last) };
    }
    const last = got.at(-1);
    if (got.length < batch || last === undefined) return { runs, rows: items, more: undefined };
    cursor = keyOf(last);
  }
}
