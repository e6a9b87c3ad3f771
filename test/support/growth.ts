/** Linear work passes with room to spare (10), quadratic work fails by far (100). */
export const LINEAR_GROWTH_BOUND = 30;

const ATTEMPTS = 3;

/**
 * How much longer `work` takes on `large` than on `small`, where `large` is the same shape ten times larger: about
 * 10 for linear work and 100 for quadratic. Each side is the fastest of many runs after a warm-up: on a busy machine
 * most runs are slowed by other processes and by garbage collection, but a few run undisturbed, and those depend on
 * the work alone, not on the machine's speed or load. A ratio over the bound is measured again, up to three times,
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
const SAMPLE_MS = 0.5;
/** Past this, three samples are enough: slow work (a quadratic regression) fails in seconds, not minutes. */
const BUDGET_MS = 500;

function fastestRun<T>(work: (input: T) => unknown, input: T): number {
  const started = performance.now();
  let fastest = Number.POSITIVE_INFINITY;
  let batch = 1;
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    if (sample >= 3 && performance.now() - started > BUDGET_MS) break;
    const sampleStarted = performance.now();
    for (let run = 0; run < batch; run += 1) work(input);
    const elapsed = performance.now() - sampleStarted;
    fastest = Math.min(fastest, elapsed / batch);
    if (elapsed < SAMPLE_MS) batch *= 2;
  }
  return fastest;
}
