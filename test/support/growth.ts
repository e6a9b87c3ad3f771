/** Linear work passes with room to spare (10), quadratic work fails by far (100). */
export const LINEAR_GROWTH_BOUND = 30;

const ATTEMPTS = 3;

/**
 * How much longer `work` takes on `large` than on `small`, where `large` is the same shape ten times larger: about
 * 10 for linear work and 100 for quadratic. Runs are timed in processor time used by this process, not by the wall
 * clock, so other processes' turns on the processor do not count; each side is the fastest of many runs after a
 * warm-up: garbage collection and cache misses slow most runs, but a few run undisturbed, and those depend on the
 * work alone, not on the machine's speed or load. A ratio over the bound is measured again, up to three times,
 * and the lowest counts: a disturbance rarely strikes three times running, quadratic work is over it every time.
 */
export function growthRatio<T>(work: (input: T) => unknown, small: T, large: T): number {
  work(small);
  work(large);
  let lowest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && lowest >= LINEAR_GROWTH_BOUND; attempt += 1) {
    lowest = Math.min(lowest, fastestRun(work, large) / fastestRun(work, small));
  }
  return lowest;
}

const SAMPLES = 25;
/** Runs shorter than this are timed in batches, so that the clock's resolution does not matter. */
const SAMPLE_MS = 2;
/** Past this, three samples are enough: slow work (a quadratic regression) fails in seconds, not minutes. */
const BUDGET_MS = 500;

/**
 * The processor time this process has used, in milliseconds. Unlike the wall clock it does not run while other
 * processes have the processor, which is most of the time on a loaded machine.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function fastestRun<T>(work: (input: T) => unknown, input: T): number {
  const started = cpuMs();
  let fastest = Number.POSITIVE_INFINITY;
  let batch = 1;
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    if (sample >= 3 && cpuMs() - started > BUDGET_MS) break;
    const sampleStarted = cpuMs();
    for (let run = 0; run < batch; run += 1) work(input);
    const elapsed = cpuMs() - sampleStarted;
    fastest = Math.min(fastest, elapsed / batch);
    if (elapsed < SAMPLE_MS) batch *= 2;
  }
  return fastest;
}
