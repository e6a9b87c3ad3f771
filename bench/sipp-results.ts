/**
 * What sipp writes when it runs with `-trace_stat -stf <file>` and `-trace_rtt -rtt_freq 1`: its statistics file
 * (`;`-separated, a header line, then one line per period, the last one cumulative) and its response-time file (one
 * line per measured response: `Date_ms;response_time_ms;rtd_no`).
 */

export type SippCounts = { successful: number; failed: number; created: number };

/** The cumulative call counts of the last line of a statistics file. */
export function sippCounts(statCsv: string): SippCounts {
  const lines = statCsv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.split(';') ?? [];
  const last = lines.at(-1)?.split(';') ?? [];
  if (lines.length < 2) throw new Error('the sipp statistics file has no line after its header');
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the sipp statistics file has no ${name} column`);
    const value = Number(last[index]);
    if (!Number.isInteger(value))
      throw new Error(`${name} in the sipp statistics file is not a count: ${last[index]}`);
    return value;
  };
  return {
    successful: column('SuccessfulCall(C)'),
    failed: column('FailedCall(C)'),
    created: column('TotalCallCreated'),
  };
}

export type ResponseTimes = {
  /** Each response time in ms, in the order they were measured. */
  ms: number[];
  /** When the first and the last were measured, in ms since the epoch. */
  firstAtMs: number;
  lastAtMs: number;
};

/** The response times of one rtd (`1` by default) from a response-time file. */
export function sippResponseTimes(rttCsv: string, rtd = 1): ResponseTimes {
  const ms: number[] = [];
  let firstAtMs = Number.POSITIVE_INFINITY;
  let lastAtMs = Number.NEGATIVE_INFINITY;
  for (const line of rttCsv.split('\n')) {
    const [at, time, number] = line.trim().split(';');
    if (at === undefined || time === undefined || number === undefined) continue;
    if (Number(number) !== rtd || !/^\d/.test(at)) continue;
    const atMs = Number(at);
    const value = Number(time);
    if (!Number.isFinite(atMs) || !Number.isFinite(value))
      throw new Error(`unreadable sipp response time: ${line}`);
    ms.push(value);
    firstAtMs = Math.min(firstAtMs, atMs);
    lastAtMs = Math.max(lastAtMs, atMs);
  }
  if (ms.length === 0) throw new Error(`the sipp response-time file has no response time for rtd ${rtd}`);
  return { ms, firstAtMs, lastAtMs };
}

/** The nearest-rank percentile `p` (0 < p ≤ 100) of `xs`. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
