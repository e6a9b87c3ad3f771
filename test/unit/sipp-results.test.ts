import { describe, expect, it } from 'vitest';
import { percentile, sippCounts, sippResponseTimes } from '../../bench/sipp-results.ts';

const HEADER =
  'StartTime;LastResetTime;CurrentTime;ElapsedTime(P);ElapsedTime(C);TargetRate;CallRate(P);CallRate(C);IncomingCall(P);IncomingCall(C);OutgoingCall(P);OutgoingCall(C);TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);FailedCannotSendMessage(P)';

describe("sipp's output files", () => {
  it('reads the cumulative counts from the last line of the statistics file', () => {
    const stat = [
      HEADER,
      '2026-12-06\t20:28:29.039242\t1796588909.039242;2026-12-06\t20:28:29.039242\t1796588909.039242;2026-12-06\t20:28:29.043234\t1796588909.043234;00:00:00;00:00:00;50;0;0;0;0;0;0;0;0;0;0;0;0;0',
      '2026-12-06\t20:28:29.039242\t1796588909.039242;2026-12-06\t20:28:29.043456\t1796588909.043456;2026-12-06\t20:28:31.452805\t1796588911.452805;00:00:02;00:00:02;50;8.3;8.2;0;0;20;20;20;0;15;18;2;2;0',
      '',
    ].join('\n');
    expect(sippCounts(stat)).toEqual({ successful: 18, failed: 2, created: 20 });
  });

  it('refuses a statistics file without counts, naming what is missing', () => {
    expect(() => sippCounts(HEADER)).toThrow('no line after its header');
    expect(() => sippCounts('StartTime;CurrentTime\n1;2\n')).toThrow('no SuccessfulCall(C) column');
  });

  it('reads one rtd of the response-time file, with when the first and last were measured', () => {
    const rtt = 'Date_ms;response_time_ms;rtd_no\n24.001;0;1\n44.001;3;1\n50.5;7;2\n64.001;12;1\n';
    expect(sippResponseTimes(rtt)).toEqual({ ms: [0, 3, 12], firstAtMs: 24.001, lastAtMs: 64.001 });
    expect(sippResponseTimes(rtt, 2).ms).toEqual([7]);
    expect(() => sippResponseTimes('Date_ms;response_time_ms;rtd_no\n')).toThrow(
      'no response time for rtd 1',
    );
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});
