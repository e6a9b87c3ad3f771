/** A stretch of consecutive items that read the same: shown as one line, `first–last (count)`. */
export type Run<T> = { first: T; last: T; count: number };

/**
 * Groups a sorted list into runs of items whose numbers follow one another (`+14155550100`, `…0101`) and that
 * `same` says read alike (the same site and holder, the same note). A long list of free numbers or reserved
 * extensions becomes a few lines. Items that are not whole numbers stand alone.
 */
export function runsOf<T>(
  items: readonly T[],
  numberOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const item of items) {
    const last = runs.at(-1);
    if (last && same(last.last, item) && follows(numberOf(last.last), numberOf(item))) {
      last.last = item;
      last.count++;
    } else runs.push({ first: item, last: item, count: 1 });
  }
  return runs;
}

/** Whether `b` is the number right after `a`, with as many digits (`0999` is not followed by `1000`). */
function follows(a: string, b: string): boolean {
  const digits = /^\+?(\d{1,18})$/;
  const x = digits.exec(a)?.[1];
  const y = digits.exec(b)?.[1];
  if (!x || !y || x.length !== y.length || a.startsWith('+') !== b.startsWith('+')) return false;
  return BigInt(y) === BigInt(x) + 1n;
}
